/**
 * SHA-256 and SM3 of files, as the deposit command needs them: both digests at once in parallel
 * threads (worker_threads, OpenSSL through node:crypto), streamed with one reused buffer per thread
 * (memory bounded whatever the file size), several files in parallel up to `threads`.
 *
 * Design (measured: bench/client-hashing.ts, figures in BENCHMARKS.md, "Client hashing"): a file
 * of `splitAbove` bytes or more becomes two tasks, one per algorithm, each thread opening and
 * reading the file itself. SM3 (~360 MB/s in OpenSSL here) is the slow one; SHA-256 (with SHA-NI,
 * ~1.7 GB/s) runs beside it, so a large file takes about as long as SM3 alone. The second read
 * comes from the page cache (a memcpy at several GB/s) — cheaper than one reader handing chunks to
 * two threads, which needs copies or shared buffers and waits for the slower consumer anyway.
 * Smaller files are one task hashing both algorithms: a file of a few KiB is dominated by
 * open/stat/message costs, and parallelism comes from hashing many files at once.
 *
 * A file is refused with FileChangedError when it changes while it is hashed: `stat` before,
 * `fstat` of each open descriptor at open and at the end (the same device and inode, size,
 * modification and status-change times in ns), exactly `size` bytes read, `stat` after (deleted or
 * replaced counts as changed). The status-change time catches a write whose author put the
 * modification time back. Other failures are FileHashError with the path and a code.
 *
 * Node builds whose OpenSSL lacks SM3 hash in this thread with lib/hashing's WebAssembly SM3
 * (slower, same checks), as lib/hashing/node does.
 *
 * @see https://csrc.nist.gov/pubs/fips/180-4/upd1/final
 * @see https://datatracker.ietf.org/doc/html/draft-shen-sm3-hash
 * @module
 */
