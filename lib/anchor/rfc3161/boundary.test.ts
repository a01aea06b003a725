/**
 * checkTimestampToken runs in the browser (the exhibit and /verify pages) as well as in Node: every
 * module it loads, followed import by import from check-token.ts, is in this folder and imports
 * only pkijs, asn1js and zod — no node: module, nothing else of lib/, no server-only. The Node
 * side (responder, authority folder, TSA client) is named here so that a new file is a decision.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isServerOnly, resolveLocal, sourceFiles, specifiersOf } from '@/test/imports';

const NODE_SIDE = new Set(['responder.ts', 'open-demo-authority.ts', 'request-timestamp.ts']);

function importGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop() as string;
    if (graph.has(file)) continue;
    const specifiers = specifiersOf(file);
    graph.set(file, specifiers);
    for (const s of specifiers) {
      const local = resolveLocal(file, s);
      if (local) queue.push(local);
    }
  }
  return graph;
}

describe('lib/anchor/rfc3161 module boundary', () => {
  it('check-token.ts reaches only browser-safe modules of this folder, and packages pkijs, asn1js, zod', () => {
    const graph = importGraph(path.join(import.meta.dirname, 'check-token.ts'));
    expect(graph.size).toBeGreaterThan(5);
    for (const [file, specifiers] of graph) {
      const name = path.relative(import.meta.dirname, file);
      expect(path.dirname(file), `${name} is outside the folder`).toBe(import.meta.dirname);
      expect(NODE_SIDE.has(name), `${name} is a Node module`).toBe(false);
      expect(isServerOnly(readFileSync(file, 'utf8')), name).toBe(false);
      for (const s of specifiers) expect(s, `${name} imports ${s}`).toMatch(/^(\.\/[a-z0-9-]+|pkijs|asn1js|zod)$/);
    }
  });

  it('no file but the Node side imports node: modules', () => {
    const sources = sourceFiles(import.meta.dirname).map((s) => path.basename(s));
    for (const name of NODE_SIDE) expect(sources).toContain(name);
    for (const name of sources.filter((n) => !NODE_SIDE.has(n))) {
      const nodeImports = specifiersOf(path.join(import.meta.dirname, name)).filter((s) => s.startsWith('node:'));
      expect(nodeImports, name).toEqual([]);
    }
  });

  it('would notice a node: import (the scanner reads this very file)', () => {
    expect(specifiersOf(path.join(import.meta.dirname, 'boundary.test.ts'))).toContain('node:fs');
  });
});
