/**
 * The package's declaration files, made offline with the TypeScript compiler the repo already has
 * (no dts-bundle-generator or rollup-plugin-dts installed): `tsc`'s declaration emit of every module
 * the entries reach, kept under dist/types/<path in the checkout>.d.ts, with
 *
 * - the `@/` paths of the checkout rewritten to relative `.js` specifiers (what an installed ES
 *   module's declarations must say under `moduleResolution: node16|nodenext|bundler`);
 * - every declaration written in terms of a package (zod: the receipt types are `z.output<…>`)
 *   rewritten by expand-package-types.ts into plain TypeScript, since no package is installed with
 *   this one;
 * - only the files the entries' declarations reach, and `dist/<entry>.d.ts` re-exporting its module.
 *
 * Refused (TypesError): a declaration diagnostic, a package type it cannot expand, a `node:` type
 * reached from the browser entry.
 *
 * @module
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';
import { expandPackageTypes } from './expand-package-types';
import { rewriteSpecifiers } from './rewrite-specifiers';

export interface EmitTypesOptions {
  /** Source file of each typed entry (`index`, `node`); `dist/<name>.d.ts` is written for each. */
  entries: Record<string, string>;
  outdir: string;
  /** The checkout (its tsconfig.json gives the compiler options and the `@/` paths). */
  root: string;
  /** Entries whose declarations may use Node's types (`node:` modules, @types/node). */
  nodeEntries?: readonly string[];
}

export class TypesError extends Error {
  readonly code = 'TYPES';
}

/** Writes the declarations; returns the files written (relative to `outdir`). */
export async function emitTypes(options: EmitTypesOptions): Promise<string[]> {
  const root = path.resolve(options.root);
  for (const entry of Object.values(options.entries)) {
    // Declarations are placed by their path in the checkout (dist/types/…): one outside has no place.
    if (!path.resolve(entry).startsWith(`${root}${path.sep}`)) throw new TypesError(`${entry} is outside the checkout`);
  }
  const configFile = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
  const compilerOptions: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    declarationMap: false,
    sourceMap: false,
    incremental: false,
    plugins: [],
    rootDir: root,
    outDir: path.join(root, '.types-out'), // never written: the emit is captured in memory
  };
  const program = ts.createProgram(
    Object.values(options.entries).map((entry) => path.resolve(entry)),
    compilerOptions,
  );
  const emitted = new Map<string, string>(); // source file → its declarations
  const result = program.emit(
    undefined,
    (fileName, text, _bom, _onError, sources) => {
      const source = sources?.[0];
      if (source && fileName.endsWith('.d.ts')) emitted.set(source.fileName, text);
    },
    undefined,
    true,
  );
  const errors = result.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) {
    throw new TypesError(ts.formatDiagnostics(errors, formatHost(root)));
  }

  const checker = program.getTypeChecker();
  const files = new Map<string, string>(); // path under dist/types → text
  const nodeTyped = new Set<string>(); // files whose declarations use Node's types
  const graph = new Map<string, string[]>(); // source file → the source files its declarations import
  const queue = Object.values(options.entries).map((entry) => path.resolve(entry));
  const seen = new Set<string>();
  const problems: string[] = [];
  while (queue.length > 0) {
    const sourceName = queue.pop() as string;
    if (seen.has(sourceName)) continue;
    seen.add(sourceName);
    const source = program.getSourceFile(sourceName);
    const text = emitted.get(sourceName);
    if (!source || text === undefined) throw new TypesError(`no declarations were emitted for ${sourceName}`);
    const expanded = expandPackageTypes({ text, source, checker, program });
    problems.push(...expanded.problems.map((p) => `${path.relative(root, sourceName)}: ${p}`));
    const rewritten = rewriteSpecifiers({ text: expanded.text, source, compilerOptions, root });
    problems.push(...rewritten.problems.map((p) => `${path.relative(root, sourceName)}: ${p}`));
    if (rewritten.usesNode) nodeTyped.add(sourceName);
    graph.set(sourceName, rewritten.dependencies);
    files.set(typesPath(root, sourceName), rewritten.text);
    queue.push(...rewritten.dependencies);
  }
  if (problems.length > 0) throw new TypesError(`the declarations cannot be published:\n  ${problems.join('\n  ')}`);

  for (const [name, entry] of Object.entries(options.entries)) {
    const from = typesPath(root, path.resolve(entry)).replace(/\.d\.ts$/, '.js');
    files.set(`${name}.d.ts`, `export * from './${from}';\n`);
    if (!options.nodeEntries?.includes(name)) {
      for (const file of reachedFrom(path.resolve(entry), graph)) {
        if (nodeTyped.has(file)) {
          throw new TypesError(`${name}.d.ts reaches Node's types (${path.relative(root, file)}); it must not`);
        }
      }
    }
  }
  for (const [file, text] of files) {
    await mkdir(path.dirname(path.join(options.outdir, file)), { recursive: true });
    await writeFile(path.join(options.outdir, file), text);
  }
  return [...files.keys()].sort();
}

/** `types/<path in the checkout>.d.ts` for a source file. */
function typesPath(root: string, sourceName: string): string {
  return path.posix.join(
    'types',
    path
      .relative(root, sourceName)
      .split(path.sep)
      .join('/')
      .replace(/\.tsx?$/, '.d.ts'),
  );
}

/** The source files whose declarations `entry`'s declarations reach. */
function reachedFrom(entry: string, graph: Map<string, string[]>): Set<string> {
  const reached = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (reached.has(file)) continue;
    reached.add(file);
    queue.push(...(graph.get(file) ?? []));
  }
  return reached;
}

function formatHost(root: string): ts.FormatDiagnosticsHost {
  return { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' };
}
