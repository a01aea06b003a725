/**
 * lib/witness stays small enough to become a package of its own (issue #20): its files import
 * only each other, lib/tlog, zod and node: modules — nothing else of lib/, no Next.js, no
 * database, no server-only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isServerOnly, sourceFiles, specifiersOf } from '@/test/imports';

describe('lib/witness module boundary', () => {
  it('imports only itself, @/lib/tlog, zod and node: modules', () => {
    const sources = sourceFiles(import.meta.dirname);
    expect(sources.length).toBeGreaterThan(8);
    for (const source of sources) {
      const file = path.basename(source);
      expect(isServerOnly(readFileSync(source, 'utf8')), file).toBe(false);
      for (const specifier of specifiersOf(source)) {
        expect(specifier, `${file} imports ${specifier}`).toMatch(/^(\.\/[a-z0-9-]+|@\/lib\/tlog|zod|node:[a-z/]+)$/);
      }
    }
  });
});
