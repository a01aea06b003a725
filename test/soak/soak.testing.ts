/**
 * Shared pieces of the soak and crash runs against a real cluster (test/cluster/cluster.ts): an
 * HTTP client that times every request and keeps every status, the deposit/log API on top of it,
 * receipt and checkpoint verification with lib/tlog (the same code a court's browser runs), the
 * database's own view of the log, and a lock so two soak files never share one small machine.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { z } from 'zod';
import { ZConsistencyProof } from '@/lib/ledger/log.schema';
import {
  type Receipt,
  type SealedReceipt,
  ZDepositList,
  ZReceipt,
  ZReceiptBatch,
  ZSealedReceipt,
} from '@/lib/ledger/receipt.schema';
import {
  base64ToBytes,
  bytesEqual,
  bytesToHex,
  hashLeaf,
  parseTlogProof,
  verifyCheckpoint,
  verifyConsistency,
  verifyInclusion,
  verifyTlogProof,
} from '@/lib/tlog';
import { type Cluster, startCluster } from '../cluster/cluster';

// ---------------------------------------------------------------------------------------------
// Response shapes: the API's own definitions (lib/ledger/receipt.schema.ts, log.schema.ts), strict,
// so an answer with a member more or less fails the run; title digests and depositor signatures are
// part of them, so a receipt can be handed on verbatim (e.g. to go-verify).
const ZDigests = ZSealedReceipt.shape.digests;

export type { Receipt, SealedReceipt };
export type Digests = z.infer<typeof ZDigests>;

export interface DepositRequest {
  digests: Digests;
  title?: string;
}

/** A random SHA-256 and/or SM3 digest pair: the API takes either or both, so the run mixes all three. */
export function randomDepositRequest(): DepositRequest {
  const hex = () => randomBytes(32).toString('hex');
  const pick = randomInt(10);
  const digests = pick < 4 ? { sha256: hex() } : pick < 7 ? { sm3: hex() } : { sha256: hex(), sm3: hex() };
  return randomInt(5) === 0 ? { digests, title: `soak ${randomBytes(4).toString('hex')}` } : { digests };
}

// ---------------------------------------------------------------------------------------------
// HTTP with timing.

export type Outcome =
  | { kind: 'response'; status: number; text: string; ms: number }
  | { kind: 'network'; error: string; ms: number };

