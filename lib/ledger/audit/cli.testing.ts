/** Runs scripts/ledger-verify.ts the way `npm run ledger:verify` does, for the end-to-end test. */
import { execFile } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with the test process's environment minus the database and keys, plus `env`. */
export function runCli(env: Record<string, string>): Promise<CliResult> {
  const base = { ...process.env };
  for (const name of ['DATABASE_URL', 'VERITY_LOG_SIGNER_KEY', 'VERITY_LOG_VERIFIER_KEY']) delete base[name];
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['tsx', '--conditions=react-server', 'scripts/ledger-verify.ts'],
      { cwd: ROOT, env: { ...base, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
