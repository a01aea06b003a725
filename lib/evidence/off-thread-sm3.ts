import 'server-only';
/**
 * SM3 of upload bodies in a worker thread, so that the thread reading the socket only hashes
 * SHA-256: SM3 is three quarters of the hashing an upload costs (node:crypto, ~350 MB/s against
 * ~1.5 GB/s for SHA-256 on the SHA extensions), and with both on one thread the upload path ran at
 * 0.68× a bare server doing the same work (BENCHMARKS.md "Hardening"). One worker per process,
 * shared by every upload; it keeps each running hash by a number and works in the order it was
 * asked, so `copy` and `digest` see every `update` made before them.
 *
 * Memory, with no garbage per chunk: bytes are copied into a ring of RING_BYTES shared with the
 * worker (a SharedArrayBuffer, reused for the life of the process), and the worker is told which
 * part of the ring to hash (a message per FLUSH_BYTES, not per socket read). The socket's buffer
 * cannot simply be handed over: it is written to disk too. When the ring is full (many uploads
 * at once), the chunk goes in a message of its own, a copy, so nothing waits and order is kept.
 * `backlog` counts the bytes given and not yet hashed; callers stop reading their body above
 * MAX_SM3_BACKLOG until `caughtUp()` (write-upload-body.ts), so a slow worker slows the socket
 * down rather than queueing the file in memory.
 *
 * The worker's code is a string run with `eval: true`: Next.js's and the front server's bundles
 * then need no separate worker file (the same choice as packages/client's hash worker).
 */
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const ring = new Uint8Array(workerData.ring);
const hashes = new Map();
parentPort.on('message', (m) => {
  try {
    if (m.op === 'update') {
      hashes.get(m.id).update(m.chunk ?? ring.subarray(m.start, m.start + m.length));
    } else if (m.op === 'new') hashes.set(m.id, createHash('sm3'));
    else if (m.op === 'copy') hashes.set(m.to, hashes.get(m.from).copy());
    else if (m.op === 'free') hashes.delete(m.id);
    else if (m.op === 'digest') {
      const digest = hashes.get(m.id).digest();
      hashes.delete(m.id);
      parentPort.postMessage({ op: 'digest', request: m.request, digest });
    }
  } catch (error) {
    // An update of a hash freed meanwhile: nothing to do but give its bytes back.
    if (m.op === 'digest') parentPort.postMessage({ op: 'digest', request: m.request, error: String(error) });
  }
  if (m.op === 'update') parentPort.postMessage({ op: 'hashed', inRing: m.chunk === undefined, bytes: m.length });
});
`;

/** The ring shared with the worker: twice the most callers let wait (MAX_SM3_BACKLOG). */
const RING_BYTES = 8 * 1024 * 1024;
/** Bytes gathered in the ring before the worker is told (fewer messages than socket reads). */
const FLUSH_BYTES = 512 * 1024;
/** Above this many bytes given and not yet hashed, callers wait (`caughtUp`) … */
export const MAX_SM3_BACKLOG = 4 * 1024 * 1024;
/** … until it is below this. */
const RESUME_BELOW = 1024 * 1024;

type WorkerMessage =
  | { op: 'update'; id: number; start: number; length: number }
  | { op: 'update'; id: number; chunk: Uint8Array; length: number }
  | { op: 'new'; id: number }
  | { op: 'copy'; from: number; to: number }
  | { op: 'free'; id: number }
  | { op: 'digest'; id: number; request: number };

type WorkerAnswer =
  | { op: 'hashed'; inRing: boolean; bytes: number }
  | { op: 'digest'; request: number; digest?: Uint8Array; error?: string };

class Pool {
  readonly worker: Worker;
  private readonly ring: Uint8Array;
  /** Set when the worker failed: its hashes are gone, their digests refused. */
  dead: Error | undefined;
  nextId = 1;
  private nextRequest = 1;
  /** Bytes ever put in the ring, and ever hashed from it (positions are these modulo RING_BYTES). */
  private head = 0;
  private tail = 0;
  /** Bytes sent as copies of their own (the ring full) and not yet hashed. */
  private copies = 0;
  /** Ring bytes not yet told to the worker: one hash's contiguous run. */
  private pending: { id: number; start: number; length: number } | undefined;
  private waiting: Array<() => void> = [];
  private digests = new Map<number, { resolve: (digest: Buffer) => void; reject: (error: Error) => void }>();

  constructor() {
    const shared = new SharedArrayBuffer(RING_BYTES);
    this.ring = new Uint8Array(shared);
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ring: shared } });
    // Idle, the worker must not keep a process (a test, a command) alive.
    this.worker.unref();
    this.worker.on('message', (m: WorkerAnswer) => this.answered(m));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`SM3 worker exited (${code})`)));
  }

  /** Bytes given and not yet hashed, by every upload. */
  get backlog(): number {
    return this.head - this.tail + this.copies;
  }

  update(id: number, chunk: Uint8Array): void {
    let rest = chunk;
    while (rest.byteLength > 0) {
      const free = RING_BYTES - (this.head - this.tail);
      if (free === 0) {
        this.send({ op: 'update', id, chunk: new Uint8Array(rest), length: rest.byteLength });
        this.copies += rest.byteLength;
        return;
      }
      const at = this.head % RING_BYTES;
      const n = Math.min(rest.byteLength, free, RING_BYTES - at);
      this.ring.set(rest.subarray(0, n), at);
      const run = this.pending;
      if (run && run.id === id && run.start + run.length === at) run.length += n;
      else {
        this.flush();
        this.pending = { id, start: at, length: n };
      }
      this.head += n;
      rest = rest.subarray(n);
      if ((this.pending?.length ?? 0) >= FLUSH_BYTES) this.flush();
    }
  }

  /** Tells the worker about the ring bytes gathered so far. */
  flush(): void {
    const run = this.pending;
    if (!run) return;
    this.pending = undefined;
    this.post({ op: 'update', id: run.id, start: run.start, length: run.length });
  }

  /** Sends `message` after every update gathered before it. */
  send(message: WorkerMessage): void {
    this.flush();
    this.post(message);
  }

  digest(id: number): Promise<Buffer> {
    const request = this.nextRequest++;
    const answer = new Promise<Buffer>((resolve, reject) => this.digests.set(request, { resolve, reject }));
    this.send({ op: 'digest', id, request });
    return answer;
  }

  caughtUp(): Promise<void> {
    // Gathered bytes are hashed only once told: waiting for them without telling would never end.
    this.flush();
    if (this.backlog <= RESUME_BELOW || this.dead) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private post(message: WorkerMessage): void {
    // Work outstanding keeps the process alive until it is answered (unref'd again when idle).
    if (message.op === 'update' || message.op === 'digest') this.worker.ref();
    this.worker.postMessage(message);
  }

  private answered(m: WorkerAnswer): void {
    if (m.op === 'hashed') {
      if (m.inRing) this.tail += m.bytes;
      else this.copies -= m.bytes;
      if (this.backlog <= RESUME_BELOW) for (const wake of this.waiting.splice(0)) wake();
    } else {
      const pending = this.digests.get(m.request);
      this.digests.delete(m.request);
      if (m.digest) pending?.resolve(Buffer.from(m.digest));
      else pending?.reject(new Error(`SM3 worker: ${m.error ?? 'no digest'}`));
    }
    // Nothing outstanding in the worker: it must not keep a process alive.
    if (this.head - this.tail - (this.pending?.length ?? 0) + this.copies === 0 && this.digests.size === 0) {
      this.worker.unref();
    }
  }

  private fail(error: Error): void {
    // Every running hash is gone with the worker: their digests are refused, and the uploads'
    // states are rebuilt from the part files by the next PATCH (hash-state.ts).
    this.dead ??= error;
    if (globalForPool.veritySm3Pool === this) globalForPool.veritySm3Pool = undefined;
    for (const pending of this.digests.values()) pending.reject(error);
    this.digests.clear();
    for (const wake of this.waiting.splice(0)) wake();
  }
}

const globalForPool = globalThis as unknown as { veritySm3Pool?: Pool };

function pool(): Pool {
  globalForPool.veritySm3Pool ??= new Pool();
  return globalForPool.veritySm3Pool;
}

/** A running SM3 whose work is done in the worker; the same calls as node:crypto's Hash, `digest` async. */
export class OffThreadSm3 {
  private readonly pool = pool();
  private readonly id: number;
  private done = false;

  constructor(from?: OffThreadSm3) {
    this.id = this.pool.nextId++;
    this.pool.send(from ? { op: 'copy', from: from.id, to: this.id } : { op: 'new', id: this.id });
  }

  update(chunk: Uint8Array): this {
    if (!this.pool.dead && !this.done) this.pool.update(this.id, chunk);
    return this;
  }

  /** Hands the bytes given so far to the worker now (at the end of a request's body). */
  flush(): void {
    this.pool.flush();
  }

  /** A hash that goes on from this one's state (as Hash.copy). */
  copy(): OffThreadSm3 {
    return new OffThreadSm3(this);
  }

  /** Bytes given to the worker, by every upload, and not yet hashed. */
  get backlog(): number {
    return this.pool.backlog;
  }

  /** Resolves once the worker is below its limit again (at once when it is). */
  caughtUp(): Promise<void> {
    return this.pool.caughtUp();
  }

  async digest(): Promise<Buffer> {
    if (this.done) throw new Error('SM3 digest already taken');
    this.done = true;
    if (this.pool.dead) throw this.pool.dead;
    return this.pool.digest(this.id);
  }

  /** Frees the worker's state of a hash that will never be finished (an upload forgotten or undone). */
  free(): void {
    if (this.done || this.pool.dead) return;
    this.done = true;
    this.pool.send({ op: 'free', id: this.id });
  }
}
