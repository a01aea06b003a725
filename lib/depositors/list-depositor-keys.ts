import 'server-only';
/** An organisation's signing keys, newest first, revoked ones included, with the public key in base64. */
import { z } from 'zod';
import { PAGE_SIZE, type Page, toPage } from '@/lib/accounts/paging';
import type { Actor } from '@/lib/auth/actor';
import { getPool } from '@/lib/db/pool';
import { parseInput } from '@/lib/errors/zod-issues';
import { requireAdmin } from './require-admin';
import { ZId } from './schemas';
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

/**
 * One page (PAGE_SIZE, newest first) of an organisation's signing keys, for its admin page: revoked
 * keys are kept (old deposits were signed with them), so the list grows. Beyond the end: the last page.
 */
export async function listDepositorKeysPage(
  actor: Actor,
  orgId: string,
  options: { page?: number } = {},
): Promise<Page<DepositorKeyListItem>> {
  requireAdmin(actor, 'list depositor signing keys');
  const { page: asked } = parseInput(ZPage, { ...options, orgId });
  const { rows: counted } = await getPool().query<{ total: number }>(
    'SELECT count(*)::int AS total FROM depositor_keys WHERE org_id = $1',
    [orgId],
  );
  const total = counted[0]?.total ?? 0;
  const page = Math.min(asked, Math.max(1, Math.ceil(total / PAGE_SIZE)));
  const { rows } = await getPool().query<DepositorKeyListItem>(
    `SELECT id, org_id AS "orgId", algorithm, label, created_at AS "createdAt", revoked_at AS "revokedAt",
            encode(public_key, 'base64') AS "publicKeyBase64"
       FROM depositor_keys WHERE org_id = $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
    [orgId, PAGE_SIZE, (page - 1) * PAGE_SIZE],
  );
  return toPage(
    rows.map((r) => ({ ...r, publicKeyBase64: r.publicKeyBase64.replace(/\n/g, '') })),
    total,
    page,
  );
}

const ZPage = z.object({ orgId: ZId('orgId'), page: z.number().int().min(1).max(100_000).default(1) });
