import 'server-only';
import { z } from 'zod';
/**
 * Everything the exhibit page shows as evidence for the verdict: both digests side by side,
 * the deposit record with a fresh receipt (its proof is checked again in the viewer's browser),
 * the verification history and the determinations. Viewing is a custody-log event.
 */
import { recordAuditEvent } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { allows, type CaseAccess, requireExhibitAccess } from '@/lib/cases/access';
import { getDb } from '@/lib/db/client';
import type { DeterminationOutcome, ExhibitKind, Role, Verdict, VerificationSite } from '@/lib/db/generated/enums';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { bytesToHex } from '@/lib/hashing';
import { loadReceipts, type Receipt } from '@/lib/ledger/load-receipts';
import { type DepositFacts, describeDeposits } from './describe-deposits';
import { recheckOnServer } from './record-verification';
import { type RecordedWitnessing, readWitnessing } from './verification-witnessing';

export interface VerificationRecord {
  id: string;
  at: Date;
  by: { name: string; role: Role };
  site: VerificationSite;
  verdict: Verdict;
  sha256: string;
  sm3: string;
  /** These digests equal the exhibit's recorded ones. */
  matchesRecord: boolean;
  depositId: string | null;
  checkpointSize: string | null;
  /** Who vouched for that signed state of the ledger, as the server counted then; null without witnesses. */
  witnessing: RecordedWitnessing | null;
}

export interface DeterminationRecord {
  id: string;
  at: Date;
  judge: string;
  outcome: DeterminationOutcome;
  reasoning: string;
}

export interface ExhibitDetail {
  access: CaseAccess;
  id: string;
  caseTitle: string;
  number: number;
  title: string;
  kind: ExhibitKind;
  fileName: string | null;
  mediaType: string | null;
  size: number | null;
  /** The database allows only these two (CHECK constraint). */
  partyRole: 'plaintiff' | 'defendant';
  submitter: string;
  submittedAt: Date;
  digests: { sha256: string; sm3: string };
  claimedDepositId: string | null;
  /** The standing verdict (view standing_verifications: latest server verification; hash-only: also the party's). */
  verdict: Verdict;
  /** Who vouched for the signed state the standing verdict was decided on (null: no witnesses then). */
  standingWitnessing: RecordedWitnessing | null;
  deposit: DepositFacts | null;
  /** A fresh receipt of that deposit, for the browser to check the proof itself. */
  receipt: Receipt | null;
  /** One page of the verification history, newest first (all of it without `historyPage`). */
  verifications: VerificationRecord[];
  /** The history's size on every page, and the page shown. */
  history: { total: number; page: number; pages: number };
  determinations: DeterminationRecord[];
  can: { reverify: boolean; determine: boolean; download: boolean };
}

