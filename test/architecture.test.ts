/**
 * ARCHITECTURE.md kept true by the code: its module map names only what exists and every folder
 * that exists, and its table of where each module may run is what the imports say. A file of
 * lib/ that the table does not name is a server module and must begin with `import 'server-only'`;
 * a browser module may not reach node: or a server or Node module; no row of the table may be
 * stale. The import rules of the same section (lib/hashing and lib/tlog import nothing else of
 * lib/; lib/ never imports app/ or components/) are checked here too.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, isServerOnly, ROOT, resolveLocal, sourceFiles } from './imports';

const DOC = readFileSync(path.join(ROOT, 'ARCHITECTURE.md'), 'utf8');
// lib/ and the depositors' package's own source (packages/client/src), which shares lib/'s rules.
const LIB = [
  ...sourceFiles('lib', { recursive: true }),
  ...sourceFiles('packages/client/src', { recursive: true }),
].map((file) => path.relative(ROOT, file));
const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

type Runs = 'browser' | 'node' | 'server';
interface Row {
  globs: string[];
  runs: Runs;
  pattern: RegExp;
}

/** `**` any depth, `*` within one name, `{a,b}` either. */
function globPattern(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (glob.startsWith('**/', i)) {
      source += '(?:.*/)?';
      i += 2;
    } else if (glob.startsWith('**', i)) {
      source += '.*';
      i += 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '{') source += '(?:';
    else if (c === '}') source += ')';
    else if (c === ',' && source.lastIndexOf('(?:') > source.lastIndexOf(')')) source += '|';
    else source += c.replace(/[.+?^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** The rows of the table between the `runs-where` markers: globs in backticks, then `browser`, `Node` or `server` (an exception to a later row). */
function runsWhere(doc: string): Row[] {
  const start = doc.indexOf('<!-- runs-where:start -->');
  const end = doc.indexOf('<!-- runs-where:end -->');
  if (start < 0 || end < start) throw new Error('ARCHITECTURE.md has no runs-where table');
  return doc
    .slice(start, end)
    .split('\n')
    .filter((line) => /^\|\s*`/.test(line))
    .map((line) => {
      const [files = '', runs = ''] = line.split('|').slice(1);
      const globs = [...files.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
      const kind = runs.trim().toLowerCase();
      if (kind !== 'browser' && kind !== 'node' && kind !== 'server')
        throw new Error(`runs-where row with "${runs.trim()}": ${line}`);
      return { globs, runs: kind, pattern: new RegExp(globs.map((g) => globPattern(g).source).join('|')) };
    });
}

const ROWS = runsWhere(DOC);
/** Where a lib file may run: the first row naming it, else the server. */
const runsOf = (file: string): Runs => ROWS.find((row) => row.pattern.test(file))?.runs ?? 'server';

/** Non-type imports of `file`: packages by name, local modules by repository path. */
function loads(file: string): { packages: string[]; local: string[] } {
  const packages: string[] = [];
  const local: string[] = [];
  for (const { specifier, typeOnly } of importsOf(readFileSync(path.join(ROOT, file), 'utf8'))) {
    if (typeOnly) continue;
    const resolved = resolveLocal(path.join(ROOT, file), specifier);
    if (resolved) local.push(path.relative(ROOT, resolved));
    else packages.push(specifier);
  }
  return { packages, local };
}

describe('ARCHITECTURE.md: where each module runs', () => {
  it('has a table, and every row names files that exist', () => {
    expect(ROWS.length).toBeGreaterThan(5);
    for (const row of ROWS)
      expect(
        LIB.filter((f) => row.pattern.test(f)),
        row.globs.join(', '),
      ).not.toEqual([]);
  });

  it('server modules, the ones the table does not name, begin with server-only; the others do not import it', () => {
    const wrong = LIB.filter((file) => {
      const serverOnly = isServerOnly(readFileSync(path.join(ROOT, file), 'utf8'));
      return runsOf(file) === 'server' ? !serverOnly : serverOnly;
    }).map((file) => `${file} (${runsOf(file)})`);
    expect(wrong).toEqual([]);
  });

  it('browser modules load nothing of Node and no server or Node module', () => {
    const wrong: string[] = [];
    for (const file of LIB.filter((f) => runsOf(f) === 'browser')) {
      const { packages, local } = loads(file);
      for (const p of packages) if (NODE_BUILTINS.has(p)) wrong.push(`${file} imports ${p}`);
      for (const l of local) {
        if (l.startsWith('lib/') && runsOf(l) !== 'browser') wrong.push(`${file} imports ${l} (${runsOf(l)})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lib/hashing and lib/tlog import nothing from the rest of lib/, and lib/ nothing from app/ or components/', () => {
    const wrong: string[] = [];
    for (const file of LIB) {
      for (const { specifier } of importsOf(readFileSync(path.join(ROOT, file), 'utf8'))) {
        const resolved = resolveLocal(path.join(ROOT, file), specifier);
        const target = resolved ? path.relative(ROOT, resolved) : '';
        if (/^(app|components)\//.test(target)) wrong.push(`${file} imports ${target}`);
        const own = /^lib\/(hashing|tlog)\//.exec(file)?.[0];
        if (own && target.startsWith('lib/') && !target.startsWith(own)) wrong.push(`${file} imports ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('no module imports a folder that holds a package.json by a relative path', () => {
    // lib/tlog/package.json declares the folder free of side effects for the browser's bundle.
    // Playwright's loader hands a relative import of such a folder to Node, which refuses
    // directory imports ("Directory import … is not supported"): import it as @/lib/tlog.
    const files = execFileSync('git', ['ls-files', '*.ts', '*.tsx'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((file) => file && existsSync(path.join(ROOT, file)));
    const wrong: string[] = [];
    for (const file of files) {
      for (const { specifier } of importsOf(readFileSync(path.join(ROOT, file), 'utf8'))) {
        if (!specifier.startsWith('.')) continue;
        const target = path.resolve(ROOT, path.dirname(file), specifier);
        if (existsSync(path.join(target, 'package.json'))) wrong.push(`${file} imports ${specifier}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('would notice a server module without server-only, and a browser module reaching node:', () => {
    expect(runsOf('lib/ledger/seal-batch.ts')).toBe('server');
    expect(runsOf('lib/tlog/hash.ts')).toBe('browser');
    expect(globPattern('lib/{a,b}/**').test('lib/b/c/d.ts')).toBe(true);
    expect(globPattern('lib/a/*.ts').test('lib/a/b/c.ts')).toBe(false);
    expect(NODE_BUILTINS.has('node:fs') && NODE_BUILTINS.has('crypto')).toBe(true);
  });
});

/** The module map: the fenced block under "## Module map", entries by indentation (2 spaces a level). */
function moduleMap(doc: string): string[] {
  const section = doc.slice(doc.indexOf('## Module map'));
  const block = /```\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  const stack: string[] = [];
  const entries: string[] = [];
  for (const line of block.split('\n')) {
    const indent = /^ */.exec(line)?.[0].length ?? 0;
    const name = line.slice(indent).split(/\s{2,}/)[0] ?? '';
    // Entries are names at an even indentation up to 6; deeper lines continue a description.
    if (indent > 6 || indent % 2 !== 0 || !/^[\w.()[\]-][\w.()[\]/-]*\/?$/.test(name)) continue;
    stack.length = indent / 2;
    const parent = stack.at(-1) ?? '';
    const entry = `${parent}${name}`;
    stack.push(entry.endsWith('/') ? entry : `${entry}/`);
    entries.push(entry);
  }
  return entries;
}

describe('ARCHITECTURE.md: the module map', () => {
  const entries = moduleMap(DOC);
  const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n');
  /** Folders holding tracked files, directly below `dir` ('' for the top). */
  const folders = (dir: string) =>
    [
      ...new Set(
        tracked
          .filter((file) => file.startsWith(dir ? `${dir}/` : ''))
          .map((file) => file.slice(dir ? dir.length + 1 : 0).split('/'))
          .filter((parts) => parts.length > 1 && !parts[0]?.startsWith('.'))
          .map((parts) => `${dir ? `${dir}/` : ''}${parts[0]}/`),
      ),
    ].sort();

  it('names only what exists', () => {
    expect(entries.length).toBeGreaterThan(30);
    expect(entries.filter((entry) => !existsSync(path.join(ROOT, entry)))).toEqual([]);
  });

  it('names every top-level folder and every folder of lib/ and components/', () => {
    const expected = [...folders(''), ...folders('lib'), ...folders('components')];
    expect(expected.length).toBeGreaterThan(25);
    expect(expected.filter((folder) => !entries.includes(folder))).toEqual([]);
  });
});
