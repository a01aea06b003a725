import 'server-only';
/**
 * Revokes a depositor's signing key: deposits signed with it are refused from now on
 * (activeDepositorKeys no longer returns it); deposits already in the ledger stay as they are.
 * Idempotent, keeping the first revocation time.
 */
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { withTransaction } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { auditDepositorChange } from './audit-depositor-change';
import { isDepositorKeyAlgorithm } from './depositor-public-key';
import { requireAdmin } from './require-admin';
import { ZId } from './schemas';
import { type DepositorKeySummary, depositorKeySelect } from './summaries';

export const ZRevokeDepositorKey = z.object({ depositorKeyId: ZId('depositorKeyId') });
export type RevokeDepositorKeyOptions = z.input<typeof ZRevokeDepositorKey>;

export async function revokeDepositorKey(
  actor: Actor,
  options: RevokeDepositorKeyOptions,
): Promise<DepositorKeySummary> {
  requireAdmin(actor, 'revoke depositor signing keys');
  const { depositorKeyId } = parseInput(ZRevokeDepositorKey, options);
  const db = getDb();
  await withTransaction(async (client) => {
    const { rowCount } = await client.query(
      'UPDATE depositor_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL',
      [depositorKeyId],
    );
    if (rowCount) await auditDepositorChange(client, actor, 'depositor.signing_key_revoked', depositorKeyId, {});
  });
  const key = await db.depositorKey.findUnique({ where: { id: depositorKeyId }, select: depositorKeySelect });
  if (!key) throw new AppError('NOT_FOUND', `No depositor signing key has the id ${depositorKeyId}.`);
  // The table's CHECK constraint allows only these two; narrowing keeps the DTO's type honest.
  if (!isDepositorKeyAlgorithm(key.algorithm)) throw new Error(`unexpected algorithm ${key.algorithm}`);
  return { ...key, algorithm: key.algorithm };
}
