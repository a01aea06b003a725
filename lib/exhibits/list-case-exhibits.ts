import 'server-only';
/**
 * A case's exhibits as the judge's case view shows them: each with its standing verdict (the
 * view standing_verifications: the latest server-side verification; hash-only exhibits: also the
 * party's own), the deposit it rests on (time, depositor, signature), who submitted it and the
 * standing determination.
 */
import type { Actor } from '@/lib/auth/actor';
import { allows, type CaseAccess, requireCaseAccess } from '@/lib/cases/access';
import { getDb } from '@/lib/db/client';
import type { DeterminationOutcome, ExhibitKind, Verdict, VerificationSite } from '@/lib/db/generated/enums';
import { type DepositFacts, describeDeposits } from './describe-deposits';
import { recheckOnServer } from './record-verification';

export interface ExhibitSummary {
  id: string;
  number: number;
  title: string;
  kind: ExhibitKind;
  fileName: string | null;
  size: number | null;
  /** The database allows only these two (CHECK constraint). */
  partyRole: 'plaintiff' | 'defendant';
  submitter: { id: string; name: string };
  submittedAt: Date;
  verdict: Verdict;
  verdictSite: VerificationSite;
  verifiedAt: Date;
  deposit: DepositFacts | null;
  determination: { outcome: DeterminationOutcome; at: Date; judge: string } | null;
}

export interface CaseExhibits {
  access: CaseAccess;
  caseInfo: {
    caseNumber: string;
    title: string;
    causeOfAction: string;
    status: string;
    courtName: { zh: string; en: string };
  };
  exhibits: ExhibitSummary[];
  /** Exhibits of the case on every page, and the page shown (1 of 1 without paging). */
  total: number;
  page: number;
  pages: number;
  /** Every exhibit's number and title, for naming one that is on another page (issue #17). */
  index: Array<{ id: string; number: number; title: string }>;
  canSubmit: boolean;
}

export interface ListCaseExhibitsOptions {
  /** 1-based page of `pageSize` exhibits, by number; beyond the end gives the last page. Without it, all. */
  page?: number;
  pageSize?: number;
}

export async function listCaseExhibits(
  actor: Actor,
  caseId: string,
  options: ListCaseExhibitsOptions = {},
): Promise<CaseExhibits> {
  const access = await requireCaseAccess(actor, caseId, 'view');
  const index = await getDb().exhibit.findMany({
    where: { caseId: access.caseId },
    orderBy: { number: 'asc' },
    select: { id: true, number: true, title: true },
  });
  const total = index.length;
  const pageSize = options.page === undefined ? Math.max(1, total) : Math.max(1, Math.trunc(options.pageSize ?? 25));
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.trunc(options.page ?? 1)), pages);
  const window = { skip: (page - 1) * pageSize, take: pageSize };
  let rows = await query(access.caseId, window);
  // A deposit that was still pending at submission is usually sealed seconds later: check again.
  const pending = rows.filter((r) => r.standing?.verdict === 'pending' && r.kind === 'file');
  if (pending.length > 0) {
    for (const r of pending) await recheckOnServer(actor, r.id);
    rows = await query(access.caseId, window);
  }
  const deposits = await describeDeposits(rows.flatMap((r) => r.standing?.depositId ?? []));
  const exhibits = rows.map((r): ExhibitSummary => {
    const v = r.standing;
    const d = r.determinations[0];
    return {
      id: r.id,
      number: r.number,
      title: r.title,
      kind: r.kind,
      fileName: r.fileName,
      size: r.size === null ? null : Number(r.size),
      partyRole: r.partyRole as 'plaintiff' | 'defendant',
      submitter: r.submitter,
      submittedAt: r.createdAt,
      verdict: v?.verdict ?? 'not_found',
      verdictSite: v?.site ?? 'server',
      verifiedAt: v?.createdAt ?? r.createdAt,
      deposit: v?.depositId ? (deposits.get(v.depositId) ?? null) : null,
      determination: d ? { outcome: d.outcome, at: d.createdAt, judge: d.judge.name } : null,
    };
  });
  const info = await getDb().case.findUniqueOrThrow({
    where: { id: access.caseId },
    select: {
      caseNumber: true,
      title: true,
      causeOfAction: true,
      status: true,
      court: { select: { nameZh: true, nameEn: true } },
    },
  });
  const caseInfo = {
    caseNumber: info.caseNumber,
    title: info.title,
    causeOfAction: info.causeOfAction,
    status: info.status,
    courtName: { zh: info.court.nameZh, en: info.court.nameEn },
  };
  return { access, caseInfo, exhibits, total, page, pages, index, canSubmit: allows(access, 'submit_exhibit') };
}

function query(caseId: string, window: { skip: number; take: number }) {
  return getDb().exhibit.findMany({
    where: { caseId },
    orderBy: { number: 'asc' },
    ...window,
    select: {
      id: true,
      number: true,
      title: true,
      kind: true,
      fileName: true,
      size: true,
      partyRole: true,
      createdAt: true,
      submitter: { select: { id: true, name: true } },
      standing: { select: { verdict: true, site: true, depositId: true, createdAt: true } },
      determinations: {
        orderBy: { createdAt: 'desc' },
        take: 1,
        select: { outcome: true, createdAt: true, judge: { select: { name: true } } },
      },
    },
  });
}
