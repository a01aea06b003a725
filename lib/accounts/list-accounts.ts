import 'server-only';
/**
 * The people list of the admin pages: accounts matching a search (name, e-mail, organisation),
 * a page at a time. Admins see accounts, never case content: no case is named here.
 */
import type { Actor } from '@/lib/auth/actor';
import type { Role } from '@/lib/db/generated/enums';
import { getPool } from '@/lib/db/pool';
import { requireAdmin } from '@/lib/depositors/require-admin';
import { AppError } from '@/lib/errors/app-error';
import { type ListQuery, likePattern, PAGE_SIZE, type Page, toPage, ZListQuery } from './paging';

export interface AccountSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
  depositorOrgId: string | null;
  depositorOrgName: string | null;
  courtId: string | null;
  disabled: boolean;
  createdAt: Date;
}

const COLUMNS = `u.id, u.email, u.name, u.role::text AS role, u.depositor_org_id AS "depositorOrgId",
  o.name AS "depositorOrgName", u.court_id AS "courtId", u.disabled_at IS NOT NULL AS disabled,
  u.created_at AS "createdAt"`;

/** Accounts this admin manages: their court's staff, and everyone of no court (parties, depositors). */
const MANAGED = '(u.court_id IS NULL OR u.court_id = $1)';

export async function listAccounts(actor: Actor, query: ListQuery = {}): Promise<Page<AccountSummary>> {
  requireAdmin(actor, 'list accounts');
  const { q, page } = ZListQuery.parse(query);
  const where = `${MANAGED} AND ($2 = '' OR u.email ILIKE $3 OR u.name ILIKE $3 OR o.name ILIKE $3)`;
  const params = [actor.courtId, q, likePattern(q)];
  const { rows } = await getPool().query<AccountSummary & { total: string }>(
    `SELECT ${COLUMNS}, count(*) OVER () AS total
       FROM users u LEFT JOIN depositor_orgs o ON o.id = u.depositor_org_id
      WHERE ${where} ORDER BY u.role, u.email LIMIT ${PAGE_SIZE} OFFSET $4`,
    [...params, (page - 1) * PAGE_SIZE],
  );
  const total = rows[0] ? Number(rows[0].total) : await countAccounts(where, params);
  return toPage(
    rows.map(({ total: _, ...row }) => row),
    total,
    page,
  );
}

async function countAccounts(where: string, params: unknown[]): Promise<number> {
  const { rows } = await getPool().query<{ n: string }>(
    `SELECT count(*) AS n FROM users u LEFT JOIN depositor_orgs o ON o.id = u.depositor_org_id WHERE ${where}`,
    params,
  );
  return Number(rows[0]?.n ?? 0);
}

/** One account this admin manages; NOT_FOUND for anyone else (another court's staff). */
export async function getAccount(actor: Actor, userId: string): Promise<AccountSummary> {
  requireAdmin(actor, 'read accounts');
  const { rows } = await getPool().query<AccountSummary>(
    `SELECT ${COLUMNS} FROM users u LEFT JOIN depositor_orgs o ON o.id = u.depositor_org_id
      WHERE ${MANAGED} AND u.id = $2::uuid`,
    [actor.courtId, /^[0-9a-f-]{36}$/i.test(userId) ? userId : '00000000-0000-0000-0000-000000000000'],
  );
  if (!rows[0]) throw new AppError('NOT_FOUND', 'No such account.');
  return rows[0];
}