/** Thrown by the API wrappers: `network` for a refused/reset connection, else an unexpected status or body. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly network: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // undici puts the socket-level reason (ECONNRESET, ECONNREFUSED, "other side closed") in `cause`.
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

export class SoakHttp {
  /** Latency samples per operation name, in milliseconds. */
  readonly latencies = new Map<string, number[]>();
  /** Status counts per operation name ('network' for no response). */
  readonly statuses = new Map<string, Map<string, number>>();
  /** Every 5xx, with its body: a 5xx is always a failure of the server. */
  readonly serverErrors: string[] = [];

  constructor(private readonly timeoutMs = 30_000) {}

  async send(op: string, url: string, init: RequestInit = {}): Promise<Outcome> {
    const start = performance.now();
    let outcome: Outcome;
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
      // The body is part of the answer: a response cut off mid-body (a killed server) is a network failure.
      const text = await res.text();
      outcome = { kind: 'response', status: res.status, text, ms: performance.now() - start };
    } catch (error) {
      outcome = { kind: 'network', error: describeError(error), ms: performance.now() - start };
    }
    const key = outcome.kind === 'response' ? String(outcome.status) : 'network';
    const counts = this.statuses.get(op) ?? new Map<string, number>();
    counts.set(key, (counts.get(key) ?? 0) + 1);
    this.statuses.set(op, counts);
    if (outcome.kind === 'response') {
      // Only answered requests are timed: a refused connection's "latency" would say nothing.
      const samples = this.latencies.get(op) ?? [];
      samples.push(outcome.ms);
      this.latencies.set(op, samples);
      if (outcome.status >= 500)
        this.serverErrors.push(`${op} ${url} → ${outcome.status}: ${outcome.text.slice(0, 500)}`);
    }
    return outcome;
  }

  /**
   * A fetch that counts and times its answers under `op` like `send`, for clients that need the
   * Response itself (the browser's upload client). The time is to the headers; a 5xx's body is
   * read from a clone for the record.
   */
  fetchAs(op: string): typeof fetch {
    return async (input, init) => {
      const start = performance.now();
      let response: Response;
      try {
        response = await fetch(input, { signal: AbortSignal.timeout(this.timeoutMs), ...init });
      } catch (error) {
        this.tally(op, 'network');
        throw error;
      }
      this.tally(op, String(response.status), performance.now() - start);
      if (response.status >= 500) {
        const text = await response
          .clone()
          .text()
          .catch(() => '');
        this.serverErrors.push(`${op} ${String(input)} → ${response.status}: ${text.slice(0, 500)}`);
      }
      return response;
    };
  }

  private tally(op: string, key: string, ms?: number): void {
    const counts = this.statuses.get(op) ?? new Map<string, number>();
    counts.set(key, (counts.get(key) ?? 0) + 1);
    this.statuses.set(op, counts);
    if (ms === undefined) return;
    const samples = this.latencies.get(op) ?? [];
    samples.push(ms);
    this.latencies.set(op, samples);
  }

  count(op: string, status?: string): number {
    const counts = this.statuses.get(op);
    if (!counts) return 0;
    if (status !== undefined) return counts.get(status) ?? 0;
    let total = 0;
    for (const n of counts.values()) total += n;
    return total;
  }

  /** One line per operation: count, statuses, p50/p99/max. */
  report(): string[] {
    const lines: string[] = [];
    for (const [op, counts] of this.statuses) {
      const samples = [...(this.latencies.get(op) ?? [])].sort((a, b) => a - b);
      const statusText = [...counts].map(([s, n]) => `${s}×${n}`).join(' ');
      lines.push(
        `${op.padEnd(34)} n=${String(this.count(op)).padStart(6)}  p50=${ms(percentile(samples, 50))}  p99=${ms(percentile(samples, 99))}  max=${ms(samples.at(-1))}  [${statusText}]`,
      );
    }
    return lines;
  }
}

export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function ms(value: number | undefined): string {
  return value === undefined ? '     -' : `${value.toFixed(0).padStart(5)}ms`;
}

// ---------------------------------------------------------------------------------------------
// The deposit and log API (lib/ledger/openapi.ts).

export interface GetOptions {
  /**
   * Retries after a network error. Only for reads after a restart: undici may hand out a pooled
   * keep-alive socket to the killed process before it notices the close, which says nothing
   * about the server.
   */
  retries?: number;
}

export class VerityApi {
  constructor(
    readonly http: SoakHttp,
    private readonly apiKey: string,
  ) {}