import { createHash } from 'node:crypto';
import { type BigIntStats, closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { hashFile, NODE_NATIVE } from '@/lib/hashing/node';
import { FileChangedError, FileHashError, fileErrorFromErrno } from './file-hash-errors';
import { type HashOutcome, HashWorkerPool } from './hash-worker-pool';
import type { FileVersion } from './hash-worker-source';

export { FileChangedError, FileHashError } from './file-hash-errors';

export interface FileDigests {
  path: string;
  bytes: number;
  mtimeMs: number;
  sha256: string;
  sm3: string;
}

export interface FileHasherOptions {
  /**
   * Hashing threads, shared by all files. Default min(availableParallelism(), 4): each thread costs
   * ~8.5 MiB of resident memory (a Node isolate and its read buffer) and the bundled command ~75 MiB
   * before any work, so 8 would leave little of the 150 MB budget; 4 threads already hash ~1.4 GB/s
   * of SM3 across files, more than most disks deliver.
   */
  threads?: number;
  /** Bytes per read in each thread. Default 1 MiB. */
  chunkSize?: number;
  /** Files this size or larger are hashed by two threads, one per algorithm. Default 8 MiB. */
  splitAbove?: number;
  /**
   * Files smaller than this (default 256 KiB) are hashed in the calling thread: for a small file
   * the round trip to a thread costs more than hashing it (10,000 files of 4 KiB: 12 s through the
   * threads, against the portal's own 3 s to take their deposits), and the checks are the same
   * (stat before and after, exactly `size` bytes read).
   */
  inlineBelow?: number;
}

export interface HashFileOptions {
  signal?: AbortSignal;
  /** Called with the bytes newly hashed (by both algorithms) since the last call: add them up across files. */
  onBytes?: (n: number) => void;
}

const MiB = 1024 * 1024;

export class FileHasher {
  readonly #pool: HashWorkerPool;
  readonly #threads: number;
  readonly #splitAbove: number;
  readonly #inlineBelow: number;
  #closed = false;

  constructor(options: FileHasherOptions = {}) {
    const threads = options.threads ?? Math.min(availableParallelism(), 4);
    const chunkSize = options.chunkSize ?? MiB;
    if (!Number.isInteger(threads) || threads < 1) throw new RangeError('threads must be an integer ≥ 1');
    if (!Number.isInteger(chunkSize) || chunkSize < 4096) throw new RangeError('chunkSize must be an integer ≥ 4096');
    this.#threads = threads;
    this.#splitAbove = options.splitAbove ?? 8 * MiB;
    this.#inlineBelow = options.inlineBelow ?? 256 * 1024;
    this.#pool = new HashWorkerPool(threads, { chunkSize, reportEvery: 4 * MiB });
  }

  async hash(path: string, options: HashFileOptions = {}): Promise<FileDigests> {
    const { signal, onBytes } = options;
    if (signal?.aborted) throw new FileHashError('ABORTED', path, 'hashing was aborted');
    if (this.#closed) throw new FileHashError('CLOSED', path, 'the hasher was closed');
    const before = statRegularFile(path);
    const expect = versionOf(before);
    if (NODE_NATIVE.sm3 && expect.size < BigInt(this.#inlineBelow)) {
      const small = hashSmallFile(path, expect);
      onBytes?.(Number(expect.size));
      return { path, bytes: Number(before.size), mtimeMs: Number(before.mtimeNs) / 1e6, ...small };
    }
    const digests = NODE_NATIVE.sm3
      ? await this.#hashInThreads(path, expect, options)
      : await hashInThisThread(path, expect, onBytes);
    let after: BigIntStats;
    try {
      after = await stat(path, { bigint: true });
    } catch {
      throw new FileChangedError(path, 'it was deleted or moved while it was hashed');
    }
    const change = changeBetween(expect, versionOf(after));
    if (change) throw new FileChangedError(path, change);
    return { path, bytes: Number(before.size), mtimeMs: Number(before.mtimeNs) / 1e6, ...digests };
  }

  close(): Promise<void> {
    this.#closed = true;
    return this.#pool.close();
  }

  async #hashInThreads(
    path: string,
    expect: FileVersion,
    { signal, onBytes }: HashFileOptions,
  ): Promise<{ sha256: string; sm3: string }> {
    const split = this.#threads >= 2 && expect.size >= BigInt(this.#splitAbove);
    const parts: ('sha256' | 'sm3')[][] = split ? [['sha256'], ['sm3']] : [['sha256', 'sm3']];
    // One part failing (a change seen, an unreadable file) stops the other.
    const inner = new AbortController();
    const stop = () => inner.abort();
    signal?.addEventListener('abort', stop, { once: true });
    if (signal?.aborted) stop(); // aborted while the file was stat'ed
    const positions = parts.map(() => 0);
    let reported = 0;
    const progressed = (i: number, bytes: number) => {
      positions[i] = bytes;
      const done = Math.min(...positions);
      if (done > reported) onBytes?.(done - reported);
      reported = Math.max(reported, done);
    };
    try {
      const settled = await Promise.allSettled(
        parts.map((algorithms, i) =>
          this.#pool
            .run({ path, algorithms, expect }, { signal: inner.signal, onProgress: (bytes) => progressed(i, bytes) })
            .then(
              (outcome) => {
                if (outcome.kind !== 'done') stop();
                return outcome;
              },
              (error: unknown) => {
                stop();
                throw error;
              },
            ),
        ),
      );
      if (signal?.aborted) throw new FileHashError('ABORTED', path, 'hashing was aborted');
      const outcomes = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      const failure = outcomes.find((o) => o.kind !== 'done');
      if (failure) throw outcomeError(path, failure);
      const rejected = settled.find((s) => s.status === 'rejected');
      if (rejected) throw rejected.reason;
      const digests = Object.assign({}, ...outcomes.map((o) => (o.kind === 'done' ? o.digests : {})));
      progressed(0, Number(expect.size));
      if (parts.length > 1) progressed(1, Number(expect.size));
      return { sha256: String(digests.sha256), sm3: String(digests.sm3) };
    } finally {
      signal?.removeEventListener('abort', stop);
    }
  }
}

function outcomeError(path: string, outcome: HashOutcome): Error {
  if (outcome.kind === 'changed') return new FileChangedError(path, outcome.message);
  if (outcome.kind === 'error') return fileErrorFromErrno(path, outcome.errno, outcome.message);
  return new FileHashError('WORKER_FAILED', path, 'unexpected reply from a hashing thread');
}

/** Synchronous: one small system call, where the thread pool's round trip costs ~100 µs. */
function statRegularFile(path: string): BigIntStats {
  let stats: BigIntStats;
  try {
    stats = statSync(path, { bigint: true });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw fileErrorFromErrno(path, code, message);
  }
  if (!stats.isFile()) {
    const what = stats.isDirectory() ? 'a directory' : 'not a regular file';
    throw new FileHashError('NOT_A_FILE', path, `${what}, not a file to hash`);
  }
  return stats;
}

function versionOf(stats: BigIntStats): FileVersion {
  const { dev, ino, size, mtimeNs, ctimeNs } = stats;
  return { dev, ino, size, mtimeNs, ctimeNs };
}

/** What changed from `a` to `b`, in words, or null. Mirrors `changedFrom` in the worker. */
function changeBetween(a: FileVersion, b: FileVersion): string | null {
  if (a.dev !== b.dev || a.ino !== b.ino) return 'it was replaced by another file';
  if (a.size !== b.size) return `its size changed from ${a.size} to ${b.size} bytes`;
  if (a.mtimeNs !== b.mtimeNs) return 'its modification time changed';
  if (a.ctimeNs !== b.ctimeNs) return 'its status-change time changed (written to)';
  return null;
}

/**
 * A small file in this thread, synchronously (a few system calls of microseconds each; through the
 * thread pool each would cost ~100 µs of latency, and a stream would allocate its 1 MiB read buffer
 * for every 4 KiB file): one read of exactly its size plus one byte (to see it grow), both digests
 * by OpenSSL, the open file's identity and size checked as the threads check them, and the path
 * stat'ed again afterwards.
 */
function hashSmallFile(path: string, expect: FileVersion): { sha256: string; sm3: string } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw fileErrorFromErrno(path, code, message);
  }
  let bytes: Buffer;
  try {
    const change = changeBetween(expect, versionOf(fstatSync(fd, { bigint: true })));
    if (change) throw new FileChangedError(path, change);
    const size = Number(expect.size);
    const buffer = Buffer.allocUnsafe(size + 1);
    let read = 0;
    for (;;) {
      const n = readSync(fd, buffer, read, size + 1 - read, read);
      if (n === 0) break;
      read += n;
      if (read > size) throw new FileChangedError(path, `it grew past its ${size} bytes while it was read`);
    }
    if (read !== size) throw new FileChangedError(path, `${read} bytes were read, not ${size}`);
    bytes = buffer.subarray(0, size);
  } catch (error) {
    if (error instanceof FileChangedError) throw error;
    const { code, message } = error as NodeJS.ErrnoException;
    throw fileErrorFromErrno(path, code, message);
  } finally {
    closeSync(fd);
  }
  let after: BigIntStats;
  try {
    after = statSync(path, { bigint: true });
  } catch {
    throw new FileChangedError(path, 'it was deleted or moved while it was hashed');
  }
  const change = changeBetween(expect, versionOf(after));
  if (change) throw new FileChangedError(path, change);
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    sm3: createHash('sm3').update(bytes).digest('hex'),
  };
}

/** Without OpenSSL SM3: lib/hashing/node in this thread (WebAssembly SM3), with the same checks. */
async function hashInThisThread(
  path: string,
  expect: FileVersion,
  onBytes?: (n: number) => void,
): Promise<{ sha256: string; sm3: string }> {
  let reported = 0;
  let result: Awaited<ReturnType<typeof hashFile>>;
  try {
    result = await hashFile(path, {
      algorithms: ['sha256', 'sm3'],
      onProgress: (done) => {
        onBytes?.(done - reported);
        reported = done;
      },
    });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw fileErrorFromErrno(path, code, message);
  }
  if (BigInt(result.bytes) !== expect.size) {
    throw new FileChangedError(path, `${result.bytes} bytes were read, not ${expect.size}`);
  }
  return { sha256: String(result.digests.sha256), sm3: String(result.digests.sm3) };
}
