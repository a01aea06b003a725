/**
 * The I/O `verity witness` needs (packages/client/src/cli/command.ts `CliDeps`), for running that one command
 * without the `verity` dispatcher, which loads every command (the certificate and PDF code):
 * the demo witnesses' processes (scripts/demo-witness.ts) and their folders (demo-witness-folder.ts).
 */
import { readFile } from 'node:fs/promises';
import type { CliDeps } from '../../packages/client/src/cli/command';
import { untilStopped } from '../../packages/client/src/cli/until-stopped';

export function witnessCliDeps(): CliDeps {
  return {
    version: 'demo',
    readFile: async (file) => new Uint8Array(await readFile(file)),
    hashFile: () => Promise.reject(new Error('the witness hashes no files')),
    fetch: (url, init) => fetch(url, init),
    print: (line) => process.stdout.write(`${line}\n`),
    untilStopped,
  };
}
