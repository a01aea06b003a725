/**
 * One demo witness process (scripts/lib/demo-witnesses.ts starts three): `verity witness serve
 * <args>` — the same command (packages/client/src/cli/witness) and server (lib/witness) an institution runs —
 * without the `verity` dispatcher, which loads every command (the certificate and PDF code)
 * and took 2 s to start instead of under one. Run as `node --import tsx scripts/demo-witness.ts
 * --dir … --port …`: a plain node process, so Ctrl-C and SIGTERM reach it directly (the `tsx`
 * command would relay them and SIGKILL it 60 ms later). Exit codes are the command's.
 */
import { WITNESS } from '../packages/client/src/cli/witness/witness-command';
import { witnessCliDeps } from './lib/witness-cli-deps';

const result = await WITNESS.run(['serve', ...process.argv.slice(2)], witnessCliDeps());
if (result.stdout.length > 0) process.stdout.write(`${result.stdout.join('\n')}\n`);
if (result.stderr.length > 0) process.stderr.write(`${result.stderr.join('\n')}\n`);
process.exitCode = result.exitCode;
