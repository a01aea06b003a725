/**
 * Builds the published package into dist/: one bundle per entry (esbuild), every dependency
 * (zod, @noble/*, pdf-lib, asn1js, pkijs…) and the shared pure libraries of the portal's lib/
 * (tlog, hashing, the statement and certificate formats, the checks) inlined, so the package has
 * no dependencies to install and no second copy of that code in the repo.
 *
 *   npm run build -w @verity/client      (or: npx tsx packages/client/build.ts)
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const HERE = import.meta.dirname;
const ROOT = path.resolve(HERE, '../..');
const DIST = path.join(HERE, 'dist');

export async function buildClient(): Promise<void> {
  rmSync(DIST, { recursive: true, force: true });
  await build({
    entryPoints: { cli: path.join(HERE, 'src/bin.ts') },
    outdir: DIST,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    legalComments: 'linked',
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as __verityRequire } from 'node:module'; const require = __verityRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildClient();
