/**
 * Calling the ledger's own functions (sealBatch, buildInclusionProof) from the benchmark
 * process, on a cluster's database. lib/ reads DATABASE_URL and VERITY_LOG_SIGNER_KEY when
 * first used, so they are set here before the modules are imported (dynamically).
 *
 * Deposits made here carry real statement leaves (buildLeaf, as acceptDeposits makes them),
 * not the synthetic leaves of lib/ledger/ledger.testing.ts: the API parses every leaf it
 * serves (parseLeaf), so a log of synthetic leaves could be proved but not looked up.
 *
 * The cluster does not hand out its servers' signer key, so checkpoints sealed from here are
 * signed with a key of the benchmark's own (origin verity.bench/ledger). Nothing reads those
 * signatures during a benchmark; receipts checked against the cluster's key come from the
 * servers' own seals.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { generateNoteKeys, hashLeaf } from '@/lib/tlog';
import type { PendingDeposit } from '../../lib/ledger/pending-deposit';
import { buildLeaf } from '../../lib/ledger/statement';

const globalForPool = globalThis as unknown as { verityPool?: pg.Pool };

export interface InProcessLedger {
  sealBatch: typeof import('../../lib/ledger/seal-batch').sealBatch;
  buildInclusionProof: typeof import('../../lib/ledger/build-proofs').buildInclusionProof;
  /** A deposit of a fresh random SHA-256 digest by the cluster's depositor, as the API would record it. */
  deposit(): PendingDeposit;
  pool: pg.Pool;
  /** Closes the pool so the next `useLedgerDatabase` (another cluster) starts afresh. */
  close(): Promise<void>;
}

export async function useLedgerDatabase(databaseUrl: string, orgId: string): Promise<InProcessLedger> {
  if (globalForPool.verityPool) throw new Error('another in-process ledger is still open: close it first');
  process.env.DATABASE_URL = databaseUrl;
  process.env.VERITY_LOG_SIGNER_KEY ??= generateNoteKeys('verity.bench/ledger').signerKey;
  const [{ sealBatch }, { buildInclusionProof }, { getPool }] = await Promise.all([
    import('../../lib/ledger/seal-batch'),
    import('../../lib/ledger/build-proofs'),
    import('../../lib/db/pool'),
  ]);
  const pool = getPool();
  const { rows } = await pool.query<{ name: string }>('SELECT name FROM depositor_orgs WHERE id = $1', [orgId]);
  const depositor = { id: orgId, name: rows[0]?.name ?? '' };
  if (!depositor.name) throw new Error(`depositor ${orgId} not found`);
  return {
    sealBatch,
    buildInclusionProof,
    deposit() {
      const sha256 = randomBytes(32);
      const depositedAt = new Date();
      const { leaf } = buildLeaf({ request: { digests: { sha256: sha256.toString('hex') } }, depositor, depositedAt });
      return { id: randomUUID(), orgId, leaf, leafHash: hashLeaf(leaf), sha256, sm3: null, depositedAt };
    },
    pool,
    async close() {
      await pool.end();
      globalForPool.verityPool = undefined;
    },
  };
}
