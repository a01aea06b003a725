/**
 * The `verity` command of the published package (package.json "bin" → dist/cli.js, built from this
 * file by build.ts). In the portal's checkout, `npx verity` runs bin/verity.mjs instead, which adds
 * `verity admin` (the portal's database) and runs the same main.ts from source.
 *
 * libuv's thread pool does every file system call of the process (and of its hashing threads):
 * four threads by default, which `verity deposit` keeps busy with stat, open, read and the fsync of
 * each receipt. It is sized before anything uses it, so main.ts is loaded afterwards.
 */
process.env.UV_THREADPOOL_SIZE ??= '16';
const { main } = await import('./cli/main');

process.exitCode = await main(process.argv.slice(2));

export {};