  /**
   * POSTs one deposit (single-object body) or a batch ({ deposits }), and checks the status the
   * API promises: 201 with sealed receipts when waiting, 202 with pending ones otherwise.
   */
  async deposit(
    base: string,
    requests: readonly DepositRequest[],
    options: { wait: boolean; batch: boolean; idempotencyKey?: string },
  ): Promise<Receipt[]> {
    const single = !options.batch && requests.length === 1;
    const op = `POST deposit${single ? '' : ' batch'}${options.wait ? '' : ' ?wait=false'}`;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      authorization: `Bearer ${this.apiKey}`,
      ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
    };
    const body = JSON.stringify(single ? requests[0] : { deposits: requests });
    const url = `${base}/api/v1/deposits${options.wait ? '' : '?wait=false'}`;
    const text = await this.expect(op, url, { method: 'POST', headers, body }, options.wait ? [201] : [202]);
    const receipts = single ? [ZReceipt.parse(JSON.parse(text))] : ZReceiptBatch.parse(JSON.parse(text)).deposits;
    if (receipts.length !== requests.length)
      throw new ApiError(`${op}: ${receipts.length} receipts for ${requests.length} deposits`, false);
    const want = options.wait ? 'sealed' : 'pending';
    receipts.forEach((r, i) => {
      if (r.status !== want) throw new ApiError(`${op}: receipt ${r.id} is ${r.status}, not ${want}`, false);
      const asked = requests[i]?.digests;
      if (r.digests.sha256 !== asked?.sha256 || r.digests.sm3 !== asked?.sm3) {
        throw new ApiError(`${op}: receipt ${r.id} records other digests than were sent`, false);
      }
    });
    return receipts;
  }

  async receipt(base: string, id: string, options: GetOptions = {}): Promise<Receipt> {
    return ZReceipt.parse(JSON.parse(await this.get('GET deposit by id', `${base}/api/v1/deposits/${id}`, options)));
  }

  async byDigest(base: string, algorithm: 'sha256' | 'sm3', hex: string, options: GetOptions = {}): Promise<Receipt[]> {
    const text = await this.get('GET deposits by digest', `${base}/api/v1/deposits?${algorithm}=${hex}`, options);
    return ZDepositList.parse(JSON.parse(text)).deposits;
  }

  checkpoint(base: string, options: GetOptions = {}): Promise<string> {
    return this.get('GET log/checkpoint', `${base}/api/v1/log/checkpoint`, options);
  }

  async key(base: string): Promise<string> {
    return (await this.get('GET log/key', `${base}/api/v1/log/key`)).trim();
  }

  async consistency(base: string, from: bigint, to: bigint, options: GetOptions = {}): Promise<Uint8Array[]> {
    const text = await this.get('GET log/consistency', `${base}/api/v1/log/consistency?from=${from}&to=${to}`, options);
    const body = ZConsistencyProof.parse(JSON.parse(text));
    if (BigInt(body.from) !== from || BigInt(body.to) !== to) {
      throw new ApiError(`consistency ${from}→${to} answered for ${body.from}→${body.to}`, false);
    }
    return body.proof.map(base64ToBytes);
  }

  private async get(op: string, url: string, options: GetOptions = {}): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.expect(op, url, {}, [200]);
      } catch (error) {
        if (!(error instanceof ApiError && error.network) || attempt >= (options.retries ?? 0)) throw error;
        await sleep(200);
      }
    }
  }

  private async expect(op: string, url: string, init: RequestInit, statuses: readonly number[]): Promise<string> {
    const outcome = await this.http.send(op, url, init);
    if (outcome.kind === 'network') throw new ApiError(`${op} ${url}: ${outcome.error}`, true);
    if (!statuses.includes(outcome.status)) {
      throw new ApiError(`${op} ${url} → ${outcome.status}: ${outcome.text.slice(0, 300)}`, false, outcome.status);
    }
    return outcome.text;
  }
}

// ---------------------------------------------------------------------------------------------
// Verification.

export interface SeenCheckpoint {
  size: bigint;
  rootHash: Uint8Array;
  note: string;
}

/**
 * Verifies checkpoints and receipts against the log's key, and remembers every checkpoint that
 * verified: two different roots for one size would be a fork, caught here whoever served them.
 */
export class LogVerifier {
  private readonly byNote = new Map<string, SeenCheckpoint>();
  /** Every verified checkpoint, by tree size. */
  readonly bySize = new Map<bigint, SeenCheckpoint>();
  /** Evidence of forks: same size, different root (or, oddly, a different note for the same root). */
  readonly forks: string[] = [];
  receiptsVerified = 0;
  consistencyProofsVerified = 0;

  constructor(readonly verifierKey: string) {}

