/**
 * Programs from outside npm that some tests compare against (poppler's pdftotext, zbarimg,
 * openssl, sha256sum, Go). On a developer's machine without one, its tests are skipped with a
 * note saying what to install; under CI (`CI` set, as `.ci/run` does) a missing program FAILS the
 * run, so a CI image that lost a package cannot turn a check off without anyone noticing.
 *
 * Use: `const poppler = requireTools('poppler-utils', ['pdftotext', 'pdftoppm'])` at the top level
 * of a test file (it registers one test, "has poppler-utils", that fails under CI when a program is
 * missing), then `it.runIf(poppler)(…)` or `describe.runIf(poppler)(…)` for the tests that need it.
 */
import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';

/** Why `command args…` cannot serve as a reference here (not installed, fails, or its output lacks `mustPrint`); null when it can. */
export function commandProblem(command: string, args: string[], mustPrint?: RegExp): string | null {
  const run = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
  if (run.error) return `${command} is not installed (${run.error.message})`;
  if (run.status !== 0) return `\`${command} ${args.join(' ')}\` exited with ${run.status}: ${run.stderr.trim()}`;
  if (mustPrint && !mustPrint.test(run.stdout)) return `\`${command} ${args.join(' ')}\` does not print ${mustPrint}`;
  return null;
}

/** Whether every program in `programs` is on PATH. */
function missingPrograms(programs: readonly string[]): string[] {
  return programs.filter((name) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', name]).status !== 0);
}

/**
 * Registers the test "has <what>" and returns whether the tool is usable. `check` is either the
 * programs that must be on PATH or a problem already found (null for none, e.g. from commandProblem).
 */
export function requireTools(what: string, check: readonly string[] | string | null, install?: string): boolean {
  const problem =
    check === null || typeof check === 'string'
      ? check
      : ((missing) => (missing.length ? `${missing.join(', ')} not on PATH` : null))(missingPrograms(check));
  it(`has ${what}`, (context) => {
    if (problem === null) return;
    const message = `${what}: ${problem}${install ? ` (install: ${install})` : ''}`;
    if (process.env.CI) expect.fail(`${message}. CI is set, so a missing tool fails instead of skipping.`);
    context.skip(message);
  });
  return problem === null;
}
