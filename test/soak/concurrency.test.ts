/**
 * The acceptance run: 50 parallel depositors and 50 parallel verifiers for 20 s against two
 * production servers on one database. Every receipt verifies, no leaf index is assigned twice,
 * and the two processes never fork the log: every checkpoint anyone saw extends into the final
 * one. The figures (throughput, p50/p99 latency per operation) are printed for BENCHMARKS.md.
 *
 * VERITY_SOAK_SECONDS shortens or lengthens the load phase (default 20).
 */
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGoVerifier } from '@/tools/go-verify/build';
import { verifyConsistencyWithGo, verifyReceiptWithGo } from '@/tools/go-verify/run';
import type { Cluster } from '../cluster/cluster';
import {
  ApiError,
  CheckpointChain,
  checkAllConsistentWith,
  type DepositRequest,
  forEachLimit,
  LogVerifier,
  messageOf,
  percentile,
  pick,
  type Receipt,
  randomDepositRequest,
  readLogTables,
  runLoops,
  type SealedReceipt,
  type SeenCheckpoint,
  SOAK_START_MS,
  SoakHttp,
  sealLagsMs,
  sleep,
  startSoakCluster,
  unsealed,
  VerityApi,
} from './soak.testing';

const SECONDS = Number(process.env.VERITY_SOAK_SECONDS ?? 20);
const DEPOSITORS = 50;
const VERIFIERS = 50;
/** A safety bound on each loop besides the clock: far above what a loop manages in 20 s. */
const MAX_ITERATIONS = 100_000;
/** ?wait=false deposits must be sealed this soon (the sequencer polls the queue every 500 ms). */
const SEAL_WITHIN_MS = 10_000;

let cluster: Awaited<ReturnType<typeof startSoakCluster>> | undefined;

beforeAll(async () => {
  cluster = await startSoakCluster();
}, SOAK_START_MS);

afterAll(async () => {
  await cluster?.stopAll();
}, 60_000);

interface Known {
  id: string;
  leafIndex: number;
  digests: DepositRequest['digests'];
}

/** Everything the run produced, for the checks that follow it. */
interface Run {
  seconds: number;
  sealed: SealedReceipt[];
  pending: Receipt[];
  failures: string[];
  /** id → leaf index, from every sealed receipt anyone received. */
  indexOf: Map<string, number>;
  verifierOps: number;
  final?: SeenCheckpoint;
}

function cl(): Cluster {
  if (!cluster) throw new Error('the cluster did not start');
  return cluster;
}

let run: Run | undefined;
let http: SoakHttp;
let api: VerityApi;
let verifier: LogVerifier;

function done(): Run {
  if (!run) throw new Error('the soak run did not complete; see the first test');
  return run;
}

/** Records the index a receipt carries; a different index for the same deposit is a failure. */
function noteIndex(r: Run, id: string, leafIndex: number, where: string): void {
  const before = r.indexOf.get(id);
  if (before !== undefined && before !== leafIndex)
    r.failures.push(`${where}: deposit ${id} moved from ${before} to ${leafIndex}`);
  r.indexOf.set(id, leafIndex);
}

