/**
 * The monitor's logic moves into the depositors' SDK package later (DESIGN.md, packages/client)
 * and may run in a browser or a worker: one pass (monitor-log.ts), the pins (monitor-trust.ts),
 * the state's schema (monitor-state.ts) and the HTTP client (portal-client.ts) reach no Node
 * module and nothing of lib/ beyond lib/tlog, the statement parser (and the browser-safe lib/hashing it
 * uses) and the zod issue text. The
 * Node parts (the state file, node:crypto hashing, the command) are the files beside them.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, reachable } from '@/test/imports';

const PORTABLE = ['monitor-log.ts', 'monitor-trust.ts', 'monitor-state.ts', 'portal-client.ts'];
const ALLOWED_LIB =
  /^(lib\/(tlog\/|hashing\/(?!node)|ledger\/statement\/|errors\/(zod-issues|app-error|codes))|packages\/client\/src\/cli\/((command|exit-codes)\.ts|monitor\/))/;

describe('the monitor’s portable modules', () => {
  for (const file of PORTABLE) {
    it(`${file} reaches no Node module and only the pure libraries`, () => {
      const { files, packages } = reachable(path.join(ROOT, 'packages/client/src/cli/monitor', file));
      for (const [specifier, importer] of packages) {
        expect(specifier, `${importer} imports ${specifier}`).not.toMatch(/^node:|^(fs|path|crypto|http|os)$/);
      }
      for (const f of files) expect(f, f).toMatch(ALLOWED_LIB);
      for (const node of ['monitor-state-file.ts', 'node-merkle-hasher.ts', 'monitor-command.ts']) {
        expect(files).not.toContain(`packages/client/src/cli/monitor/${node}`);
      }
    });
  }
});
