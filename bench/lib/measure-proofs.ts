/**
 * Inclusion proofs on a big log: buildInclusionProof (lib/ledger/build-proofs.ts) for random
 * leaves, interleaved sample by sample with its reference, a `SELECT 1` round trip on the same
 * pool; then HTTP GET /api/v1/deposits/{id} (a fresh receipt, proof to the latest checkpoint),
 * interleaved with GET /api/health. A sample of proofs and receipts is verified.
 */
import { randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseSignerKey, verifierKeyFromSignerKey, verifyInclusion } from '@/lib/tlog';
import { type CpuGroups, measuredQuietly } from './cpu-accounting';
import { getOk, type HttpClient } from './http-client';
import type { InProcessLedger } from './in-process-ledger';
import { NOISY_OTHER_CORES, phaseDefaults } from './run-phase';
import { type LatencySummary, roundedSummary } from './stats';
import { verifyReceipts } from './verify-receipts';

export interface ProofMeasurements {
  treeSize: number;
  proof: LatencySummary;
  selectOne: LatencySummary;
  proofsVerified: number;
  /** Cores used by other processes while the proofs were measured. */
  otherCores: number;
  httpGetById?: LatencySummary;
  httpHealth?: LatencySummary;
  httpOtherCores?: number;
  receiptsVerified?: { checked: number; failures: string[] };
}

/** Every sequential loop here also stops after this long, whatever its sample count. */
const LOOP_LIMIT_MS = 300_000;

function warnIfNoisy(what: string, otherCores: number): void {
  if (otherCores > NOISY_OTHER_CORES) {
    console.log(`  WARNING: other processes used ${otherCores} cores while ${what} ran: figures are suspect`);
  }
}

export async function measureProofs(
  ledger: InProcessLedger,
  samples: number,
  groups: CpuGroups,
): Promise<ProofMeasurements> {
  const { rows } = await ledger.pool.query<{ s: string; root: Buffer }>(
    'SELECT tree_size::text AS s, root_hash AS root FROM checkpoints ORDER BY tree_size DESC LIMIT 1',
  );
  const size = BigInt(rows[0]?.s ?? '0');
  const root = rows[0]?.root;
  if (size === 0n || !root) throw new Error('the log is empty');
  const randomLeaf = () => BigInt(randomInt(0, Number(size)));

  // Warm the pool's connections and the relevant index pages the same way for both.
  const warmUntil = performance.now() + LOOP_LIMIT_MS;
  for (let i = 0; i < Math.min(200, samples) && performance.now() < warmUntil; i++) {
    await ledger.buildInclusionProof(randomLeaf(), size);
    await ledger.pool.query('SELECT 1');
  }
  const proof: number[] = [];
  const selectOne: number[] = [];
  const { otherCores } = await measuredQuietly(groups, phaseDefaults.quietWaitMs, async () => {
    const until = performance.now() + LOOP_LIMIT_MS;
    for (let i = 0; i < samples && performance.now() < until; i++) {
      const leaf = randomLeaf();
      let t = performance.now();
      await ledger.buildInclusionProof(leaf, size);
      proof.push(performance.now() - t);
      t = performance.now();
      await ledger.pool.query('SELECT 1');
      selectOne.push(performance.now() - t);
    }
  });
  warnIfNoisy('the proofs', otherCores);

  // The proofs are right: recompute the root from a few, with each leaf's stored hash.
  let verified = 0;
  for (let i = 0; i < 20; i++) {
    const leaf = randomLeaf();
    const hashes = await ledger.buildInclusionProof(leaf, size);
    const { rows: found } = await ledger.pool.query<{ hash: Buffer }>(
      'SELECT hash FROM log_nodes WHERE level = 0 AND node_index = $1',
      [leaf.toString()],
    );
    const leafHash = found[0]?.hash;
    if (!leafHash) throw new Error(`leaf ${leaf} has no stored hash`);
    verifyInclusion(leaf, size, new Uint8Array(leafHash), hashes, new Uint8Array(root));
    verified++;
  }
  const result = {
    treeSize: Number(size),
    proof: roundedSummary(proof),
    selectOne: roundedSummary(selectOne),
    proofsVerified: verified,
    otherCores,
  };
  console.log(`  buildInclusionProof: ${JSON.stringify(result.proof)}`);
  console.log(`  SELECT 1:            ${JSON.stringify(result.selectOne)}`);
  return result;
}

/** One client, sequential: latency of a fresh receipt over HTTP, interleaved with GET /api/health. */
export async function measureGetById(
  client: HttpClient,
  url: string,
  ids: readonly string[],
  samples: number,
  groups: CpuGroups,
): Promise<Pick<ProofMeasurements, 'httpGetById' | 'httpHealth' | 'httpOtherCores' | 'receiptsVerified'>> {
  const pick = () => ids[randomInt(0, ids.length)] as string;
  const warmUntil = performance.now() + LOOP_LIMIT_MS;
  for (let i = 0; i < Math.min(100, samples) && performance.now() < warmUntil; i++) {
    await getOk(client, url, `/api/v1/deposits/${pick()}`);
    await getOk(client, url, '/api/health');
  }
  const byId: number[] = [];
  const health: number[] = [];
  const kept: string[] = [];
  const { otherCores } = await measuredQuietly(groups, phaseDefaults.quietWaitMs, async () => {
    const until = performance.now() + LOOP_LIMIT_MS;
    for (let i = 0; i < samples && performance.now() < until; i++) {
      let t = performance.now();
      const text = await getOk(client, url, `/api/v1/deposits/${pick()}`);
      byId.push(performance.now() - t);
      if (kept.length < 20) kept.push(text);
      t = performance.now();
      await getOk(client, url, '/api/health');
      health.push(performance.now() - t);
    }
  });
  warnIfNoisy('GET by id', otherCores);
  // Receipts for the built log carry checkpoints signed with the benchmark's own key (see in-process-ledger.ts).
  const signer = process.env.VERITY_LOG_SIGNER_KEY;
  if (!signer) throw new Error('VERITY_LOG_SIGNER_KEY is not set');
  const receiptsVerified = verifyReceipts(kept, verifierKeyFromSignerKey(parseSignerKey(signer)));
  const out = {
    httpGetById: roundedSummary(byId),
    httpHealth: roundedSummary(health),
    httpOtherCores: otherCores,
    receiptsVerified,
  };
  console.log(`  GET /api/v1/deposits/{id}: ${JSON.stringify(out.httpGetById)}`);
  console.log(`  GET /api/health:           ${JSON.stringify(out.httpHealth)}`);
  return out;
}
