/**
 * format/ is browser-safe like lib/certificates/format, whose pieces it uses: what the offline
 * checker (`npx verity`) and any page can load — no node:, server-only, Buffer or process.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reachable, sourceFiles, specifiersOf } from '@/test/imports';

const DIR = import.meta.dirname;

describe('lib/deposit-certificates/format', () => {
  it('imports only zod, noble, lib/tlog, the statement, zod-issues, the certificate format and the anchor schema', () => {
    const sources = sourceFiles(DIR).filter((f) => !f.endsWith('.test.ts'));
    expect(sources.map((f) => path.basename(f)).sort()).toEqual([
      'deposit-certificate-body.ts',
      'sign-deposit-certificate.ts',
      'verify-deposit-certificate.ts',
    ]);
    for (const source of sources) {
      const file = path.basename(source);
      for (const specifier of specifiersOf(source)) {
        expect(specifier, `${file} imports ${specifier}`).toMatch(
          /^(\.\/[a-z0-9-]+|zod|@noble\/(hashes|curves)\/[a-z0-9]+\.js|@\/lib\/tlog|@\/lib\/ledger\/statement\/[a-z0-9.-]+|@\/lib\/errors\/zod-issues|@\/lib\/certificates\/format\/[a-z0-9-]+|@\/lib\/anchor\/deposit-anchor\.schema)$/,
        );
      }
      expect(readFileSync(source, 'utf8'), file).not.toMatch(/\bBuffer\.|\bprocess\.|\brequire\(|server-only/);
    }
  });

  it('reaches nothing server-only', () => {
    const { packages } = reachable(path.join(DIR, 'verify-deposit-certificate.ts'));
    expect([...packages.keys()]).not.toContain('server-only');
  });
});
