import 'server-only';
/** The admin page's list of depositor organisations: search by name, a page at a time, with counts. */
import { type ListQuery, likePattern, PAGE_SIZE, type Page, toPage, ZListQuery } from '@/lib/accounts/paging';
import type { Actor } from '@/lib/auth/actor';
import { getPool } from '@/lib/db/pool';
import { requireAdmin } from './require-admin';
import type { DepositorOrgSummary } from './summaries';

export interface DepositorOrgListItem extends DepositorOrgSummary {
  /** Deposits made (counted by the trigger deposits_count). */
  depositCount: number;
  activeApiKeys: number;
  activeSigningKeys: number;
  accounts: number;
}

export async function searchDepositorOrgs(actor: Actor, query: ListQuery = {}): Promise<Page<DepositorOrgListItem>> {
  requireAdmin(actor, 'list depositor organisations');
  const { q, page } = ZListQuery.parse(query);
  const { rows } = await getPool().query<DepositorOrgListItem & { total: string }>(
    `SELECT o.id, o.name, o.created_at AS "createdAt", o.deposit_count::float8 AS "depositCount",
            (SELECT count(*) FROM api_keys k WHERE k.org_id = o.id AND k.revoked_at IS NULL)::int AS "activeApiKeys",
            (SELECT count(*) FROM depositor_keys k WHERE k.org_id = o.id AND k.revoked_at IS NULL)::int AS "activeSigningKeys",
            (SELECT count(*) FROM users u WHERE u.depositor_org_id = o.id)::int AS accounts,
            count(*) OVER () AS total
       FROM depositor_orgs o WHERE ($1 = '' OR o.name ILIKE $2)
      ORDER BY o.name LIMIT ${PAGE_SIZE} OFFSET $3`,
    [q, likePattern(q), (page - 1) * PAGE_SIZE],
  );
  return toPage(
    rows.map(({ total: _, ...r }) => r),
    Number(rows[0]?.total ?? 0),
    page,
  );
}

/** One organisation with its counts, for its page; NOT_FOUND when there is none. */
export async function getDepositorOrg(actor: Actor, orgId: string): Promise<DepositorOrgListItem | null> {
  requireAdmin(actor, 'read depositor organisations');
  if (!/^[0-9a-f-]{36}$/i.test(orgId)) return null;
  const { rows } = await getPool().query<DepositorOrgListItem>(
    `SELECT o.id, o.name, o.created_at AS "createdAt", o.deposit_count::float8 AS "depositCount",
            (SELECT count(*) FROM api_keys k WHERE k.org_id = o.id AND k.revoked_at IS NULL)::int AS "activeApiKeys",
            (SELECT count(*) FROM depositor_keys k WHERE k.org_id = o.id AND k.revoked_at IS NULL)::int AS "activeSigningKeys",
            (SELECT count(*) FROM users u WHERE u.depositor_org_id = o.id)::int AS accounts
       FROM depositor_orgs o WHERE o.id = $1`,
    [orgId],
  );
  return rows[0] ?? null;
}
