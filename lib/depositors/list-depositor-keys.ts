import 'server-only';
/** An organisation's signing keys, newest first, revoked ones included, with the public key in base64. */
import type { Actor } from '@/lib/auth/actor';
import { getPool } from '@/lib/db/pool';
import { requireAdmin } from './require-admin';
import type { DepositorKeySummary } from './summaries';

export interface DepositorKeyListItem extends DepositorKeySummary {
  publicKeyBase64: string;
}

export async function listDepositorKeys(actor: Actor, orgId: string): Promise<DepositorKeyListItem[]> {
  requireAdmin(actor, 'list depositor signing keys');
  const { rows } = await getPool().query<DepositorKeyListItem>(
    `SELECT id, org_id AS "orgId", algorithm, label, created_at AS "createdAt", revoked_at AS "revokedAt",
            encode(public_key, 'base64') AS "publicKeyBase64"
       FROM depositor_keys WHERE org_id = $1 ORDER BY created_at DESC, id`,
    [orgId],
  );
  return rows.map((r) => ({ ...r, publicKeyBase64: r.publicKeyBase64.replace(/\n/g, '') }));
}
