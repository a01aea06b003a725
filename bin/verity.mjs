#!/usr/bin/env node
/**
 * The `verity` command (package.json "bin"; `npx verity <command> …` in this checkout). The
 * commands are TypeScript, run through tsx with this checkout's tsconfig (for the `@/` paths),
 * from wherever the command is started. See lib/cli/README.md and lib/cli/main.ts.
 */
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { main } = await import('../lib/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
