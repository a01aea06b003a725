import 'server-only';
/**
 * The docket searched and a page at a time: the cases a person may see (visibleCasesWhere, in
 * the query itself), narrowed by case number, party and status, newest first, with the total.
 * A case number matches whichever parentheses either side was written with: a clerk types
 * "（2026）" or "(2026)", and numbers were stored both ways over the years.
 */
import type { Actor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import type { CaseWhereInput } from '@/lib/db/generated/models';
import { parseInput } from '@/lib/errors/zod-issues';
import { type CaseSummary, visibleCasesWhere } from './list-cases-for-user';
import { type CaseSearch, fullWidthParentheses, halfWidthParentheses, ZCaseSearch } from './search-cases.schema';

export const DOCKET_PAGE_SIZE = 25;

export interface CasePage {
  items: CaseSummary[];
  total: number;
  /** The page shown: the one asked for, or the last when it asked beyond the end. */
  page: number;
  pages: number;
  pageSize: number;
}

/** `text` for Prisma's `contains`, which passes LIKE's own % and _ through: taken literally here. */
function literal(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function searchWhere(q: { number: string; party: string; status?: 'open' | 'closed' }): CaseWhereInput[] {
  const and: CaseWhereInput[] = [];
  // NFKC: full-width digits and parentheses as the docket stores them; 〔〕 as clerks sometimes type.
  const number = q.number.normalize('NFKC').replace(/\s+/g, '').replace(/〔/g, '(').replace(/〕/g, ')');
  if (number) {
    const half = literal(halfWidthParentheses(number));
    const full = fullWidthParentheses(half);
    and.push({
      OR: [
        { caseNumber: { contains: half, mode: 'insensitive' } },
        { caseNumber: { contains: full, mode: 'insensitive' } },
      ],
    });
  }
  if (q.party) {
    and.push({
      OR: [
        {
          members: {
            some: {
              role: { in: ['plaintiff', 'defendant'] },
              user: { name: { contains: literal(q.party), mode: 'insensitive' } },
            },
          },
        },
        { title: { contains: literal(q.party), mode: 'insensitive' } },
      ],
    });
  }
  if (q.status) and.push({ status: q.status });
  return and;
}

/** Throws AppError VALIDATION_FAILED for a malformed search; admins and depositors see no cases. */
export async function searchCases(
  actor: Actor,
  search: CaseSearch = {},
  options: { pageSize?: number } = {},
): Promise<CasePage> {
  const q = parseInput(ZCaseSearch, search);
  const pageSize = Math.min(Math.max(1, Math.trunc(options.pageSize ?? DOCKET_PAGE_SIZE)), 100);
  const visible = visibleCasesWhere(actor);
  if (!visible) return { items: [], total: 0, page: 1, pages: 1, pageSize };
  const where: CaseWhereInput = { AND: [visible, ...searchWhere(q)] };
  const db = getDb();
  const total = await db.case.count({ where });
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(q.page, pages);
  const rows = await db.case.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { caseNumber: 'asc' }, { id: 'asc' }],
    skip: (page - 1) * pageSize,
    take: pageSize,
    select: {
      id: true,
      caseNumber: true,
      title: true,
      causeOfAction: true,
      status: true,
      createdAt: true,
      members: { where: { userId: actor.id }, select: { role: true } },
    },
  });
  const items = rows.map(({ members, ...row }) => ({ ...row, myRoles: members.map((m) => m.role) }));
  return { items, total, page, pages, pageSize };
}
