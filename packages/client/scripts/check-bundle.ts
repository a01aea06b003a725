/**
 * What a bundle of the published package may not contain, since the package installs nothing
 * else (package.json has no "dependencies") and runs outside this checkout: a native addon
 * (`.node`), an import or `require` of a package left external, a `node:` module in the
 * browser-safe entry, a file loaded from beside the bundle (`new URL('./x', import.meta.url)`) that
 * is not there, or a path of the machine that built it (a source path or a `__dirname`
 * baked in would name a folder that does not exist where the package is installed).
 *
 * Reads esbuild's metafile for what was inlined and imported, and the bundle's text for what a
 * metafile does not show (a `require("x")` written as a string in an inlined CommonJS package).
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { readFile, realpath } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import path from 'node:path';
import type { Metafile } from 'esbuild';

export interface BundleProblem {
  bundle: string;
  message: string;
}

export interface CheckBundleOptions {
  entry: 'index' | 'node' | 'cli';
  /** The bundle (a file esbuild wrote). */
  file: string;
  /** esbuild's metafile for it; without one only the text is checked. */
  metafile?: Metafile;
  /** The checkout: neither it nor the folder its node_modules really is may be named in the bundle. */
  root: string;
}

const BUILTIN = new Set(builtinModules);

/** Whether `specifier` is one of Node's own modules (`node:fs`, `fs`, `fs/promises`). */
export function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || BUILTIN.has(specifier);
}

const REQUIRE_CALL = /\b(?:__)?require\(\s*["'`]([^"'`]+)["'`]\s*\)/g;
const NODE_SPECIFIER = /["'`](node:[a-z_/]+)["'`]/g;
// A file loaded from beside the module (a worker, a wasm or font file): it must be in the package.
const BESIDE = /new URL\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*,\s*import\.meta\.url\s*\)/g;

/** Every problem of one bundle (empty when it is self-contained). */
export async function checkBundle(options: CheckBundleOptions): Promise<BundleProblem[]> {
  const bundle = path.basename(options.file);
  const problems: BundleProblem[] = [];
  const problem = (message: string) => problems.push({ bundle, message });
  const text = await readFile(options.file, 'utf8');

  if (options.metafile) {
    for (const input of Object.keys(options.metafile.inputs)) {
      if (input.endsWith('.node')) problem(`inlines the native addon ${input}`);
    }
    const output = Object.entries(options.metafile.outputs).find(([name]) => path.resolve(name) === options.file);
    for (const imported of output?.[1].imports ?? []) {
      if (!imported.external) continue;
      if (options.entry === 'index')
        problem(`imports ${imported.path} (${imported.kind}); the browser entry imports nothing`);
      else if (!isNodeBuiltin(imported.path))
        problem(`imports the package ${imported.path}, which is not installed with it`);
    }
  }
  for (const [, specifier] of text.matchAll(REQUIRE_CALL)) {
    if (specifier && !isNodeBuiltin(specifier)) problem(`requires ${specifier}, which is not installed with it`);
    else if (options.entry === 'index') problem(`requires the Node module ${specifier}`);
  }
  if (options.entry === 'index') {
    for (const [, specifier] of text.matchAll(NODE_SPECIFIER)) problem(`names the Node module ${specifier}`);
  }
  for (const [, beside] of text.matchAll(BESIDE)) {
    if (beside && !existsSync(path.resolve(path.dirname(options.file), beside))) {
      problem(`loads ${beside} from beside itself, which the package does not ship`);
    }
  }
  for (const local of await machinePaths(options.root)) {
    if (text.includes(local)) problem(`contains the build machine's path ${local}`);
  }
  return problems;
}

/** The checkout and where its node_modules really are (a symlink to another checkout's, here). */
async function machinePaths(root: string): Promise<string[]> {
  const paths = new Set([path.resolve(root)]);
  try {
    paths.add(path.dirname(await realpath(path.join(root, 'node_modules'))));
  } catch {
    // No node_modules beside the checkout: nothing more to look for.
  }
  return [...paths];
}
