#!/usr/bin/env node
/**
 * The `verity` command (package.json "bin"; `npx verity <command> …` in this checkout). The
 * commands are TypeScript, run through tsx with this checkout's tsconfig (for the `@/` paths),
 * from wherever the command is started. See packages/client/src/cli/README.md and packages/client/src/cli/main.ts.
 *
 * `verity admin …`, `verity backup` and `verity restore` are the exceptions: they work on the portal's
 * own database with the portal's domain code (server-only modules), which the portable
 * packages/client/src/cli may not reach, so they run scripts/admin.ts or scripts/backup.ts in a child
 * process with the react-server condition, from the checkout's root (where `npm start` keeps its
 * data folder). ARCHITECTURE.md, "The verity command and the portal".
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const argv = process.argv.slice(2);
// The portal-side commands: scripts/admin.ts gets the arguments after `admin`, scripts/backup.ts
// the command's name too (it serves `backup` and `restore`).
const PORTAL_COMMANDS = { admin: ['admin.ts', 1], backup: ['backup.ts', 0], restore: ['backup.ts', 0] };
const portal = Object.hasOwn(PORTAL_COMMANDS, argv[0] ?? '') ? PORTAL_COMMANDS[argv[0]] : undefined;
if (portal) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const tsx = fileURLToPath(import.meta.resolve('tsx/cli'));
  const child = spawnSync(
    process.execPath,
    [
      tsx,
      '--conditions=react-server',
      fileURLToPath(new URL(`../scripts/${portal[0]}`, import.meta.url)),
      ...argv.slice(portal[1]),
    ],
    // From the checkout's root, where `npm start` keeps its data folder; a path the operator
    // typed (`npx verity backup ../b.tar.gz`) is resolved where they typed it (VERITY_CALLER_CWD).
    { cwd: root, stdio: 'inherit', env: { ...process.env, VERITY_CALLER_CWD: process.cwd() } },
  );
  process.exit(child.status ?? 1);
}
// libuv's thread pool (every file system call) is sized before first use: packages/client/src/bin.ts.
process.env.UV_THREADPOOL_SIZE ??= '16';
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { main } = await import('../packages/client/src/cli/main.ts');
process.exitCode = await main(argv);
