/**
 * The package's JavaScript: esbuild bundles with every dependency and the portal's shared pure code
 * (`@/lib/...`) inlined, so the published package has no dependencies and the repo no second copy.
 * `index` is the browser-safe SDK (platform browser: a `node:` import fails the build), built
 * alone; `node` (the Node SDK) and `cli` (the `verity` command: shebang, executable) are built
 * together with the code they share in dist/chunks/, once rather than twice (the installed size).
 *
 * No source maps are published: with sourcesContent they double the installed size (the 5 MB goal,
 * issue #20) and without it they point at sources the package does not ship; identifiers keep
 * their names (`keepNames`) so a stack trace still says which function failed. Licence comments
 * of the inlined packages are kept beside each bundle (`<bundle>.LEGAL.txt`).
 *
 * @module
 */
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type BuildOptions, build, type Metafile, type Plugin } from 'esbuild';
import { type BundleProblem, checkBundle, isNodeBuiltin } from './check-bundle';

export type EntryName = 'index' | 'node' | 'cli';

export interface BundleClientOptions {
  /** Source file of each entry; an entry left out is not built. */
  entries: Partial<Record<EntryName, string>>;
  outdir: string;
  /** The checkout (for the `@/` paths of its tsconfig.json, and to refuse its paths in a bundle). */
  root: string;
}

export interface BuiltBundle {
  /** The entry this file is, or `chunk`: code the Node SDK and the command share (dist/chunks/). */
  entry: EntryName | 'chunk';
  file: string;
  bytes: number;
  /** Source files inlined in this file (repository-relative or node_modules/…). */
  inputs: string[];
  /** Node modules a package imports dynamically, answered in the browser entry by a module that throws. */
  unavailable: string[];
}

export class BundleError extends Error {
  readonly code = 'BUNDLE_CHECK';
  readonly problems: BundleProblem[];
  constructor(problems: BundleProblem[]) {
    super(`the bundles are not self-contained:\n${problems.map((p) => `  ${p.bundle}: ${p.message}`).join('\n')}`);
    this.problems = problems;
  }
}

// `require` for the CommonJS packages esbuild inlines into an ES module (they require Node built-ins).
const NODE_BANNER =
  "import { createRequire as __verityRequire } from 'node:module'; const require = __verityRequire(import.meta.url);";

/**
 * The browser entry: a package's `import('crypto')` (sm-crypto-v2's fallback for a runtime without
 * `globalThis.crypto`, which no browser nor Node ≥ 20 is) would stay in the bundle as an import
 * a consumer's bundler must then resolve for the browser. It is answered with a module that
 * throws when loaded: the same rejected import the package already handles. A static import of a
 * Node module still fails the build.
 */
function unavailableInBrowsers(stubbed: Set<string>): Plugin {
  return {
    name: 'node-modules-unavailable-in-browsers',
    setup(build) {
      build.onResolve({ filter: /^[a-z_/:]+$/ }, (args) => {
        if (args.kind !== 'dynamic-import' || !isNodeBuiltin(args.path)) return undefined;
        stubbed.add(args.path);
        return { path: args.path, namespace: 'unavailable' };
      });
      build.onLoad({ filter: /.*/, namespace: 'unavailable' }, (args) => ({
        contents: `throw new Error(${JSON.stringify(`${args.path} is a Node module: not available in @verity/client's browser build`)});`,
        loader: 'js',
      }));
    },
  };
}

/** Builds each given entry into `outdir/<entry>.js`, then checks every bundle; throws BundleError on a problem. */
export async function bundleClient(options: BundleClientOptions): Promise<BuiltBundle[]> {
  const { index, ...nodeEntries } = options.entries;
  const built: (BuiltBundle & { problems: BundleProblem[] })[] = [];
  if (index) {
    const stubbed = new Set<string>();
    const browser = { platform: 'browser', target: ['es2022', 'node20'], plugins: [unavailableInBrowsers(stubbed)] };
    built.push(...(await bundleGroup({ index }, browser as BuildOptions, options, stubbed)));
  }
  if (Object.keys(nodeEntries).length > 0) {
    // The Node SDK and the command share most of their code: one build, the shared part in chunks/.
    const node = { platform: 'node', target: 'node20', banner: { js: NODE_BANNER }, splitting: true };
    built.push(...(await bundleGroup(nodeEntries, node as BuildOptions, options, new Set())));
  }
  const problems = built.flatMap((b) => b.problems);
  if (problems.length > 0) throw new BundleError(problems);
  return built.map(({ problems: _, ...bundle }) => bundle);
}

async function bundleGroup(
  entries: Partial<Record<EntryName, string>>,
  settings: BuildOptions,
  options: BundleClientOptions,
  stubbed: Set<string>,
): Promise<(BuiltBundle & { problems: BundleProblem[] })[]> {
  const result = await build({
    entryPoints: entries as Record<string, string>,
    outdir: options.outdir,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    format: 'esm',
    minify: true,
    keepNames: true,
    legalComments: 'linked',
    tsconfig: path.join(options.root, 'tsconfig.json'),
    metafile: true,
    logLevel: 'silent',
    ...settings,
  });
  const metafile = result.metafile as Metafile; // asked for with `metafile: true`
  const out: (BuiltBundle & { problems: BundleProblem[] })[] = [];
  for (const [name, output] of Object.entries(metafile.outputs)) {
    if (!name.endsWith('.js')) continue;
    const file = path.resolve(name);
    const entry = entryOf(output, entries);
    if (entry === 'cli') {
      await writeFile(file, `#!/usr/bin/env node\n${await readFile(file, 'utf8')}`);
      await chmod(file, 0o755);
    }
    const problems = await checkBundle({
      entry: entry === 'index' ? 'index' : 'node',
      file,
      metafile,
      root: options.root,
    });
    const inputs = inputsOf(Object.keys(output.inputs), options.root);
    const unavailable = entry === 'index' ? [...stubbed].sort() : [];
    out.push({ entry, file, bytes: (await stat(file)).size, inputs, unavailable, problems });
  }
  return out;
}

/** Which entry an output is (`chunk` for a shared one). */
function entryOf(
  output: Metafile['outputs'][string],
  entries: Partial<Record<EntryName, string>>,
): EntryName | 'chunk' {
  if (!output.entryPoint) return 'chunk';
  const source = path.resolve(output.entryPoint);
  const found = Object.entries(entries).find(([, s]) => s !== undefined && path.resolve(s) === source);
  return (found?.[0] as EntryName | undefined) ?? 'chunk';
}

function inputsOf(names: string[], root: string): string[] {
  // esbuild names inputs relative to its working directory; say them relative to the checkout.
  return names
    .map((input) => {
      const relative = path.relative(root, path.resolve(input));
      const packaged = relative.lastIndexOf('node_modules/');
      return packaged === -1 ? relative : relative.slice(packaged);
    })
    .sort();
}
