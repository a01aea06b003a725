import 'server-only';
/**
 * SM3 of upload bodies in a worker thread, so that the thread reading the socket only hashes
 * SHA-256: SM3 is three quarters of the hashing an upload costs (node:crypto, ~350 MB/s against
 * ~1.5 GB/s for SHA-256 on the SHA extensions), and with both on one thread the upload path ran at
 * 0.68× a bare server that does the same work (BENCHMARKS.md "Hardening"). One worker per process,
 * shared by every upload; it keeps each running hash by a number and answers in the order it was
 * asked, so `copy` and `digest` see every `update` sent before them.
 *
 * Memory: each chunk is copied once into a message (the socket's buffer is written to disk too, so
 * it cannot be handed over). `backlog` counts the bytes sent and not yet hashed; the caller stops
 * reading its body above a limit until `caughtUp()` (write-upload-body.ts), so a slow worker slows
 * the socket down rather than queueing the file in memory.
 *
 * The worker's code is a string run with `eval: true`: Next.js's and the front server's bundles
 * then need no separate worker file (the same choice as packages/client's hash worker).
 */
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const hashes = new Map();
parentPort.on('message', (m) => {
  try {
    if (m.op === 'update') {
      hashes.get(m.id).update(m.chunk);
      parentPort.postMessage({ op: 'hashed', bytes: m.chunk.byteLength });
    } else if (m.op === 'new') hashes.set(m.id, createHash('sm3'));
    else if (m.op === 'copy') hashes.set(m.to, hashes.get(m.from).copy());
    else if (m.op === 'free') hashes.delete(m.id);
    else if (m.op === 'digest') {
      const digest = hashes.get(m.id).digest();
      hashes.delete(m.id);
      parentPort.postMessage({ op: 'digest', request: m.request, digest });
    }
  } catch (error) {
    if (m.op === 'update') parentPort.postMessage({ op: 'hashed', bytes: m.chunk.byteLength });
    if (m.op === 'digest') parentPort.postMessage({ op: 'digest', request: m.request, error: String(error) });
  }
});
`;

interface Pool {
  worker: Worker;
  /** Set when the worker failed: its hashes are gone, their digests refused. */
  dead?: Error;
  nextId: number;
  nextRequest: number;
  backlog: number;
  waiting: Array<() => void>;
  digests: Map<number, { resolve: (digest: Buffer) => void; reject: (error: Error) => void }>;
}

const globalForPool = globalThis as unknown as { veritySm3Pool?: Pool };

function pool(): Pool {
  const existing = globalForPool.veritySm3Pool;
  if (existing) return existing;
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  // Idle, the worker must not keep a process (a test, a command) alive.
  worker.unref();
  const created: Pool = { worker, nextId: 1, nextRequest: 1, backlog: 0, waiting: [], digests: new Map() };
  worker.on('message', (m: { op: string; bytes?: number; request?: number; digest?: Uint8Array; error?: string }) => {
    if (m.op === 'hashed') {
      created.backlog -= m.bytes ?? 0;
      if (created.backlog <= RESUME_BELOW) for (const wake of created.waiting.splice(0)) wake();
    } else {
      const pending = created.digests.get(m.request ?? 0);
      created.digests.delete(m.request ?? 0);
      if (m.digest) pending?.resolve(Buffer.from(m.digest));
      else pending?.reject(new Error(`SM3 worker: ${m.error ?? 'no digest'}`));
    }
    // Nothing outstanding: an idle worker must not keep a process (a test, a command) alive.
    if (created.backlog === 0 && created.digests.size === 0) worker.unref();
  });
  const fail = (error: Error) => {
    // Every running hash is gone with the worker: their digests are refused, and the uploads'
    // states are rebuilt from the part files by the next PATCH (hash-state.ts).
    created.dead ??= error;
    if (globalForPool.veritySm3Pool === created) globalForPool.veritySm3Pool = undefined;
    for (const pending of created.digests.values()) pending.reject(error);
    created.digests.clear();
    for (const wake of created.waiting.splice(0)) wake();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`SM3 worker exited (${code})`)));
  globalForPool.veritySm3Pool = created;
  return created;
}

/** Above this many bytes sent and not yet hashed, callers wait (`caughtUp`); below RESUME_BELOW they go on. */
export const MAX_SM3_BACKLOG = 8 * 1024 * 1024;
const RESUME_BELOW = 2 * 1024 * 1024;

/** A running SM3 whose work is done in the worker; the same calls as node:crypto's Hash, `digest` async. */
export class OffThreadSm3 {
  private readonly pool = pool();
  private readonly id: number;
  private done = false;

  constructor(from?: OffThreadSm3) {
    this.id = this.pool.nextId++;
    if (from) this.pool.worker.postMessage({ op: 'copy', from: from.id, to: this.id });
    else this.pool.worker.postMessage({ op: 'new', id: this.id });
  }

  update(chunk: Uint8Array): this {
    if (this.pool.dead) return this; // digest() refuses
    const copy = new Uint8Array(chunk);
    this.pool.backlog += copy.byteLength;
    this.pool.worker.ref();
    this.pool.worker.postMessage({ op: 'update', id: this.id, chunk: copy }, [copy.buffer]);
    return this;
  }

  /** A hash that goes on from this one's state (as Hash.copy). */
  copy(): OffThreadSm3 {
    return new OffThreadSm3(this);
  }

  /** Bytes sent to the worker, by every upload, and not yet hashed. */
  get backlog(): number {
    return this.pool.backlog;
  }

  /** Resolves once the worker is below its limit again (at once when it is). */
  caughtUp(): Promise<void> {
    if (this.pool.backlog <= RESUME_BELOW) return Promise.resolve();
    return new Promise((resolve) => this.pool.waiting.push(resolve));
  }

  async digest(): Promise<Buffer> {
    if (this.done) throw new Error('SM3 digest already taken');
    this.done = true;
    if (this.pool.dead) throw this.pool.dead;
    const request = this.pool.nextRequest++;
    const answer = new Promise<Buffer>((resolve, reject) => this.pool.digests.set(request, { resolve, reject }));
    this.pool.worker.ref();
    this.pool.worker.postMessage({ op: 'digest', id: this.id, request });
    return answer;
  }

  /** Frees the worker's state of a hash that will never be finished (an upload forgotten or undone). */
  free(): void {
    if (this.done || this.pool.dead) return;
    this.done = true;
    this.pool.worker.postMessage({ op: 'free', id: this.id });
  }
}