  /**
   * Verifies a signed checkpoint note. The Ed25519 check (~2–4 ms in pure JS) runs once per
   * distinct note text: the same bytes verify the same way, and re-checking thousands of copies
   * would make this process, not the servers, the bottleneck of the run.
   */
  checkpoint(note: string): SeenCheckpoint {
    const cached = this.byNote.get(note);
    if (cached) return cached;
    const { checkpoint } = verifyCheckpoint(note, [this.verifierKey]);
    const seen: SeenCheckpoint = { size: checkpoint.size, rootHash: checkpoint.rootHash, note };
    const other = this.bySize.get(seen.size);
    if (other && !bytesEqual(other.rootHash, seen.rootHash)) {
      this.forks.push(`size ${seen.size}: root ${bytesToHex(other.rootHash)} and ${bytesToHex(seen.rootHash)}`);
    } else if (other) {
      this.forks.push(`size ${seen.size}: two different notes for one root:\n${other.note}\n---\n${note}`);
    }
    this.byNote.set(note, seen);
    if (!other) this.bySize.set(seen.size, seen);
    return seen;
  }

  /**
   * Verifies a sealed receipt: its checkpoint is signed by the log, the leaf is included at
   * `leafIndex` under that checkpoint's root, the tlog-proof text says the same and proves the
   * same, and the leaf bytes commit to the receipt's digests. With `full`, the tlog-proof is also
   * checked from scratch by verifyTlogProof, as an offline verifier holding only the proof would.
   */
  receipt(r: SealedReceipt, options: { full?: boolean } = {}): SeenCheckpoint {
    const leaf = base64ToBytes(r.leaf);
    const cp = this.checkpoint(r.checkpoint);
    if (BigInt(r.treeSize) !== cp.size)
      throw new Error(`receipt ${r.id}: treeSize ${r.treeSize}, checkpoint ${cp.size}`);
    const leafHash = hashLeaf(leaf);
    const proof = r.inclusionProof.map(base64ToBytes);
    verifyInclusion(r.leafIndex, cp.size, leafHash, proof, cp.rootHash);

    const tlog = parseTlogProof(r.tlogProof);
    if (tlog.index !== BigInt(r.leafIndex)) throw new Error(`receipt ${r.id}: tlog-proof index ${tlog.index}`);
    if (tlog.checkpoint !== r.checkpoint) throw new Error(`receipt ${r.id}: tlog-proof carries another checkpoint`);
    verifyInclusion(tlog.index, cp.size, leafHash, tlog.proof, cp.rootHash);
    if (options.full) verifyTlogProof(r.tlogProof, leaf, [this.verifierKey]);

    const statement = z
      .object({ digests: ZDigests })
      .parse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(leaf)));
    if (statement.digests.sha256 !== r.digests.sha256 || statement.digests.sm3 !== r.digests.sm3) {
      throw new Error(`receipt ${r.id}: the leaf commits to other digests than the receipt shows`);
    }
    this.receiptsVerified++;
    return cp;
  }

  /** Fetches and verifies a consistency proof from `older` to `newer` (both already verified). */
  async consistent(
    api: VerityApi,
    base: string,
    older: SeenCheckpoint,
    newer: SeenCheckpoint,
    options: GetOptions = {},
  ) {
    if (older.size > newer.size) throw new Error(`checkpoint went back from size ${older.size} to ${newer.size}`);
    if (older.size === newer.size || older.size === 0n) {
      // Nothing to prove between equal sizes but equal roots; every tree extends the empty one.
      if (older.size === newer.size && !bytesEqual(older.rootHash, newer.rootHash)) {
        throw new Error(`fork at size ${older.size}: two roots`);
      }
      return;
    }
    const proof = await api.consistency(base, older.size, newer.size, options);
    verifyConsistency(older.size, newer.size, proof, older.rootHash, newer.rootHash);
    this.consistencyProofsVerified++;
  }
}

/**
 * What one client sees over time: each checkpoint it meets (directly or inside a receipt) must
 * extend the last one it saw, proven by the log's own consistency proof.
 */
export class CheckpointChain {
  private last: SeenCheckpoint | undefined;

  constructor(
    private readonly verifier: LogVerifier,
    private readonly api: VerityApi,
  ) {}

