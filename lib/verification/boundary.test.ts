/**
 * lib/verification's boundary (README.md): the browser's checking engine and everything shared
 * with the server is browser-safe — no `server-only`, no `node:` modules, nothing from lib/ but
 * the pure modules below — and the server's parts say `import 'server-only'` first.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, isServerOnly, ROOT, sourceFiles } from '@/test/imports';

const SERVER_ONLY = new Set(['check-against-ledger.ts']);
/** What browser-safe files may import: siblings, zod, and lib's pure modules. */
const ALLOWED =
  /^(\.\/[a-z0-9.-]+|zod|@\/lib\/tlog|@\/lib\/hashing(\/digests)?|@\/lib\/ledger\/(receipt|log)\.schema|@\/lib\/ledger\/statement\/(parse-leaf|leaf-statement\.schema))$/;

describe('lib/verification module boundary', () => {
  it('browser-safe files import only browser-safe modules; server files start with server-only', () => {
    const files = sourceFiles('lib/verification');
    expect(files.length).toBeGreaterThan(10);
    for (const source of files) {
      const file = path.basename(source);
      const text = readFileSync(source, 'utf8');
      if (SERVER_ONLY.has(file)) {
        expect(isServerOnly(text), file).toBe(true);
        continue;
      }
      const imports = importsOf(text);
      expect(
        imports.filter((i) => i.sideEffect),
        file,
      ).toEqual([]);
      for (const { specifier } of imports) expect(specifier, `${file} imports ${specifier}`).toMatch(ALLOWED);
    }
  });

  it('the schemas it shares with the server are browser-safe too', () => {
    for (const file of [
      'lib/ledger/receipt.schema.ts',
      'lib/ledger/log.schema.ts',
      'lib/errors/error-body.schema.ts',
    ]) {
      const imports = importsOf(readFileSync(path.join(ROOT, file), 'utf8'));
      expect(
        imports.filter((i) => i.sideEffect),
        file,
      ).toEqual([]);
      for (const { specifier } of imports) expect(specifier, `${file} imports ${specifier}`).not.toMatch(/^node:/);
    }
  });
});
