/**
 * The `verity` command stays portable (command.ts): every module reachable from main.ts, the
 * command's entry, is walked through its imports, and none may be server-only or belong to the
 * portal (database, auth, Next.js, React, app/, components/). When the depositors' package
 * (DESIGN.md, packages/client) is cut out, this folder and what it reaches go as they are.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ENTRY = path.join(ROOT, 'lib/cli/main.ts');
const FORBIDDEN_PACKAGES = /^(server-only|@prisma\/|pg$|next($|\/)|next-auth|next-intl|react($|-dom))/;
const FORBIDDEN_PATHS = ['lib/db/', 'lib/auth/', 'lib/cases/', 'lib/audit/', 'app/', 'components/'];

function resolveLocal(from: string, specifier: string): string {
  const base = specifier.startsWith('@/')
    ? path.join(ROOT, specifier.slice(2))
    : path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && candidate.match(/\.(ts|tsx|json)$/)) return candidate;
  }
  throw new Error(`${path.relative(ROOT, from)}: cannot resolve ${specifier}`);
}

/** Every local module reachable from `entry`, and every package specifier they import. */
function reachable(entry: string): { files: string[]; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    if (file.endsWith('.json')) continue;
    const text = readFileSync(file, 'utf8');
    const specifiers = [
      ...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm),
      ...text.matchAll(/^\s*import\s+'([^']+)'/gm),
      ...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g),
    ].map((m) => m[1] as string);
    for (const specifier of specifiers) {
      if (specifier.startsWith('.') || specifier.startsWith('@/')) queue.push(resolveLocal(file, specifier));
      else packages.set(specifier, path.relative(ROOT, file));
    }
  }
  return { files: [...files].map((f) => path.relative(ROOT, f)).sort(), packages };
}

describe('the verity command is portable', () => {
  const { files, packages } = reachable(ENTRY);

  it('reaches the command, the certificate format and the pure libraries, and nothing of the portal', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'lib/cli/main.ts',
        'lib/cli/run-verity-cli.ts',
        'lib/cli/verify-certificate/verify-certificate-command.ts',
        'lib/certificates/format/verify-certificate.ts',
        'lib/certificates/pdf/pdf-attachment.ts',
        'lib/hashing/node.ts',
      ]),
    );
    for (const file of files) {
      for (const forbidden of FORBIDDEN_PATHS) expect(file.startsWith(forbidden), file).toBe(false);
      if (file.endsWith('.ts')) {
        expect(readFileSync(path.join(ROOT, file), 'utf8'), file).not.toMatch(/^\s*import\s+'server-only'/m);
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
