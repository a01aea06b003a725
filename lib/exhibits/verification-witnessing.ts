import 'server-only';
/**
 * Who vouched for the signed state of the ledger a verification was decided on (issue #18): the
 * server's count of the witnesses' cosignatures (lib/verification/check-against-ledger.ts) kept
 * beside the verification, in its transaction (table verification_witnessing, append-only), and
 * read back for the exhibit page.
 *
 * @module
 */
import type pg from 'pg';
import { z } from 'zod';
import type { CheckedAgainstLedger } from '@/lib/verification/check-against-ledger';

/** As recorded: k of n, whether met, and the institutions whose cosignatures counted. */
export interface RecordedWitnessing {
  quorum: number;
  of: number;
  checkpointSize: string;
  witnessed: boolean;
  by: { name: string; nameEn?: string }[];
}

const ZVouchers = z.array(z.object({ name: z.string().min(1), nameEn: z.string().min(1).optional() }));

/** Inserts the row for `verificationId` when the log had witnesses and a sealed proof held. */
export async function recordWitnessing(
  client: pg.PoolClient,
  verificationId: string,
  check: Pick<CheckedAgainstLedger, 'witnessing' | 'checkpointSize'>,
): Promise<RecordedWitnessing | null> {
  const { witnessing, checkpointSize } = check;
  if (!witnessing || checkpointSize === null) return null;
  const by = witnessing.by.map(({ name, nameEn }) => ({ name, ...(nameEn ? { nameEn } : {}) }));
  await client.query(
    `INSERT INTO verification_witnessing (verification_id, quorum, witnesses, checkpoint_size, witnessed, witnessed_by)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
    [
      verificationId,
      witnessing.quorum,
      witnessing.of,
      checkpointSize.toString(),
      witnessing.state === 'witnessed',
      JSON.stringify(by),
    ],
  );
  return {
    quorum: witnessing.quorum,
    of: witnessing.of,
    checkpointSize: checkpointSize.toString(),
    witnessed: witnessing.state === 'witnessed',
    by,
  };
}

/** A row as Prisma reads it, for the page. */
export function readWitnessing(
  row: { quorum: number; witnesses: number; checkpointSize: bigint; witnessed: boolean; witnessedBy: unknown } | null,
): RecordedWitnessing | null {
  if (!row) return null;
  const by = ZVouchers.safeParse(row.witnessedBy);
  return {
    quorum: row.quorum,
    of: row.witnesses,
    checkpointSize: row.checkpointSize.toString(),
    witnessed: row.witnessed,
    by: by.success ? by.data.map(({ name, nameEn }) => ({ name, ...(nameEn ? { nameEn } : {}) })) : [],
  };
}

/** For the custody log: what the verification's audit event says about witnesses. */
export function witnessingAudit(recorded: RecordedWitnessing | null) {
  return recorded
    ? { witnessed: recorded.witnessed, quorum: recorded.quorum, of: recorded.of, by: recorded.by.map((v) => v.name) }
    : null;
}
