/**
 * kill -9 a server during a burst of deposits. After restart every deposit that was answered 201
 * is in the log at the index its receipt gave, with a proof that verifies; the log is consistent
 * with every checkpoint handed out before the crash; and every deposit answered 202 (queued) is
 * sealed once a server is back. Requests in flight at the kill fail without an answer: that is
 * expected, and they are not counted as 201s.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEQUENCER_LOCK } from '@/lib/ledger/seal-batch';
import type { ServerHandle } from '../cluster/cluster';
import {
  ApiError,
  checkAllConsistentWith,
  forEachLimit,
  LogVerifier,
  messageOf,
  type Receipt,
  randomDepositRequest,
  readLogTables,
  runLoops,
  type SealedReceipt,
  SOAK_START_MS,
  SoakHttp,
  sleep,
  startSoakCluster,
  unsealed,
  VerityApi,
  withClient,
} from './soak.testing';

const LOOPS = 32;
/** Each burst is cut by the kill; these only bound it if the kill never comes. */
const MAX_ITERATIONS = 10_000;
const BURST_LIMIT_MS = 20_000;
/** Reads right after a restart may meet a pooled socket of the killed process once. */
const AFTER_RESTART = { retries: 3 };

let cluster: Awaited<ReturnType<typeof startSoakCluster>> | undefined;
let http: SoakHttp;
let api: VerityApi;
let verifier: LogVerifier;
/** Every deposit answered 201 or 202 in any burst, with the leaf index it was sealed at. */
const accepted = new Map<string, number | undefined>();

beforeAll(async () => {
  cluster = await startSoakCluster();
  http = new SoakHttp();
  api = new VerityApi(http, cluster.apiKey);
  verifier = new LogVerifier(cluster.logVerifierKey);
}, SOAK_START_MS);

afterAll(async () => {
  await cluster?.stopAll();
}, 60_000);

function servers(): [ServerHandle, ServerHandle] {
  const [a, b] = cluster?.servers ?? [];
  if (!a || !b) throw new Error('the cluster did not start');
  return [a, b];
}

function databaseUrl(): string {
  if (!cluster) throw new Error('the cluster did not start');
  return cluster.databaseUrl;
}

interface Burst {
  receipts: Receipt[];
  /** Failures that are not the kill's doing: any of these fails the test. */
  failures: string[];
  /** Requests cut off by the kill (no answer, or half an answer). */
  cutOff: number;
  killedAfterMs: number;
}

/**
 * LOOPS concurrent depositors against `target`; `target` is SIGKILLed once `killAt.receipts`
 * deposits were answered (but not before `minMs`), or at `maxMs` whatever the count. A loop stops at its first network error after the
 * kill; a network error before it is a failure.
 */
async function burstAndKill(
  target: ServerHandle,
  wait: boolean,
  killAt: { receipts: number; minMs: number; maxMs: number },
  onKill: () => void = () => {},
): Promise<Burst> {
  const burst: Burst = { receipts: [], failures: [], cutOff: 0, killedAfterMs: 0 };
  let killed = false;
  const start = Date.now();
  const stop = () => Date.now() - start > BURST_LIMIT_MS;
  const loops = runLoops(LOOPS, MAX_ITERATIONS, stop, async (loop) => {
    // One loop in eight sends batches, so a kill can also land in the middle of a batch.
    const batch = loop % 8 === 0;
    const requests = Array.from({ length: batch ? 4 : 1 }, randomDepositRequest);
    try {
      burst.receipts.push(...(await api.deposit(target.url, requests, { wait, batch })));
    } catch (error) {
      if (error instanceof ApiError && error.network && killed) {
        burst.cutOff++;
        return 'stop';
      }
      burst.failures.push(`loop ${loop}: ${messageOf(error)}`);
    }
  });
  for (;;) {
    const elapsed = Date.now() - start;
    if (elapsed >= killAt.maxMs || (elapsed >= killAt.minMs && burst.receipts.length >= killAt.receipts)) break;
    await sleep(50);
  }
  // Set before the signal: a request failing from here on may be the kill's doing.
  killed = true;
  onKill();
  burst.killedAfterMs = Date.now() - start;
  await target.kill('SIGKILL');
  await loops;
  return burst;
}

