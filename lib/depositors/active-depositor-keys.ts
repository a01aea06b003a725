import 'server-only';
/**
 * The signing keys an organisation may sign deposits with now (not revoked). Not scoped to an
 * actor: the deposit API calls it for the organisation its API key authenticated, to check
 * the signatures on the request.
 */
import { getDb } from '@/lib/db/client';
import { parseInput } from '@/lib/errors/zod-issues';
import { type DepositorKeyAlgorithm, isDepositorKeyAlgorithm } from './depositor-public-key';
import { ZId } from './schemas';

export interface ActiveDepositorKey {
  id: string;
  algorithm: DepositorKeyAlgorithm;
  publicKey: Uint8Array;
}

const ZOrgId = ZId('orgId');

export async function activeDepositorKeys(orgId: string): Promise<ActiveDepositorKey[]> {
  const id = parseInput(ZOrgId, orgId);
  const rows = await getDb().depositorKey.findMany({
    where: { orgId: id, revokedAt: null },
    orderBy: { createdAt: 'asc' },
    select: { id: true, algorithm: true, publicKey: true },
  });
  // The CHECK constraint allows only known algorithms; a row that is not one is skipped, not trusted.
  return rows.flatMap((row) =>
    isDepositorKeyAlgorithm(row.algorithm) ? [{ id: row.id, algorithm: row.algorithm, publicKey: row.publicKey }] : [],
  );
}
