/**
 * The published package's boundary (issue #20). Everything reachable from its entries — src/index.ts
 * (browser-safe SDK), src/node.ts (Node SDK), src/bin.ts (the command), those that exist — is
 * portable: nothing server-only, nothing of the portal's database, auth, pages or components, no
 * Next.js, React, Prisma or pg. The browser entry reaches no `node:` module. And the code shared
 * with the portal is the portal's own lib/ modules, bundled from where they are (build.ts): one
 * copy, used by the /verify page's engine, the /deposit page and the certificate checkers as well —
 * listed here, and a function copied from them into packages/client fails this test.
 *
 * fixtures/stand-in/ (a stand-in SDK entry, used until src/index.ts exists) is held to the same
 * rules, which also proves the checks tell a browser entry from a Node one.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { isServerOnly, ROOT, reachable, sourceFiles } from '@/test/imports';
import { isNodeBuiltin } from '../scripts/check-bundle';

const CLIENT = 'packages/client';
const ENTRIES = ['src/index.ts', 'src/node.ts', 'src/bin.ts', 'fixtures/stand-in/index.ts', 'fixtures/stand-in/node.ts']
  .map((entry) => `${CLIENT}/${entry}`)
  .filter((entry) => existsSync(path.join(ROOT, entry)));
const BROWSER_ENTRIES = ENTRIES.filter((entry) => entry.endsWith('/index.ts'));

const FORBIDDEN_PACKAGES = /^(server-only|@prisma\/|prisma$|pg$|next($|\/)|next-auth|next-intl|react($|-dom|\/))/;
const FORBIDDEN_PATHS = ['lib/db/', 'lib/auth/', 'lib/cases/', 'lib/audit/', 'app/', 'components/'];

/** The portal's pages and checkers that share the package's code. */
const PORTAL = {
  '/verify page': 'lib/verification/engine.ts',
  '/deposit page': 'components/deposit/deposit-tool.tsx',
  'certificate page checker': 'components/certificate-check/engine.ts',
  '/verify certificate checker': 'components/verify/certificate-engine.ts',
};

const reached = new Map(ENTRIES.map((entry) => [entry, reachable(path.join(ROOT, entry))]));

