/**
 * The `verity` command stays portable (command.ts): every module reachable from main.ts, the
 * command's entry, is walked through its imports, and none may be server-only or belong to the
 * portal (database, auth, Next.js, React, app/, components/). When the depositors' package
 * (DESIGN.md, packages/client) is cut out, this folder and what it reaches go as they are.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isServerOnly, ROOT, reachable } from '@/test/imports';

const ENTRY = path.join(ROOT, 'packages/client/src/cli/main.ts');
const FORBIDDEN_PACKAGES = /^(server-only|@prisma\/|pg$|next($|\/)|next-auth|next-intl|react($|-dom))/;
const FORBIDDEN_PATHS = ['lib/db/', 'lib/auth/', 'lib/cases/', 'lib/audit/', 'app/', 'components/'];

describe('the verity command is portable', () => {
  const { files, packages } = reachable(ENTRY);

  it('reaches the command, the certificate format and the pure libraries, and nothing of the portal', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'packages/client/src/cli/main.ts',
        'packages/client/src/cli/run-verity-cli.ts',
        'packages/client/src/cli/verify-certificate/verify-certificate-command.ts',
        'lib/certificates/format/verify-certificate.ts',
        'lib/certificates/pdf/pdf-attachment.ts',
        'lib/hashing/node.ts',
        'packages/client/src/cli/monitor/monitor-command.ts',
        'packages/client/src/cli/monitor/monitor-log.ts',
        'lib/ledger/statement/parse-leaf.ts',
      ]),
    );
    for (const file of files) {
      for (const forbidden of FORBIDDEN_PATHS) expect(file.startsWith(forbidden), file).toBe(false);
      if (file.endsWith('.ts')) {
        expect(isServerOnly(readFileSync(path.join(ROOT, file), 'utf8')), file).toBe(false);
      }
    }
  });

  it('imports no portal package', () => {
    expect(packages.size).toBeGreaterThan(3);
    for (const [specifier, importer] of packages) {
      expect(specifier, `${importer} imports ${specifier}`).not.toMatch(FORBIDDEN_PACKAGES);
    }
  });

  it('would notice a server-only module', () => {
    // The walk itself: a server module of the portal reaches server-only and the database.
    const server = reachable(path.join(ROOT, 'lib/certificates/get-certificate-file.ts'));
    expect([...server.packages.keys()]).toContain('server-only');
    expect(server.files.some((f) => f.startsWith('lib/db/'))).toBe(true);
  });
});
