#!/usr/bin/env node
/**
 * The `verity` command (package.json "bin"; `npx verity verify-certificate …` in this checkout).
 * The checker is TypeScript, run through tsx with this checkout's tsconfig (for the `@/` paths),
 * from wherever the command is started. See lib/certificates/cli/main.ts.
 */
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { main } = await import('../lib/certificates/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