describe(`${DEPOSITORS} depositors and ${VERIFIERS} verifiers on two servers for ${SECONDS} s`, () => {
  it('runs the load without a 5xx, a refused request or a failed verification', {
    timeout: (SECONDS + 60) * 1000,
  }, async () => {
    const c = cl();
    const urls = c.servers.map((s) => s.url);
    http = new SoakHttp();
    api = new VerityApi(http, c.apiKey);
    // Trust the key the cluster was configured with, and check the servers publish that same key.
    verifier = new LogVerifier(c.logVerifierKey);
    for (const url of urls) expect(await api.key(url)).toBe(c.logVerifierKey);

    const r: Run = { seconds: 0, sealed: [], pending: [], failures: [], indexOf: new Map(), verifierOps: 0 };
    const known: Known[] = [];
    const started = performance.now();
    const deadline = Date.now() + SECONDS * 1000;
    const stop = () => Date.now() >= deadline;

    const depositors = runLoops(DEPOSITORS, MAX_ITERATIONS, stop, async (loop) => {
      const base = urls[loop % urls.length] ?? '';
      // Mostly single deposits that wait for their seal (the common integration), some queued
      // ones (?wait=false, answered 202 at once), some small batches of both kinds.
      const roll = randomInt(100);
      const batch = roll >= 90;
      const wait = roll < 80 || (roll >= 90 && roll < 97);
      const requests = Array.from({ length: batch ? 2 + randomInt(4) : 1 }, randomDepositRequest);
      try {
        const receipts = await api.deposit(base, requests, { wait, batch });
        for (const receipt of receipts) {
          if (receipt.status === 'sealed') {
            r.sealed.push(receipt);
            noteIndex(r, receipt.id, receipt.leafIndex, 'POST');
            known.push({ id: receipt.id, leafIndex: receipt.leafIndex, digests: receipt.digests });
          } else {
            r.pending.push(receipt);
          }
        }
      } catch (error) {
        r.failures.push(`depositor ${loop}: ${messageOf(error)}`);
      }
    });

    const verifiers = runLoops(VERIFIERS, MAX_ITERATIONS, stop, async (loop) => {
      const chain = new CheckpointChain(verifier, api);
      const server = () => urls[randomInt(urls.length)] ?? '';
      try {
        // The current checkpoint from either server: signed by the log, and extending the last
        // one this verifier saw (the log's consistency proof, from either server).
        const cp = verifier.checkpoint(await api.checkpoint(server()));
        await chain.observe(cp, server());
        r.verifierOps++;
        const target = pick(known);
        if (!target) return;
        // A deposit someone else made, by ID: same index as its 201 said, and a fresh proof.
        const fresh = await api.receipt(server(), target.id);
        if (fresh.status !== 'sealed')
          throw new ApiError(`deposit ${target.id} was sealed, now reads ${fresh.status}`, false);
        if (fresh.leafIndex !== target.leafIndex) {
          throw new ApiError(`deposit ${target.id}: index ${target.leafIndex} at POST, ${fresh.leafIndex} now`, false);
        }
        await chain.observe(verifier.receipt(fresh), server());
        r.verifierOps++;
        // And by digest, as a court that holds only the file would look it up.
        const algorithm = target.digests.sha256 && (!target.digests.sm3 || randomInt(2) === 0) ? 'sha256' : 'sm3';
        const found = await api.byDigest(server(), algorithm, target.digests[algorithm] ?? '');
        const match = found.find((d) => d.id === target.id);
        if (match?.status !== 'sealed') throw new ApiError(`deposit ${target.id} not found by its ${algorithm}`, false);
        for (const d of found) {
          if (d.status !== 'sealed') continue;
          noteIndex(r, d.id, d.leafIndex, 'GET by digest');
          await chain.observe(verifier.receipt(d), server());
          r.verifierOps++;
        }
      } catch (error) {
        r.failures.push(`verifier ${loop}: ${messageOf(error)}`);
      }
    });

    await Promise.all([depositors, verifiers]);
    r.seconds = (performance.now() - started) / 1000;
    run = r;

    const deposits = r.sealed.length + r.pending.length;
    const requests = [...http.statuses.keys()]
      .filter((op) => op.startsWith('POST'))
      .reduce((n, op) => n + http.count(op), 0);
    console.log(
      [
        `soak: ${r.seconds.toFixed(1)} s, ${DEPOSITORS} depositors + ${VERIFIERS} verifiers, 2 servers, ${urls.join(' ')}`,
        `  deposits: ${deposits} (${r.sealed.length} sealed 201, ${r.pending.length} queued 202) in ${requests} requests` +
          ` → ${(deposits / r.seconds).toFixed(0)} deposits/s, ${(requests / r.seconds).toFixed(0)} POST/s`,
        `  verifier operations (checkpoint + receipt checks): ${r.verifierOps} → ${(r.verifierOps / r.seconds).toFixed(0)}/s;` +
          ` consistency proofs verified: ${verifier.consistencyProofsVerified}; distinct checkpoints: ${verifier.bySize.size}`,
        ...http.report().map((line) => `  ${line}`),
      ].join('\n'),
    );

    expect(http.serverErrors, 'no request may fail with 5xx').toEqual([]);
    expect(verifier.forks, 'two roots for one tree size').toEqual([]);
    expect(r.failures.slice(0, 20), `${r.failures.length} failed requests or verifications`).toEqual([]);
    expect(r.sealed.length).toBeGreaterThan(0);
    expect(r.pending.length).toBeGreaterThan(0);
  });

  it('seals every 202 deposit within seconds, with a receipt that verifies', { timeout: 60_000 }, async () => {
    const r = done();
    const c = cl();
    const ids = r.pending.map((d) => d.id);
    const waitStart = Date.now();
    let left = await unsealed(c.databaseUrl, ids);
    while (left.length > 0 && Date.now() - waitStart < SEAL_WITHIN_MS) {
      await sleep(100);
      left = await unsealed(c.databaseUrl, left);
    }
    expect(left, `still unsealed ${SEAL_WITHIN_MS} ms after the run`).toEqual([]);
    const lags = await sealLagsMs(c.databaseUrl, ids);
    console.log(
      `  202 deposits: ${ids.length}; all sealed ${Date.now() - waitStart} ms after the run; ` +
        `sealing transaction start − depositedAt (negative when it began, waiting for the lock, before the deposit was queued): p50 ${percentile(lags, 50)?.toFixed(0)} ms, p99 ${percentile(lags, 99)?.toFixed(0)} ms, max ${lags.at(-1)?.toFixed(0)} ms`,
    );
    expect(lags.at(-1) ?? 0).toBeLessThan(SEAL_WITHIN_MS);

    const urls = c.servers.map((s) => s.url);
    await forEachLimit(r.pending, 8, async (p, i) => {
      const fresh = await api.receipt(urls[i % urls.length] ?? '', p.id);
      expect(fresh.status).toBe('sealed');
      if (fresh.status !== 'sealed') return;
      expect(fresh.leaf, 'the leaf bytes given at 202 are the ones sealed').toBe(p.leaf);
      verifier.receipt(fresh);
      noteIndex(r, fresh.id, fresh.leafIndex, 'GET after 202');
    });
    expect(r.failures).toEqual([]);
  });

  it('every 201 receipt verifies: checkpoint signature, inclusion, tlog-proof', { timeout: 60_000 }, () => {
    const r = done();
    const bad: string[] = [];
    r.sealed.forEach((receipt, i) => {
      try {
        // Every receipt: signature (once per note), inclusion, tlog-proof text; every 50th also
        // through verifyTlogProof from scratch, exactly as an offline holder of the proof would.
        verifier.receipt(receipt, { full: i % 50 === 0 });
      } catch (error) {
        bad.push(`${receipt.id} (index ${receipt.leafIndex}): ${messageOf(error)}`);
      }
    });
    expect(bad.slice(0, 20), `${bad.length} of ${r.sealed.length} receipts failed`).toEqual([]);
  });

  it('assigns every leaf index once: unique and contiguous across receipts and the database', {
    timeout: 60_000,
  }, async () => {
    const r = done();
    const c = cl();
    const byIndex = new Map<number, string>();
    const duplicates: string[] = [];
    for (const [id, index] of r.indexOf) {
      const other = byIndex.get(index);
      if (other !== undefined && other !== id) duplicates.push(`index ${index}: ${other} and ${id}`);
      byIndex.set(index, id);
    }
    expect(duplicates, 'two deposits received the same leaf index').toEqual([]);

    const tables = await readLogTables(c.databaseUrl);
    expect(tables.problems, 'log_leaves must be exactly 0..n-1').toEqual([]);
    const mismatched: string[] = [];
    for (const [id, index] of r.indexOf) {
      const stored = tables.indexOf.get(id);
      if (stored !== index) mismatched.push(`${id}: receipt ${index}, log_leaves ${stored}`);
    }
    expect(mismatched.slice(0, 20), 'every deposit received is in log_leaves at the index it was given').toEqual([]);
    const accepted = r.sealed.length + r.pending.length;
    expect(r.indexOf.size).toBe(accepted);
    // Nothing is left half-written: every deposit row has a leaf, and the newest checkpoint covers them all.
    expect(tables.queued).toBe(0);
    expect(tables.depositCount).toBe(tables.leafCount);
    expect(tables.latestCheckpointSize).toBe(tables.leafCount);
    expect(tables.leafCount).toBeGreaterThanOrEqual(accepted);
    console.log(`  leaf indexes: ${accepted} received, log_leaves 0..${tables.leafCount - 1}, no gap, no duplicate`);
  });

  it('never forks: every checkpoint anyone saw is consistent with the final one', { timeout: 60_000 }, async () => {
    const r = done();
    const c = cl();
    const urls = c.servers.map((s) => s.url);
    const final = verifier.checkpoint(await api.checkpoint(urls[0] ?? ''));
    expect(verifier.checkpoint(await api.checkpoint(urls[1] ?? '')), 'both servers hand out the same head').toBe(final);
    const tables = await readLogTables(c.databaseUrl);
    expect(final.size).toBe(BigInt(tables.leafCount));
    const proofs = await checkAllConsistentWith(api, verifier, final, urls);
    expect(verifier.forks).toEqual([]);
    r.final = final;
    console.log(
      `  consistency: ${proofs} distinct checkpoints seen, each proven consistent with the final size ${final.size}`,
    );
  });

  it('Go (golang.org/x/mod/sumdb/note and tlog) verifies a sample of live receipts', { timeout: 120_000 }, async () => {
    const r = done();
    const binary = await buildGoVerifier();
    if (!binary) {
      if (process.env.CI)
        throw new Error('CI is set but go-verify could not be built (Go or golang.org/x/mod missing)');
      console.log(
        '  go-verify: skipped (no Go toolchain or golang.org/x/mod source; apt-get install golang-go golang-golang-x-mod-dev)',
      );
      return;
    }
    const key = cl().logVerifierKey;
    // ~20 receipts spread over the whole run (early ones have short proofs, late ones long).
    const step = Math.max(1, Math.floor(r.sealed.length / 20));
    const sample = r.sealed.filter((_, i) => i % step === 0).slice(0, 20);
    for (const receipt of sample) {
      const result = await verifyReceiptWithGo(binary, receipt, key);
      expect(result.ok, `go-verify receipt ${receipt.id}:\n${result.stdout}${result.stderr}`).toBe(true);
    }
    // And a few consistency proofs, old checkpoints to the final one, as served by the API.
    const final = r.final;
    if (final) {
      const olds = [...verifier.bySize.values()].filter((cp) => cp.size > 0n && cp.size < final.size).slice(0, 3);
      for (const old of olds) {
        const proof = await api.consistency(cl().servers[0]?.url ?? '', old.size, final.size);
        const body = {
          from: Number(old.size),
          to: Number(final.size),
          proof: proof.map((p) => Buffer.from(p).toString('base64')),
        };
        const result = await verifyConsistencyWithGo(binary, old.note, final.note, body, key);
        expect(result.ok, `go-verify consistency ${old.size}→${final.size}:\n${result.stdout}${result.stderr}`).toBe(
          true,
        );
      }
    }
    console.log(`  go-verify: ${sample.length} live receipts and up to 3 consistency proofs verified by Go`);
  });
});
