/**
 * The package's JavaScript: one esbuild bundle per entry, every dependency and the portal's shared
 * pure code (`@/lib/...`) inlined, so the published package has no dependencies and the repo no
 * second copy. `index` is the browser-safe SDK (platform browser: a `node:` import fails the
 * build), `node` the Node SDK, `cli` the `verity` command (shebang, executable).
 *
 * No source maps are published: with sourcesContent they double the installed size (the 5 MB goal,
 * issue #20) and without it they point at sources the package does not ship; identifiers keep
 * their names (`keepNames`) so a stack trace still says which function failed. Licence comments
 * of the inlined packages are kept beside each bundle (`<bundle>.LEGAL.txt`).
 *
 * @module
 */
import { chmod, stat } from 'node:fs/promises';
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
  entry: EntryName;
  file: string;
  bytes: number;
  /** Source files inlined (repository-relative or node_modules/…), for the boundary report. */
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

function settings(entry: EntryName, stubbed: Set<string>): BuildOptions {
  if (entry === 'index') {
    return { platform: 'browser', target: ['es2022', 'node20'], plugins: [unavailableInBrowsers(stubbed)] };
  }
  if (entry === 'node') return { platform: 'node', target: 'node20', banner: { js: NODE_BANNER } };
  return { platform: 'node', target: 'node20', banner: { js: `#!/usr/bin/env node\n${NODE_BANNER}` } };
}

/** Builds each given entry into `outdir/<entry>.js`, then checks every bundle; throws BundleError on a problem. */
export async function bundleClient(options: BundleClientOptions): Promise<BuiltBundle[]> {
  const built: BuiltBundle[] = [];
  const problems: BundleProblem[] = [];
  for (const [entry, source] of Object.entries(options.entries) as [EntryName, string][]) {
    const stubbed = new Set<string>();
    const result = await build({
      entryPoints: { [entry]: source },
      outdir: options.outdir,
      bundle: true,
      format: 'esm',
      minify: true,
      keepNames: true,
      legalComments: 'linked',
      tsconfig: path.join(options.root, 'tsconfig.json'),
      metafile: true,
      logLevel: 'silent',
      ...settings(entry, stubbed),
    });
    const file = path.join(options.outdir, `${entry}.js`);
    const metafile = result.metafile as Metafile; // asked for with `metafile: true`
    if (entry === 'cli') await chmod(file, 0o755);
    problems.push(...(await checkBundle({ entry, file, metafile, root: options.root })));
    const bytes = (await stat(file)).size;
    built.push({ entry, file, bytes, inputs: inputsOf(metafile, options.root), unavailable: [...stubbed].sort() });
  }
  if (problems.length > 0) throw new BundleError(problems);
  return built;
}

function inputsOf(metafile: Metafile, root: string): string[] {
  // esbuild names inputs relative to its working directory; say them relative to the checkout.
  return Object.keys(metafile.inputs)
    .map((input) => {
      const relative = path.relative(root, path.resolve(input));
      const packaged = relative.lastIndexOf('node_modules/');
      return packaged === -1 ? relative : relative.slice(packaged);
    })
    .sort();
}