  async observe(cp: SeenCheckpoint, base: string): Promise<void> {
    const last = this.last;
    if (last && cp.size < last.size) {
      throw new Error(`after a checkpoint of size ${last.size}, this client was handed one of size ${cp.size}`);
    }
    if (last) await this.verifier.consistent(this.api, base, last, cp);
    this.last = cp;
  }
}

/**
 * Proves every checkpoint the verifier has seen consistent with `final`, a few requests at a
 * time, alternating servers. Returns how many proofs were checked.
 */
export async function checkAllConsistentWith(
  api: VerityApi,
  verifier: LogVerifier,
  final: SeenCheckpoint,
  servers: readonly string[],
  options: GetOptions = {},
): Promise<number> {
  const older = [...verifier.bySize.values()].filter((cp) => cp.size > 0n && cp.size < final.size);
  const beyond = [...verifier.bySize.values()].filter((cp) => cp.size > final.size);
  if (beyond.length > 0)
    throw new Error(`checkpoints larger than the final one were seen: ${beyond.map((c) => c.size)}`);
  await forEachLimit(older, 6, async (cp, i) => {
    await verifier.consistent(api, servers[i % servers.length] ?? '', cp, final, options);
  });
  return older.length;
}

// ---------------------------------------------------------------------------------------------
// The database's view of the log.

export interface LogTables {
  /** Deposit ID → leaf index, from log_leaves. */
  indexOf: Map<string, number>;
  leafCount: number;
  depositCount: number;
  queued: number;
  latestCheckpointSize: number;
  /** Indexes not equal to their row position (a gap or a duplicate, ordered by index). */
  problems: string[];
}

export async function readLogTables(databaseUrl: string): Promise<LogTables> {
  return withClient(databaseUrl, async (client) => {
    const leaves = await client.query<{ leaf_index: string; deposit_id: string }>(
      // Order by the bigint column, not the text alias (which would sort "10" before "2").
      'SELECT l.leaf_index::text AS leaf_index, l.deposit_id::text AS deposit_id FROM log_leaves l ORDER BY l.leaf_index',
    );
    const indexOf = new Map<string, number>();
    const problems: string[] = [];
    leaves.rows.forEach((row, position) => {
      const index = Number(row.leaf_index);
      if (index !== position && problems.length < 20) problems.push(`row ${position} has leaf index ${index}`);
      if (indexOf.has(row.deposit_id)) problems.push(`deposit ${row.deposit_id} has two leaf indexes`);
      indexOf.set(row.deposit_id, index);
    });
    const counts = await client.query<{ deposits: string; queued: string; size: string | null }>(
      `SELECT (SELECT count(*) FROM deposits)::text AS deposits, (SELECT count(*) FROM sequence_queue)::text AS queued,
              (SELECT max(tree_size) FROM checkpoints)::text AS size`,
    );
    const row = counts.rows[0];
    return {
      indexOf,
      leafCount: leaves.rows.length,
      depositCount: Number(row?.deposits ?? -1),
      queued: Number(row?.queued ?? -1),
      latestCheckpointSize: Number(row?.size ?? 0),
      problems,
    };
  });
}

/** Of `ids`, those without a leaf yet. */
export async function unsealed(databaseUrl: string, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `SELECT i::text AS id FROM unnest($1::uuid[]) AS i
       WHERE NOT EXISTS (SELECT 1 FROM log_leaves l WHERE l.deposit_id = i)`,
      [ids],
    );
    return rows.map((r) => r.id);
  });
}

/**
 * Per deposit, milliseconds from its depositedAt (server clock) to the start of the transaction
 * that sealed it (checkpoints.created_at is now(), i.e. that transaction's start, so this slightly
 * under-counts the time spent waiting for the sealing lock).
 */
