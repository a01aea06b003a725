import 'server-only';
import { attachDepositAnchors } from '@/lib/anchor/attach-deposit-anchors';
/**
 * Everything a certificate states about exhibits, read in a fixed number of queries whatever
 * their count: the exhibit, its case and court, its standing verification (the view
 * standing_verifications, which the exhibit list and page read too), whether it
 * already has an unrevoked certificate, and a fresh receipt of the deposit the verdict is about.
 * Callers have checked access.
 */
import type { ExhibitKind, Verdict, VerificationSite } from '@/lib/db/generated/enums';
import { getPool } from '@/lib/db/pool';
import { loadReceipts, type Receipt } from '@/lib/ledger/load-receipts';

export interface CertificateSource {
  exhibit: {
    id: string;
    number: number;
    title: string;
    fileName: string | null;
    size: number | null;
    kind: ExhibitKind;
    partyRole: 'plaintiff' | 'defendant';
    submittedBy: string;
    digests: { sha256: string; sm3: string };
  };
  case: { id: string; number: string; title: string };
  court: { id: string; code: string; nameZh: string; nameEn: string };
  /** The standing verification; null only for an exhibit with none (never written that way). */
  standing: { verdict: Verdict; site: VerificationSite; at: Date; by: string } | null;
  /** The deposit the verdict is about, with a fresh receipt (null: none, or not in the ledger). */
  depositId: string | null;
  receipt: Receipt | null;
  /** Numbers of the exhibit's certificates that are not revoked. */
  unrevoked: string[];
}

interface Row {
  id: string;
  number: number;
  title: string;
  file_name: string | null;
  size: string | null;
  kind: ExhibitKind;
  party_role: 'plaintiff' | 'defendant';
  sha256: Buffer;
  sm3: Buffer;
  claimed_deposit_id: string | null;
  submitter: string;
  case_id: string;
  case_number: string;
  case_title: string;
  court_id: string;
  court_code: string;
  court_name_zh: string;
  court_name_en: string;
  verdict: Verdict | null;
  site: VerificationSite | null;
  verified_at: Date | null;
  deposit_id: string | null;
  verifier: string | null;
  unrevoked: string[];
}

const SELECT = `
  SELECT e.id, e.number, e.title, e.file_name, e.size, e.kind, e.party_role, e.sha256, e.sm3,
         e.claimed_deposit_id, sub.name AS submitter,
         c.id AS case_id, c.case_number, c.title AS case_title,
         co.id AS court_id, co.code AS court_code, co.name_zh AS court_name_zh, co.name_en AS court_name_en,
         v.verdict, v.site, v.created_at AS verified_at, v.deposit_id, vu.name AS verifier,
         array(SELECT ce.number FROM certificates ce
                WHERE ce.exhibit_id = e.id
                  AND NOT EXISTS (SELECT 1 FROM certificate_revocations r WHERE r.certificate_id = ce.id)
                ORDER BY ce.issued_at) AS unrevoked
    FROM exhibits e
    JOIN users sub ON sub.id = e.submitted_by
    JOIN cases c ON c.id = e.case_id
    JOIN courts co ON co.id = c.court_id
    LEFT JOIN standing_verifications v ON v.exhibit_id = e.id
    LEFT JOIN users vu ON vu.id = v.verified_by`;

/** The sources of the exhibits `exhibitIds`, or of every exhibit of `caseId`, by exhibit number. */
export async function loadCertificateSources(
  where: { exhibitIds: readonly string[] } | { caseId: string },
): Promise<CertificateSource[]> {
  const { rows } =
    'caseId' in where
      ? await getPool().query<Row>(`${SELECT} WHERE e.case_id = $1 ORDER BY e.number`, [where.caseId])
      : await getPool().query<Row>(`${SELECT} WHERE e.id = ANY($1::uuid[]) ORDER BY e.number`, [where.exhibitIds]);
  const depositOf = (row: Row) =>
    row.verdict === 'not_found' ? null : (row.deposit_id ?? row.claimed_deposit_id ?? null);
  const receipts = await attachDepositAnchors(
    await loadReceipts([...new Set(rows.flatMap((r) => depositOf(r) ?? []))]),
  );
  return rows.map((row) => {
    const depositId = depositOf(row);
    return {
      exhibit: {
        id: row.id,
        number: row.number,
        title: row.title,
        fileName: row.file_name,
        size: row.size === null ? null : Number(row.size),
        kind: row.kind,
        partyRole: row.party_role,
        submittedBy: row.submitter,
        digests: { sha256: row.sha256.toString('hex'), sm3: row.sm3.toString('hex') },
      },
      case: { id: row.case_id, number: row.case_number, title: row.case_title },
      court: { id: row.court_id, code: row.court_code, nameZh: row.court_name_zh, nameEn: row.court_name_en },
      standing:
        row.verdict && row.site && row.verified_at
          ? { verdict: row.verdict, site: row.site, at: row.verified_at, by: row.verifier ?? '' }
          : null,
      depositId,
      receipt: depositId ? (receipts.get(depositId) ?? null) : null,
      unrevoked: row.unrevoked,
    };
  });
}