export async function getExhibit(
  actor: Actor,
  exhibitId: string,
  options: {
    caseId?: string;
    /** 1-based page of `historyPageSize` (default 10) verifications; beyond the end gives the last page. Without it, all. */
    historyPage?: number;
    historyPageSize?: number;
  } = {},
): Promise<ExhibitDetail> {
  const access = await requireExhibitAccess(actor, exhibitId, 'view');
  const paging = parseInput(ZHistoryPaging, { page: options.historyPage, pageSize: options.historyPageSize });
  // An exhibit addressed under another case's URL does not exist there (and is not a view).
  if (options.caseId !== undefined && options.caseId !== access.caseId) {
    throw new AppError('NOT_FOUND', 'No such exhibit.');
  }
  let { row, history } = await load(exhibitId, paging);
  if (row.kind === 'file' && row.standing?.verdict === 'pending') {
    await recheckOnServer(actor, exhibitId);
    ({ row, history } = await load(exhibitId, paging));
  }
  const decisive = row.standing;
  const depositId = decisive?.depositId ?? row.claimedDepositId;
  const [deposits, receipts, standingWitnessing] = await Promise.all([
    describeDeposits(depositId ? [depositId] : []),
    loadReceipts(depositId ? [depositId] : []),
    decisive
      ? getDb().verificationWitnessing.findUnique({ where: { verificationId: decisive.id } })
      : Promise.resolve(null),
  ]);
  const sha256 = bytesToHex(row.sha256);
  const sm3 = bytesToHex(row.sm3);
  await recordAuditEvent({ action: 'exhibit.viewed', actorId: actor.id, caseId: access.caseId, subjectId: exhibitId });
  return {
    access,
    id: row.id,
    caseTitle: row.case.title,
    number: row.number,
    title: row.title,
    kind: row.kind,
    fileName: row.fileName,
    mediaType: row.mediaType,
    size: row.size === null ? null : Number(row.size),
    partyRole: row.partyRole as 'plaintiff' | 'defendant',
    submitter: row.submitter.name,
    submittedAt: row.createdAt,
    digests: { sha256, sm3 },
    claimedDepositId: row.claimedDepositId,
    verdict: decisive?.verdict ?? 'not_found',
    standingWitnessing: readWitnessing(standingWitnessing),
    deposit: depositId ? (deposits.get(depositId) ?? null) : null,
    receipt: depositId ? (receipts.get(depositId) ?? null) : null,
    verifications: row.verifications.map((v) => {
      const vSha256 = bytesToHex(v.sha256);
      const vSm3 = bytesToHex(v.sm3);
      return {
        id: v.id,
        at: v.createdAt,
        by: v.verifier,
        site: v.site,
        verdict: v.verdict,
        sha256: vSha256,
        sm3: vSm3,
        matchesRecord: vSha256 === sha256 && vSm3 === sm3,
        depositId: v.depositId,
        checkpointSize: v.checkpointSize === null ? null : v.checkpointSize.toString(),
        witnessing: readWitnessing(v.witnessing),
      };
    }),
    history,
    determinations: row.determinations.map((d) => ({
      id: d.id,
      at: d.createdAt,
      judge: d.judge.name,
      outcome: d.outcome,
      reasoning: d.reasoning,
    })),
    can: {
      reverify: allows(access, 'reverify') && row.kind === 'file',
      determine: allows(access, 'determine'),
      download: row.kind === 'file',
    },
  };
}

const ZHistoryPaging = z.object({
  page: z.number().int().min(1).optional(),
  pageSize: z.number().int().min(1).max(100).default(10),
});

/** The exhibit with one page of its verification history (counted first). */
async function load(exhibitId: string, paging: z.output<typeof ZHistoryPaging>) {
  const total = await getDb().verification.count({ where: { exhibitId } });
  const pages = paging.page === undefined ? 1 : Math.max(1, Math.ceil(total / paging.pageSize));
  const page = Math.min(paging.page ?? 1, pages);
  const window = paging.page === undefined ? {} : { skip: (page - 1) * paging.pageSize, take: paging.pageSize };
  return { row: await query(exhibitId, window), history: { total, page, pages } };
}

async function query(exhibitId: string, window: { skip?: number; take?: number }) {
  return getDb().exhibit.findUniqueOrThrow({
    where: { id: exhibitId },
    select: {
      id: true,
      number: true,
      title: true,
      kind: true,
      fileName: true,
      mediaType: true,
      size: true,
      partyRole: true,
      createdAt: true,
      sha256: true,
      sm3: true,
      claimedDepositId: true,
      case: { select: { title: true } },
      submitter: { select: { name: true } },
      standing: { select: { id: true, verdict: true, depositId: true } },
      verifications: {
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], // newest first, ties as the standing rule breaks them
        ...window,
        select: {
          id: true,
          createdAt: true,
          site: true,
          verdict: true,
          sha256: true,
          sm3: true,
          depositId: true,
          checkpointSize: true,
          witnessing: true,
          verifier: { select: { name: true, role: true } },
        },
      },
      determinations: {
        orderBy: { createdAt: 'desc' },
        select: { id: true, createdAt: true, outcome: true, reasoning: true, judge: { select: { name: true } } },
      },
    },
  });
}
