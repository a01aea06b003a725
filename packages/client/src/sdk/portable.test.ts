/**
 * The browser-safe entry stays browser-safe: every module reachable from index.ts (the SDK, and
 * what it reaches in lib/) is walked through its imports; none may import a `node:` module or
 * Node's built-ins, nothing server-only, nothing of the portal (database, auth, Next.js, React).
 * The Node entry (node.ts) may add Node, and only through node/ and lib/hashing/node.
 */

import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isServerOnly, ROOT, reachable } from '@/test/imports';

const NODE = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const FORBIDDEN_PACKAGES = /^(server-only|@prisma\/|pg$|next($|\/)|next-auth|next-intl|react($|-dom))/;
const FORBIDDEN_PATHS = ['lib/db/', 'lib/auth/', 'lib/cases/', 'lib/audit/', 'app/', 'components/'];

describe('@verity/client entries', () => {
  it('index.ts reaches the SDK and the shared checks, and no Node module', () => {
    const { files, packages } = reachable(path.join(ROOT, 'packages/client/src/index.ts'));
    expect(files).toEqual(
      expect.arrayContaining([
        'packages/client/src/sdk/verity-client.ts',
        'packages/client/src/sdk/verify-receipt.ts',
        'lib/verification/check-receipt.ts',
        'lib/verification/checkpoint-memory.ts',
        'lib/anchor/check-deposit-anchor.ts',
        'lib/ledger/receipt.schema.ts',
        'lib/hashing/hash-blob.ts',
        'lib/ledger/statement/sign-deposit-request.ts',
      ]),
    );
    for (const [specifier, importer] of packages) {
      expect(NODE.has(specifier), `${importer} imports ${specifier}`).toBe(false);
      expect(specifier, `${importer} imports ${specifier}`).not.toMatch(FORBIDDEN_PACKAGES);
    }
    for (const file of files) {
      for (const forbidden of FORBIDDEN_PATHS) expect(file.startsWith(forbidden), file).toBe(false);
      if (file.endsWith('.ts')) expect(isServerOnly(readFileSync(path.join(ROOT, file), 'utf8')), file).toBe(false);
    }
  });

  it('node.ts adds Node only through node/ and lib/hashing/node', () => {
    const { packages } = reachable(path.join(ROOT, 'packages/client/src/node.ts'));
    const nodeImporters = [...packages].filter(([specifier]) => NODE.has(specifier)).map(([, importer]) => importer);
    expect(nodeImporters.length).toBeGreaterThan(0);
    for (const importer of nodeImporters) {
      expect(importer, importer).toMatch(/^(packages\/client\/src\/node\/|lib\/hashing\/)/);
    }
  });
});