describe('the package reaches only portable code', () => {
  it('has its command entry, at least', () => {
    expect(ENTRIES).toContain(`${CLIENT}/src/bin.ts`);
  });

  it.each(ENTRIES)('%s: nothing server-only, nothing of the portal, only its own code and lib/', (entry) => {
    const { files, packages } = reached.get(entry) as ReturnType<typeof reachable>;
    for (const file of files) {
      for (const forbidden of FORBIDDEN_PATHS) expect(file.startsWith(forbidden), file).toBe(false);
      const own = file.startsWith(`${CLIENT}/src/`) || file.startsWith(`${path.dirname(entry)}/`);
      expect(own || file.startsWith('lib/') || file === `${CLIENT}/package.json`, file).toBe(true);
      if (/\.tsx?$/.test(file)) expect(isServerOnly(readFileSync(path.join(ROOT, file), 'utf8')), file).toBe(false);
    }
    for (const [specifier, importer] of packages) {
      expect(specifier, `${importer} imports ${specifier}`).not.toMatch(FORBIDDEN_PACKAGES);
    }
  });

  it.each(BROWSER_ENTRIES)('%s: reaches no node: module', (entry) => {
    const { packages } = reached.get(entry) as ReturnType<typeof reachable>;
    const node = [...packages].filter(([specifier]) => isNodeBuiltin(specifier));
    expect(node.map(([specifier, importer]) => `${importer} imports ${specifier}`)).toEqual([]);
  });

  it('would notice a node: module and a server-only module', () => {
    const node = reached.get(`${CLIENT}/fixtures/stand-in/node.ts`) as ReturnType<typeof reachable>;
    expect([...node.packages.keys()].some(isNodeBuiltin)).toBe(true);
    const folder = mkdtempSync(path.join(tmpdir(), 'verity-boundary-'));
    try {
      const entry = path.join(folder, 'entry.ts');
      writeFileSync(entry, "import 'server-only';\nexport { ALGORITHMS } from '@/lib/hashing/digests';\n");
      const server = reachable(entry);
      expect([...server.packages.keys()]).toContain('server-only');
      expect(server.files).toContain('lib/hashing/digests.ts');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('one copy of the shared code', () => {
  const portal = Object.entries(PORTAL).map(([name, file]) => ({
    name,
    files: reachable(path.join(ROOT, file)).files,
  }));
  const clientShared = new Set([...reached.values()].flatMap((r) => r.files.filter((f) => f.startsWith('lib/'))));

  it('the package and the portal pages import the same lib/ modules', () => {
    const usedBy = (module: string) => portal.filter((p) => p.files.includes(module)).map((p) => p.name);
    const table = [...clientShared].map((module) => ({ module, usedBy: usedBy(module) }));
    console.info(table.map((row) => `${row.module}  ←  ${row.usedBy.join(', ') || '(the package only)'}`).join('\n'));
    const shared = Object.fromEntries(table.map((row) => [row.module, row.usedBy]));
    expect(shared['lib/tlog/verify-inclusion.ts']).toContain('/verify page');
    expect(shared['lib/ledger/statement/parse-leaf.ts']).toEqual(
      expect.arrayContaining(['/verify page', '/deposit page']),
    );
    expect(shared['lib/certificates/format/verify-certificate.ts']).toContain('/verify certificate checker');
    // The one receipt definition and the one receipt check (the SDK entry, or its stand-in).
    expect(shared['lib/ledger/receipt.schema.ts']).toContain('/verify page');
    expect(shared['lib/verification/check-receipt.ts']).toContain('/verify page');
  });

  it('no function of the shared modules is copied into packages/client', () => {
    const portalShared = new Set([
      ...clientShared,
      ...portal.flatMap((p) => p.files.filter((f) => f.startsWith('lib/'))),
    ]);
    const originals = new Map<string, string>();
    for (const file of portalShared) {
      if (!/\.tsx?$/.test(file)) continue;
      for (const [body, name] of functionsOf(file)) originals.set(body, `${file} ${name}`);
    }
    expect(originals.size).toBeGreaterThan(100);
    const copies: string[] = [];
    for (const file of clientSources()) {
      for (const [body, name] of functionsOf(file)) {
        const original = originals.get(body);
        if (original) copies.push(`${file} ${name} is a copy of ${original}`);
      }
    }
    expect(copies).toEqual([]);
  });

  it('would notice a copy', () => {
    const body = [...functionsOf('lib/tlog/verify-inclusion.ts').keys()][0] as string;
    const copy = `/** Copied. */\nimport { x } from './elsewhere';\n${body.replace(/;/g, ';\n  ')}`;
    expect(new Map(functionsOfText(copy)).has(body)).toBe(true);
  });
});

/** Source files of packages/client (outside node_modules and dist), checkout-relative. */
function clientSources(): string[] {
  const folders = readdirSync(path.join(ROOT, CLIENT), { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'node_modules' && d.name !== 'dist')
    .map((d) => `${CLIENT}/${d.name}`);
  return [...folders.flatMap((f) => sourceFiles(f, { recursive: true })), path.join(ROOT, CLIENT, 'build.ts')].map(
    (f) => path.relative(ROOT, path.resolve(ROOT, f)),
  );
}

/** Each top-level function and class of `file`, its text normalised (no comments, one space), with its name. */
function functionsOf(file: string): Map<string, string> {
  return new Map(functionsOfText(readFileSync(path.join(ROOT, file), 'utf8')));
}

function functionsOfText(text: string): [string, string][] {
  const source = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const printer = ts.createPrinter({ removeComments: true });
  const out: [string, string][] = [];
  for (const statement of source.statements) {
    const declaration =
      (ts.isFunctionDeclaration(statement) && statement.body !== undefined) || ts.isClassDeclaration(statement)
        ? statement
        : undefined;
    if (declaration) {
      const printed = printer.printNode(ts.EmitHint.Unspecified, declaration, source).replace(/\s+/g, ' ');
      // Small helpers (a line or two) are written alike independently; only a real body counts.
      if (printed.length >= 200) {
        out.push([printed.replace(/^export (default )?/, ''), declaration.name?.text ?? '(default)']);
      }
    }
  }
  return out;
}
