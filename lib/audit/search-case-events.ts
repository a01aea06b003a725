import 'server-only';
/**
 * A case's custody log a page at a time, newest first, filtered by kind of event, by who acted
 * and by Beijing-time dates, with the total that matched. For people who may view the case (NOT_FOUND for anyone else, as for
 * every case record); filters are validated here too (VALIDATION_FAILED), whatever the page did.
 */
import type { Actor } from '@/lib/auth/actor';
import { requireCaseAccess } from '@/lib/cases/access';
import { getDb } from '@/lib/db/client';
import type { AuditEventWhereInput } from '@/lib/db/generated/models';
import { parseInput } from '@/lib/errors/zod-issues';
import {
  beijingDayStart,
  type CaseEventsFilter,
  type CaseEventsQuery,
  ZCaseEventsQuery,
} from './case-events-query.schema';
import { CUSTODY_KIND_ACTIONS, NAMED_ACTIONS } from './custody-kinds';
import type { CaseEvent } from './list-case-events';
import { CASE_EVENT_SELECT, nameCaseEvents } from './name-case-events';

export const CUSTODY_PAGE_SIZE = 25;

export interface SearchCaseEventsOptions {
  /** Rows a page (the case page's summary asks for 5). */
  pageSize?: number;
}

export interface CaseEventsPage {
  items: CaseEvent[];
  /** Events that match the filter, on every page. */
  total: number;
  /** The page shown: the one asked for, or the last when it asked beyond the end. */
  page: number;
  pages: number;
  pageSize: number;
  filter: CaseEventsFilter;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function whereOf(caseId: string, filter: CaseEventsFilter): AuditEventWhereInput {
  const and: AuditEventWhereInput[] = [{ caseId }];
  if (filter.kind === 'other') and.push({ action: { notIn: [...NAMED_ACTIONS] } });
  else if (filter.kind) and.push({ action: { in: [...CUSTODY_KIND_ACTIONS[filter.kind]] } });
  if (filter.person === 'portal') and.push({ actorId: null });
  else if (filter.person) and.push({ actorId: filter.person });
  if (filter.from) and.push({ createdAt: { gte: beijingDayStart(filter.from) } });
  if (filter.to) and.push({ createdAt: { lt: new Date(beijingDayStart(filter.to).getTime() + DAY_MS) } });
  return { AND: and };
}

export async function searchCaseEvents(
  actor: Actor,
  caseId: string,
  query: CaseEventsQuery = {},
  options: SearchCaseEventsOptions = {},
): Promise<CaseEventsPage> {
  const access = await requireCaseAccess(actor, caseId, 'view');
  const filter = parseInput(ZCaseEventsQuery, query);
  const pageSize = Math.min(Math.max(1, Math.trunc(options.pageSize ?? CUSTODY_PAGE_SIZE)), 100);
  const db = getDb();
  const where = whereOf(access.caseId, filter);
  const total = await db.auditEvent.count({ where });
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(filter.page, pages);
  const rows = await db.auditEvent.findMany({
    where,
    // seq is the log's order (the time column is the clock's, and two events may share it).
    orderBy: { seq: 'desc' },
    skip: (page - 1) * pageSize,
    take: pageSize,
    select: CASE_EVENT_SELECT,
  });
  return { items: await nameCaseEvents(access.caseId, rows), total, page, pages, pageSize, filter };
}
