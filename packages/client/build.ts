/**
 * Builds the published package into dist/ (issue #20):
 *
 * - dist/index.js — the browser-safe SDK (src/index.ts), dist/node.js — the Node SDK (src/node.ts),
 *   dist/cli.js — the `verity` command (src/bin.ts): esbuild bundles with every dependency (zod,
 *   @noble/*, pdf-lib, asn1js, pkijs…) and the shared pure code of the portal's lib/ (tlog, hashing,
 *   the statement and certificate formats, the checks) inlined, so the package has no dependencies
 *   to install and the repo no second copy of that code; checked self-contained
 *   (scripts/bundle-client.ts, scripts/check-bundle.ts);
 * - dist/index.d.ts, dist/node.d.ts and dist/types/ — declarations importing no package
 *   (scripts/emit-types.ts).
 *
 * An entry whose source does not exist yet is skipped. Run with
 *
 *   npm run build -w @verity/client      (also `prepack`: `npm pack -w @verity/client`)
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { type BuiltBundle, bundleClient, type EntryName } from './scripts/bundle-client';
import { emitTypes } from './scripts/emit-types';

const HERE = import.meta.dirname;
const ROOT = path.resolve(HERE, '../..');

/** The entries of the package, where their sources are. */
export const ENTRY_SOURCES: Record<EntryName, string> = {
  index: path.join(HERE, 'src/index.ts'),
  node: path.join(HERE, 'src/node.ts'),
  cli: path.join(HERE, 'src/bin.ts'),
};

export interface BuildClientOptions {
  /** Default: packages/client/dist (emptied first). */
  outdir?: string;
  /** Default: those of ENTRY_SOURCES that exist. */
  entries?: Partial<Record<EntryName, string>>;
  /** Default true; false skips the declarations (the compiler's work: ~10 s), for a test of the bundles alone. */
  types?: boolean;
}

export interface BuiltClient {
  bundles: BuiltBundle[];
  /** Declaration files written, relative to the output folder. */
  types: string[];
  /** Bytes of everything in the output folder. */
  bytes: number;
}

export async function buildClient(options: BuildClientOptions = {}): Promise<BuiltClient> {
  const outdir = options.outdir ?? path.join(HERE, 'dist');
  const entries =
    options.entries ?? Object.fromEntries(Object.entries(ENTRY_SOURCES).filter(([, source]) => existsSync(source)));
  await rm(outdir, { recursive: true, force: true });
  const bundles = await bundleClient({ entries, outdir, root: ROOT });
  const typed = Object.fromEntries(
    Object.entries(entries).filter((e): e is [string, string] => e[0] !== 'cli' && e[1] !== undefined),
  );
  const types =
    options.types !== false && Object.keys(typed).length > 0
      ? await emitTypes({ entries: typed, outdir, root: ROOT, nodeEntries: ['node'] })
      : [];
  return { bundles, types, bytes: await folderBytes(outdir) };
}

async function folderBytes(folder: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(folder, { recursive: true })) {
    const entry = await stat(path.join(folder, name));
    if (entry.isFile()) total += entry.size;
  }
  return total;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const built = await buildClient();
  for (const bundle of built.bundles) {
    const unavailable = bundle.unavailable.length > 0 ? `; throws if loaded: ${bundle.unavailable.join(', ')}` : '';
    console.log(
      `${path.relative(HERE, bundle.file)}  ${(bundle.bytes / 1e6).toFixed(2)} MB  (${bundle.inputs.length} modules${unavailable})`,
    );
  }
  console.log(`dist/  ${(built.bytes / 1e6).toFixed(2)} MB in all, ${built.types.length} declaration files`);
}
