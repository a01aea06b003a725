import 'server-only';
/**
 * Renames a depositor organisation. Deposits already in the ledger keep the name they were
 * made under (it is inside their signed leaf); new deposits carry the new one.
 */
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { withTransaction } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { auditDepositorChange, isPgError } from './audit-depositor-change';
import { clearApiKeyCache } from './authenticate-api-key';
import { orgNameTaken } from './create-depositor-org';
import { requireAdmin } from './require-admin';
import { ZDisplayText, ZId } from './schemas';
import type { DepositorOrgSummary } from './summaries';

export const ZRenameDepositorOrg = z.object({ orgId: ZId('orgId'), name: ZDisplayText('name') });
export type RenameDepositorOrgOptions = z.input<typeof ZRenameDepositorOrg>;

export async function renameDepositorOrg(
  actor: Actor,
  options: RenameDepositorOrgOptions,
): Promise<DepositorOrgSummary & { changed: boolean }> {
  requireAdmin(actor, 'rename depositor organisations');
  const { orgId, name } = parseInput(ZRenameDepositorOrg, options);
  try {
    const result = await withTransaction(async (client) => {
      const { rows: before } = await client.query<{ name: string }>(
        'SELECT name FROM depositor_orgs WHERE id = $1 FOR UPDATE',
        [orgId],
      );
      const old = before[0];
      if (!old) throw new AppError('NOT_FOUND', `No depositor organisation has the id ${orgId}.`);
      const { rows } = await client.query<DepositorOrgSummary>(
        'UPDATE depositor_orgs SET name = $2 WHERE id = $1 RETURNING id, name, created_at AS "createdAt"',
        [orgId, name],
      );
      const changed = old.name !== name;
      if (changed)
        await auditDepositorChange(client, actor, 'depositor.org_renamed', orgId, { from: old.name, to: name });
      return { ...(rows[0] as DepositorOrgSummary), changed };
    });
    clearApiKeyCache(); // the API's cached key records carry the organisation's name
    return result;
  } catch (error) {
    if (isPgError(error, '23505')) throw orgNameTaken(name);
    throw error;
  }
}
