/**
 * The `verity` command of the published package (package.json "bin" → dist/cli.js, built from this
 * file by build.ts). In the portal's checkout, `npx verity` runs bin/verity.mjs instead, which adds
 * `verity admin` (the portal's database) and runs the same main.ts from source.
 */
import { main } from './cli/main';

process.exitCode = await main(process.argv.slice(2));
