/**
 * Runs the Go tests beside go-verify (`go test`, offline, as build.ts builds): tiles_test.go writes
 * logs with x/mod's own tile code in the C2SP layout and reads them back through go-verify's
 * path adapter (lib/ledger/http/tile-api.test.ts runs the same reader on the portal's tiles).
 * Skipped without Go, except under CI.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildGoVerifier, GO_VERIFY_DIR, GO_VERIFY_MISSING_MESSAGE, offlineGoEnv } from './build';

const binary = await buildGoVerifier();
if (!binary) console.warn(GO_VERIFY_MISSING_MESSAGE);

describe('go test in tools/go-verify', () => {
  it.skipIf(!binary && !process.env.CI)(
    'passes (the C2SP tile path adapter and tile reading)',
    { timeout: 300_000 },
    async () => {
      if (!binary) throw new Error(`CI is set but Go is missing. ${GO_VERIFY_MISSING_MESSAGE}`);
      const { stdout } = await promisify(execFile)('go', ['test', '-count=1', './...'], {
        cwd: GO_VERIFY_DIR,
        env: offlineGoEnv(),
        timeout: 300_000,
      });
      expect(stdout).toMatch(/^ok\s/m);
    },
  );
});