/** A deposit that waits, sent with an Idempotency-Key so a retry after a stale socket cannot double it. */
async function depositAfterRestart(base: string): Promise<SealedReceipt> {
  const key = randomUUID();
  const request = randomDepositRequest();
  for (let attempt = 0; ; attempt++) {
    try {
      const [receipt] = await api.deposit(base, [request], { wait: true, batch: false, idempotencyKey: key });
      if (receipt?.status !== 'sealed') throw new Error('a 201 without a sealed receipt');
      return receipt;
    } catch (error) {
      if (!(error instanceof ApiError && error.network) || attempt >= 3) throw error;
      await sleep(200);
    }
  }
}

describe('kill -9 during a burst of deposits', () => {
  it('keeps every 201 deposit at its index with a valid proof, consistent with every earlier checkpoint', {
    timeout: 120_000,
  }, async () => {
    const [a, b] = servers();
    // Watchers collect the checkpoints both servers hand out before the crash.
    let watching = true;
    const watchFailures: string[] = [];
    const watchers = runLoops(
      4,
      MAX_ITERATIONS,
      () => !watching,
      async (loop) => {
        try {
          verifier.checkpoint(await api.checkpoint((loop % 2 === 0 ? a : b).url));
        } catch (error) {
          if (!(error instanceof ApiError && error.network && loop % 2 === 0 && !watching)) {
            watchFailures.push(messageOf(error));
          }
        }
        await sleep(20);
      },
    );

    // Kill 1–2 s in, once ~150 deposits are sealed: mid-burst, with seals in flight.
    const burst = await burstAndKill(a, true, { receipts: 150, minMs: 1000, maxMs: 2000 }, () => {
      watching = false;
    });
    await watchers;
    const before = [...verifier.bySize.values()];
    const sealed = burst.receipts.filter((r): r is SealedReceipt => r.status === 'sealed');
    console.log(
      `crash (wait=true): killed server A after ${burst.killedAfterMs} ms; ${sealed.length} deposits answered 201, ` +
        `${burst.cutOff} requests cut off by the kill; ${before.length} checkpoints handed out before`,
    );
    expect(http.serverErrors).toEqual([]);
    expect(burst.failures.slice(0, 20)).toEqual([]);
    expect(watchFailures.slice(0, 20)).toEqual([]);
    expect(sealed.length).toBeGreaterThan(0);
    for (const r of sealed) {
      verifier.receipt(r);
      accepted.set(r.id, r.leafIndex);
    }

    const restartStart = Date.now();
    await a.restart();
    console.log(`  server A restarted in ${Date.now() - restartStart} ms`);
    const latest = verifier.checkpoint(await api.checkpoint(a.url, AFTER_RESTART));
    expect(verifier.checkpoint(await api.checkpoint(b.url)), 'both servers agree on the head').toBe(latest);

    // Every 201 deposit, read back from the restarted server: sealed, same index, and a fresh
    // proof to the newest checkpoint that verifies.
    const lost: string[] = [];
    await forEachLimit(sealed, 8, async (r) => {
      const fresh = await api.receipt(a.url, r.id, AFTER_RESTART);
      if (fresh.status !== 'sealed' || fresh.leafIndex !== r.leafIndex) {
        lost.push(
          `${r.id}: 201 at index ${r.leafIndex}, now ${fresh.status} ${'leafIndex' in fresh ? fresh.leafIndex : ''}`,
        );
        return;
      }
      const cp = verifier.receipt(fresh, { full: true });
      if (cp.size !== latest.size) lost.push(`${r.id}: fresh proof is to size ${cp.size}, head is ${latest.size}`);
    });
    expect(lost.slice(0, 20), 'deposits answered 201 before the crash').toEqual([]);

    // The log after the crash extends every checkpoint handed out before it.
    const proofs = await checkAllConsistentWith(api, verifier, latest, [a.url, b.url], AFTER_RESTART);
    expect(verifier.forks).toEqual([]);
    console.log(
      `  ${sealed.length} receipts re-read and verified; ${proofs} earlier checkpoints consistent with size ${latest.size}`,
    );

    // New deposits work on both servers, at the next indexes: no gap, no reuse.
    const next = await depositAfterRestart(a.url);
    const after = await depositAfterRestart(b.url);
    verifier.receipt(next);
    verifier.receipt(after);
    expect([next.leafIndex, after.leafIndex]).toEqual([Number(latest.size), Number(latest.size) + 1]);
    accepted.set(next.id, next.leafIndex);
    accepted.set(after.id, after.leafIndex);
    await checkAllConsistentWith(api, verifier, verifier.checkpoint(after.checkpoint), [a.url, b.url]);
    expect(http.serverErrors).toEqual([]);
  });

  it('seals every 202 deposit after a restart, when the server holding the queue was killed', {
    timeout: 120_000,
  }, async () => {
    const [a, b] = servers();
    // Server B would seal A's queue within 500 ms; with it stopped, only the restarted A can.
    await b.kill('SIGTERM');
    // Hold the sequencer's advisory lock so the queue cannot drain before the kill: A dies with
    // deposits queued and a sealing transaction of its own waiting on the lock, the case a
    // restart must recover from. (Without this the queue is usually empty at the kill.)
    await withClient(databaseUrl(), async (lock) => {
      await lock.query('SELECT pg_advisory_lock($1)', [SEQUENCER_LOCK]);
      let burst: Burst;
      try {
        burst = await burstAndKill(a, false, { receipts: 300, minMs: 1000, maxMs: 2000 });
      } finally {
        await lock.query('SELECT pg_advisory_unlock($1)', [SEQUENCER_LOCK]);
      }
      const queued = burst.receipts.map((r) => r.id);
      console.log(
        `crash (wait=false): killed server A after ${burst.killedAfterMs} ms; ${queued.length} deposits answered 202, ` +
          `${burst.cutOff} requests cut off by the kill`,
      );
      expect(http.serverErrors).toEqual([]);
      expect(burst.failures.slice(0, 20)).toEqual([]);
      expect(queued.length).toBeGreaterThan(0);
      for (const id of queued) accepted.set(id, undefined);

      // Every 202 is durable before its answer: in the database, waiting in the queue.
      const waiting = await unsealed(databaseUrl(), queued);
      expect(waiting.length, 'no server was up to seal them').toBe(queued.length);
      const inQueue = await lock.query<{ n: string }>(
        'SELECT count(*)::text AS n FROM sequence_queue WHERE deposit_id = ANY($1::uuid[])',
        [queued],
      );
      expect(Number(inQueue.rows[0]?.n)).toBe(queued.length);

      const restartStart = Date.now();
      await a.restart();
      let left = queued;
      while (left.length > 0 && Date.now() - restartStart < 30_000) {
        await sleep(100);
        left = await unsealed(databaseUrl(), left);
      }
      console.log(
        `  server A restarted; all ${queued.length} queued deposits sealed ${Date.now() - restartStart} ms after the restart began`,
      );
      expect(left, 'queued deposits still unsealed 30 s after the restart').toEqual([]);
    });

    const latest = verifier.checkpoint(await api.checkpoint(a.url, AFTER_RESTART));
    const ids = [...accepted].filter(([, index]) => index === undefined).map(([id]) => id);
    await forEachLimit(ids, 8, async (id) => {
      const fresh = await api.receipt(a.url, id, AFTER_RESTART);
      expect(fresh.status, id).toBe('sealed');
      if (fresh.status !== 'sealed') return;
      verifier.receipt(fresh, { full: randomInt(20) === 0 });
      accepted.set(id, fresh.leafIndex);
    });
    await b.restart();
    expect(verifier.checkpoint(await api.checkpoint(b.url)), 'B, back, agrees on the head').toBe(latest);
    await checkAllConsistentWith(api, verifier, latest, [a.url, b.url], AFTER_RESTART);
    expect(verifier.forks).toEqual([]);
    expect(http.serverErrors).toEqual([]);
  });

  it('leaves log_leaves contiguous, with every accepted deposit at its index and nothing half-written', async () => {
    const tables = await readLogTables(databaseUrl());
    expect(tables.problems, 'log_leaves must be exactly 0..n-1').toEqual([]);
    const wrong: string[] = [];
    for (const [id, index] of accepted) {
      if (index === undefined || tables.indexOf.get(id) !== index)
        wrong.push(`${id}: ${index} vs ${tables.indexOf.get(id)}`);
    }
    expect(wrong.slice(0, 20)).toEqual([]);
    expect(tables.queued).toBe(0);
    // Deposits of a cut-off ?wait=true request are written in the sealing transaction: all or nothing.
    expect(tables.depositCount).toBe(tables.leafCount);
    expect(tables.latestCheckpointSize).toBe(tables.leafCount);
    console.log(
      `  log_leaves 0..${tables.leafCount - 1}: contiguous; ${accepted.size} accepted deposits at their indexes`,
    );
    console.log(
      http
        .report()
        .map((line) => `  ${line}`)
        .join('\n'),
    );
  });
});
