/**
 * The hashing thread of FileHasher, as source text run with `new Worker(HASH_WORKER_SOURCE, { eval: true })`.
 *
 * Why a string and not `new Worker(new URL(import.meta.url))`: the package ships as ONE bundle
 * (dist/cli.js), whose top level runs the whole command (bin.ts → main), so a worker started from
 * `import.meta.url` would load 1.7 MB of code and need a guard in bin.ts; and from source (tsx,
 * Vitest on Node 20) a worker given a `.ts` URL has no TypeScript loader and no `@/` path alias.
 * Source text runs the same in all three, loads nothing but Node built-ins (a small isolate: less
 * memory per thread), and starts in milliseconds. Why plain JavaScript and not `fn.toString()` of a
 * typed function: tsx compiles with `keepNames`, which inserts calls to a `__name` helper that does
 * not exist in the worker, and coverage instrumentation does the same with its counters.
 * The protocol is typed below (`HashTask`, `HashReply`); hash-file-pair.test.ts runs this text.
 *
 * Built-ins come from `process.getBuiltinModule` (Node ≥ 20.16): an eval worker is CommonJS or
 * ESM depending on the parent's `--input-type`, and only this works in both.
 *
 * The thread opens the file itself (the page cache makes a second reader of one file cheap; see
 * the module header of hash-file-pair.ts for the measurement), checks with `fstat` that the open
 * file is the one the caller stat'ed, reads it with one reused buffer (bounded memory whatever
 * the file size), and checks again at the end.
 *
 * @module
 */
import type { BigIntStats } from 'node:fs';

/** The identity and version of a file as the caller saw it before hashing (`stat` with bigint: ns times). */
export type FileVersion = Pick<BigIntStats, 'dev' | 'ino' | 'size' | 'mtimeNs' | 'ctimeNs'>;

export interface HashTask {
  id: number;
  path: string;
  algorithms: ('sha256' | 'sm3')[];
  expect: FileVersion;
}

export type HashReply =
  | { id: number; kind: 'progress'; bytes: number }
  | { id: number; kind: 'done'; bytes: number; digests: Partial<Record<'sha256' | 'sm3', string>> }
  | { id: number; kind: 'changed'; message: string }
  | { id: number; kind: 'error'; errno: string | undefined; message: string };

export interface HashWorkerData {
  /** Bytes per read. */
  chunkSize: number;
  /** A progress reply after at least this many bytes since the last one. */
  reportEvery: number;
}

export const HASH_WORKER_SOURCE = `
'use strict';
const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
const fs = process.getBuiltinModule('node:fs');
const crypto = process.getBuiltinModule('node:crypto');
const buffer = Buffer.allocUnsafe(workerData.chunkSize);

function changedFrom(expect, st) {
  if (st.dev !== expect.dev || st.ino !== expect.ino) return 'it was replaced by another file';
  if (st.nlink === 0n) return 'it was deleted while it was hashed';
  if (st.size !== expect.size) return 'its size changed from ' + expect.size + ' to ' + st.size + ' bytes';
  if (st.mtimeNs !== expect.mtimeNs) return 'its modification time changed';
  if (st.ctimeNs !== expect.ctimeNs) return 'its status-change time changed (written to)';
  return null;
}

parentPort.on('message', (task) => {
  const id = task.id;
  let fd = -1;
  try {
    fd = fs.openSync(task.path, 'r');
    const opened = changedFrom(task.expect, fs.fstatSync(fd, { bigint: true }));
    if (opened !== null) return parentPort.postMessage({ id, kind: 'changed', message: opened });
    const hashes = task.algorithms.map((algorithm) => crypto.createHash(algorithm));
    const limit = Number(task.expect.size);
    let bytes = 0;
    let reported = 0;
    for (;;) {
      const n = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      const chunk = n === buffer.length ? buffer : buffer.subarray(0, n);
      for (const hash of hashes) hash.update(chunk);
      bytes += n;
      if (bytes > limit) {
        return parentPort.postMessage({ id, kind: 'changed', message: 'it grew while it was read (more than ' + limit + ' bytes)' });
      }
      if (bytes - reported >= workerData.reportEvery) {
        reported = bytes;
        parentPort.postMessage({ id, kind: 'progress', bytes });
      }
    }
    const closing = changedFrom(task.expect, fs.fstatSync(fd, { bigint: true }));
    if (closing !== null) return parentPort.postMessage({ id, kind: 'changed', message: closing });
    if (bytes !== limit) {
      return parentPort.postMessage({ id, kind: 'changed', message: 'only ' + bytes + ' of ' + limit + ' bytes could be read' });
    }
    const digests = {};
    task.algorithms.forEach((algorithm, i) => { digests[algorithm] = hashes[i].digest('hex'); });
    parentPort.postMessage({ id, kind: 'done', bytes, digests });
  } catch (error) {
    parentPort.postMessage({ id, kind: 'error', errno: error && error.code, message: String(error && error.message) });
  } finally {
    if (fd !== -1) fs.closeSync(fd);
  }
});
`;
