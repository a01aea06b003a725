import 'server-only';
/**
 * Keeps the titles a depositor typed on the deposit page, for the organisation's history and its
 * deposit certificates. The ledger itself records only SHA-256 of a title (the leaf's
 * titleSha256); a title is stored only when it is exactly the one its leaf commits to, and only
 * for a deposit of the organisation named. Called once the ledger has accepted the deposits: the
 * deposit stands whether or not its title could be kept (its receipt file carries the title too).
 */
import { getPool } from '@/lib/db/pool';
import { parseLeaf } from '@/lib/ledger/statement/parse-leaf';
import { titleSha256 } from '@/lib/ledger/statement/signed-payload';
import { base64ToBytes } from '@/lib/tlog';

export interface TitledDeposit {
  id: string;
  /** The receipt's leaf, base64. */
  leaf: string;
  title: string | undefined;
}

/** Stores each given title that its leaf commits to; returns how many were stored. */
export async function recordDepositTitles(orgId: string, deposits: readonly TitledDeposit[]): Promise<number> {
  const kept = deposits.filter(
    (d): d is TitledDeposit & { title: string } =>
      d.title !== undefined && parseLeaf(base64ToBytes(d.leaf)).titleSha256 === titleSha256(d.title),
  );
  if (kept.length === 0) return 0;
  const { rowCount } = await getPool().query(
    `INSERT INTO deposit_titles (deposit_id, org_id, title)
     SELECT d.id, d.org_id, t.title
       FROM unnest($1::uuid[], $2::text[]) AS t(id, title)
       JOIN deposits d ON d.id = t.id AND d.org_id = $3
     ON CONFLICT (deposit_id) DO NOTHING`,
    [kept.map((d) => d.id), kept.map((d) => d.title), orgId],
  );
  return rowCount ?? 0;
}
