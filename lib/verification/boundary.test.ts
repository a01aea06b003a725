/**
 * lib/verification's boundary (README.md): the browser's checking engine and everything shared
 * with the server is browser-safe — no `server-only`, no `node:` modules, nothing from lib/ but
 * the pure modules below — and the server's parts say `import 'server-only'` first.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SERVER_ONLY = new Set(['check-against-ledger.ts']);
/** What browser-safe files may import: siblings, zod, and lib's pure modules. */
const ALLOWED =
  /^(\.\/[a-z0-9.-]+|zod|@\/lib\/tlog|@\/lib\/hashing(\/digests)?|@\/lib\/ledger\/(receipt|log)\.schema|@\/lib\/ledger\/statement\/(parse-leaf|leaf-statement\.schema))$/;

/** Static and dynamic import specifiers, comments left out. */
const specifiers = (text: string) =>
  [
    ...text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\('([^']+)'\)/gm),
  ].map((m) => m[1] ?? m[2]);

const sources = (dir: string) =>
  readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.testing.ts'));

describe('lib/verification module boundary', () => {
  it('browser-safe files import only browser-safe modules; server files start with server-only', () => {
    const dir = path.join(ROOT, 'lib/verification');
    const files = sources(dir);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      if (SERVER_ONLY.has(file)) {
        expect(text.startsWith("import 'server-only';"), file).toBe(true);
        continue;
      }
      expect(text, file).not.toMatch(/^\s*import\s+'[^']+'/m);
      for (const specifier of specifiers(text)) expect(specifier, `${file} imports ${specifier}`).toMatch(ALLOWED);
    }
  });

  it('the schemas it shares with the server are browser-safe too', () => {
    for (const file of [
      'lib/ledger/receipt.schema.ts',
      'lib/ledger/log.schema.ts',
      'lib/errors/error-body.schema.ts',
    ]) {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      expect(text, file).not.toMatch(/^\s*import\s+'[^']+'/m);
      for (const specifier of specifiers(text)) expect(specifier, `${file} imports ${specifier}`).not.toMatch(/^node:/);
    }
  });
});