export async function sealLagsMs(databaseUrl: string, ids: readonly string[]): Promise<number[]> {
  if (ids.length === 0) return [];
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ lag: string }>(
      `SELECT (extract(epoch FROM c.created_at - d.deposited_at) * 1000)::text AS lag
       FROM deposits d JOIN log_leaves l ON l.deposit_id = d.id
       CROSS JOIN LATERAL (SELECT created_at FROM checkpoints WHERE tree_size > l.leaf_index ORDER BY tree_size LIMIT 1) c
       WHERE d.id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map((r) => Number(r.lag)).sort((a, b) => a - b);
  });
}

export async function withClient<T>(databaseUrl: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Loops, bounded by count and time.

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs `count` concurrent loops; each runs `body` until `stop()` says so or it has run
 * `maxIterations` times, so a run ends even if the clock check is never reached. A body that
 * resolves to `'stop'` ends its loop.
 */
export async function runLoops(
  count: number,
  maxIterations: number,
  stop: () => boolean,
  body: (loop: number, iteration: number) => Promise<unknown>,
): Promise<void> {
  await Promise.all(
    Array.from({ length: count }, async (_, loop) => {
      for (let i = 0; i < maxIterations && !stop(); i++) {
        if ((await body(loop, i)) === 'stop') return;
      }
    }),
  );
}

/** `fn` over `items`, at most `limit` at a time. */
export async function forEachLimit<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) await fn(items[i] as T, i);
    }),
  );
}

export function pick<T>(items: readonly T[]): T | undefined {
  return items.length === 0 ? undefined : items[randomInt(items.length)];
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------------------------
// One soak file at a time.

const LOCK_DIR = path.join(tmpdir(), 'verity-soak.lock');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A cross-process lock (a folder holding the owner's pid) held for a whole soak file. Vitest
 * runs files in parallel on machines with more cores; two clusters at once would skew each
 * other's figures, and two `next build`s into the same .next-e2e folder would break both. A lock
 * left by a killed run is taken over once its pid is gone. Returns the release function.
 */
export async function acquireSoakLock(timeoutMs: number): Promise<() => Promise<void>> {
  const deadline = Date.now() + timeoutMs;
  const pidFile = path.join(LOCK_DIR, 'pid');
  for (;;) {
    try {
      await mkdir(LOCK_DIR);
      await writeFile(pidFile, String(process.pid));
      return () => rm(LOCK_DIR, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
    // No pid yet: the owner is between mkdir and writeFile, unless it died there long ago.
    const age = Date.now() - ((await stat(LOCK_DIR).catch(() => undefined))?.mtimeMs ?? Date.now());
    if ((pid > 0 && !alive(pid)) || (!pid && age > 10_000)) {
      // Rename first (atomic), so two waiters cannot both remove it and then each think it is theirs.
      const stale = `${LOCK_DIR}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
      if (
        await rename(LOCK_DIR, stale).then(
          () => true,
          () => false,
        )
      )
        await rm(stale, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`another soak run (pid ${pid || '?'}) held ${LOCK_DIR} too long`);
    await sleep(500);
  }
}

/**
 * The two-server cluster a soak file runs against, started under the soak lock (one soak file
 * at a time, so two builds of .next-e2e never race); `stop` stops it and releases the lock.
 */
/**
 * How long a soak file may wait for the lock and start its cluster: six files take turns (test/soak,
 * the 1 GiB upload, the sign-in limit behind a proxy), each holding the lock a minute or two, and
 * a file waiting its turn must not time out while the others run.
 */
export const SOAK_LOCK_WAIT_MS = 900_000;
export const SOAK_START_MS = SOAK_LOCK_WAIT_MS + 240_000;

export async function startSoakCluster(
  options: { servers?: number; env?: Record<string, string>; demoWitnesses?: boolean } = {},
): Promise<Cluster & { stopAll: () => Promise<void> }> {
  const release = await acquireSoakLock(SOAK_LOCK_WAIT_MS);
  let cluster: Cluster;
  try {
    cluster = await startCluster({
      servers: options.servers ?? 2,
      env: options.env,
      demoWitnesses: options.demoWitnesses,
      log: (line) => console.log(line),
    });
  } catch (error) {
    await release();
    throw error;
  }
  return {
    ...cluster,
    stopAll: async () => {
      try {
        await cluster.stop();
      } finally {
        await release();
      }
    },
  };
}
