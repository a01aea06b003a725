/**
 * Test helpers for the client's file hashing: temporary folders under os.tmpdir(), files of random
 * bytes written in 1 MiB pieces (a 200 MiB file never sits in memory), and OpenSSL's own digests.
 *
 * @module
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function tempDir(prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), `verity-${prefix}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A file of `bytes` random bytes at `file`. */
export async function writeRandomFile(file: string, bytes: number): Promise<void> {
  const handle = await open(file, 'w');
  try {
    const piece = 1024 * 1024;
    for (let done = 0; done < bytes; done += piece) await handle.write(randomBytes(Math.min(piece, bytes - done)));
  } finally {
    await handle.close();
  }
}

/** `openssl dgst -<algorithm> -r <file>`'s digest (lowercase hex). */
export async function opensslDigest(algorithm: 'sha256' | 'sm3', file: string): Promise<string> {
  const { stdout } = await run('openssl', ['dgst', `-${algorithm}`, '-r', file]);
  return stdout.split(' ')[0] ?? '';
}
