#!/usr/bin/env node
/**
 * The `verity` command (package.json "bin"; `npx verity <command> …` in this checkout). The
 * commands are TypeScript, run through tsx with this checkout's tsconfig (for the `@/` paths),
 * from wherever the command is started. See packages/client/src/cli/README.md and packages/client/src/cli/main.ts.
 *
 * `verity admin …` is the one exception: it works on the portal's own database with the portal's
 * domain code (server-only modules), which the portable packages/client/src/cli may not reach, so it runs
 * scripts/admin.ts in a child process with the react-server condition, from the checkout's root
 * (where `npm start` keeps its data folder). ARCHITECTURE.md, "The verity command and the portal".
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const argv = process.argv.slice(2);
if (argv[0] === 'admin') {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const tsx = fileURLToPath(import.meta.resolve('tsx/cli'));
  const child = spawnSync(
    process.execPath,
    [
      tsx,
      '--conditions=react-server',
      fileURLToPath(new URL('../scripts/admin.ts', import.meta.url)),
      ...argv.slice(1),
    ],
    { cwd: root, stdio: 'inherit' },
  );
  process.exit(child.status ?? 1);
}
// libuv's thread pool (every file system call) is sized before first use: packages/client/src/bin.ts.
process.env.UV_THREADPOOL_SIZE ??= '16';
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { main } = await import('../packages/client/src/cli/main.ts');
process.exitCode = await main(argv);
