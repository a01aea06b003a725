import 'server-only';
/**
 * What a judge weighs about a deposit (Online Litigation Rules art. 17): when it was made, by
 * which depositor, and whether the depositor signed it with a key registered to them. The
 * facts come from the leaf bytes (what the log commits to), not from mutable columns.
 */
import { getPool } from '@/lib/db/pool';
import { parseLeaf } from '@/lib/ledger/statement';
import { base64ToBytes } from '@/lib/tlog';

export interface DepositFacts {
  id: string;
  depositedAt: string;
  depositor: { id: string; name: string };
  sealed: boolean;
  leafIndex: number | null;
  recorded: { sha256?: string; sm3?: string };
  /**
   * The depositor's signature: present in the leaf and checked on receipt against a key
   * registered to the depositor (the ledger refuses unsigned-by-registered-key statements
   * that carry a signature). `keyStatus` is the key's standing today.
   */
  signature: { algorithm: string; keyStatus: 'registered' | 'revoked' | 'unknown' } | null;
}

export async function describeDeposits(ids: readonly string[]): Promise<Map<string, DepositFacts>> {
  const out = new Map<string, DepositFacts>();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return out;
  const { rows } = await getPool().query<{ id: string; org_id: string; leaf: Buffer; leaf_index: string | null }>(
    `SELECT d.id, d.org_id, d.leaf, l.leaf_index FROM deposits d LEFT JOIN log_leaves l ON l.deposit_id = d.id
     WHERE d.id = ANY($1::uuid[])`,
    [unique],
  );
  const keys = await getPool().query<{ org_id: string; public_key: Buffer; revoked_at: Date | null }>(
    'SELECT org_id, public_key, revoked_at FROM depositor_keys WHERE org_id = ANY($1::uuid[])',
    [[...new Set(rows.map((r) => r.org_id))]],
  );
  for (const row of rows) {
    const statement = parseLeaf(new Uint8Array(row.leaf));
    let signature: DepositFacts['signature'] = null;
    if (statement.signature) {
      const publicKey = Buffer.from(base64ToBytes(statement.signature.publicKey));
      const key = keys.rows.find((k) => k.org_id === row.org_id && k.public_key.equals(publicKey));
      signature = {
        algorithm: statement.signature.algorithm,
        keyStatus: !key ? 'unknown' : key.revoked_at ? 'revoked' : 'registered',
      };
    }
    out.set(row.id, {
      id: row.id,
      depositedAt: statement.depositedAt,
      depositor: statement.depositor,
      sealed: row.leaf_index !== null,
      leafIndex: row.leaf_index === null ? null : Number(row.leaf_index),
      recorded: statement.digests,
      signature,
    });
  }
  return out;
}
