/**
 * What a source file imports, read from its text: the one scanner behind the tests that hold
 * modules to their boundaries (test/architecture.test.ts for the rules in ARCHITECTURE.md, and the
 * folders' own boundary tests: lib/tlog, lib/ledger/statement, lib/verification,
 * lib/certificates/format, packages/client/src/cli). It reads `import … from '…'`, `export … from '…'`,
 * side-effect imports (`import 'server-only'`) and `import('…')` with a literal, and ignores
 * comments; `import type` is reported as such, since it is erased and never loads the module.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');

export interface ImportOf {
  specifier: string;
  /** `import type …` / `export type … from` (erased at build time). */
  typeOnly: boolean;
  /** `import '…'`, run for its effect (e.g. server-only). */
  sideEffect: boolean;
  /** `import('…')`, loaded on first use. */
  dynamic: boolean;
}

const STATEMENT =
  /^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*'([^']+)'|^\s*import\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/gm;

/** Every import of `text` (a TypeScript or JavaScript module), in order. */
export function importsOf(text: string): ImportOf[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...code.matchAll(STATEMENT)].map((m) => {
    if (m[5]) return { specifier: m[5], typeOnly: false, sideEffect: true, dynamic: false };
    if (m[6]) return { specifier: m[6], typeOnly: false, sideEffect: false, dynamic: true };
    // `import { type A, type B } from` is erased too when every name is a type.
    const names = m[3] ?? '';
    const allTypes =
      /^\{[^}]*\}$/.test(names) &&
      names
        .slice(1, -1)
        .split(',')
        .filter((n) => n.trim())
        .every((n) => /^\s*type\s/.test(n));
    return { specifier: m[4] as string, typeOnly: Boolean(m[2]) || allTypes, sideEffect: false, dynamic: false };
  });
}

/** The specifiers `file` imports (every kind), for the simple allow-list checks. */
export function specifiersOf(file: string): string[] {
  return importsOf(readFileSync(file, 'utf8')).map((i) => i.specifier);
}

/** Whether the module says `import 'server-only'` (the Next.js bundler then refuses it in client code). */
export function isServerOnly(text: string): boolean {
  return importsOf(text).some((i) => i.sideEffect && i.specifier === 'server-only');
}

/** Source files of `dir` (repository-relative or absolute), tests and test support left out. */
export function sourceFiles(dir: string, options: { recursive?: boolean } = {}): string[] {
  const absolute = path.resolve(ROOT, dir);
  const out: string[] = [];
  for (const entry of readdirSync(absolute, { withFileTypes: true })) {
    const full = path.join(absolute, entry.name);
    if (entry.isDirectory()) {
      if (options.recursive && entry.name !== 'generated' && entry.name !== 'testing') {
        out.push(...sourceFiles(full, options));
      }
    } else if (/\.tsx?$/.test(entry.name) && !/\.(test|testing)\.tsx?$|\.d\.ts$/.test(entry.name)) {
      out.push(full);
    }
  }
  return out.sort();
}

/** The file a local specifier (`./x`, `../x`, `@/x`) names, or null for a package. */
export function resolveLocal(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.') && !specifier.startsWith('@/')) return null;
  const base = specifier.startsWith('@/')
    ? path.join(ROOT, specifier.slice(2))
    : path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && /\.(ts|tsx|json|mjs|js)$/.test(candidate)) return candidate;
  }
  throw new Error(`${path.relative(ROOT, from)}: cannot resolve ${specifier}`);
}

/** Every local module reachable from `entry` through its imports (type-only ones skipped), and the packages they import. */
export function reachable(entry: string): { files: string[]; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    if (file.endsWith('.json')) continue;
    for (const { specifier, typeOnly } of importsOf(readFileSync(file, 'utf8'))) {
      if (typeOnly) continue;
      const local = resolveLocal(file, specifier);
      if (local) queue.push(local);
      else packages.set(specifier, path.relative(ROOT, file));
    }
  }
  return { files: [...files].map((f) => path.relative(ROOT, f)).sort(), packages };
}
