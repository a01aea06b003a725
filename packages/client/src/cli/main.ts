/**
 * NODE ENTRY of the `verity` command (bin/verity.mjs imports it through tsx): wires the real
 * file system, the streaming hasher (lib/hashing/node.ts) and fetch into `runVerityCli`, prints
 * its lines and returns the exit code. No `server-only` module, nothing of the portal's database
 * is reachable from here (boundary.test.ts).
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { hashFile } from '@/lib/hashing/node';
import pkg from '../../package.json' with { type: 'json' };
import type { CliDeps } from './command';
import { runVerityCli } from './run-verity-cli';
import { untilStopped } from './until-stopped';

/** The client package's version (packages/client/package.json; inlined when the package is built). */
function packageVersion(): string {
  return pkg.version;
}

/** Node's file system, the streaming hasher and the global fetch. */
export function nodeCliDeps(): CliDeps {
  return {
    version: packageVersion(),
    readFile: async (path) => new Uint8Array(await readFile(path)),
    hashFile: async (path) => {
      const { digests, bytes } = await hashFile(path, { algorithms: ['sha256', 'sm3'] });
      if (!digests.sha256 || !digests.sm3) throw new Error('the hasher returned no SHA-256 or SM3 digest');
      return { sha256: digests.sha256, sm3: digests.sm3, bytes };
    },
    fetch: (url, init) => fetch(url, init),
    print: (line) => process.stdout.write(`${line}\n`),
    printError: (line) => process.stderr.write(`${line}\n`),
    progress: { tty: Boolean(process.stderr.isTTY), write: (text) => process.stderr.write(text) },
    cwd: process.cwd(),
    env: process.env,
    home: homedir(),
    untilStopped,
  };
}

export async function main(argv: readonly string[]): Promise<number> {
  const result = await runVerityCli(argv, nodeCliDeps());
  if (result.stdout.length > 0) process.stdout.write(`${result.stdout.join('\n')}\n`);
  if (result.stderr.length > 0) process.stderr.write(`${result.stderr.join('\n')}\n`);
  return result.exitCode;
}
