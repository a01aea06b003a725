import 'server-only';
/**
 * The certificate body for an exhibit, from what load-certificate-sources read, and the reasons
 * a certificate cannot be issued (yet). Certificates are issued for settled verdicts only:
 *
 * - `consistent` and `tampered`: about a sealed deposit, whose leaf and fresh tlog-proof the
 *   certificate carries so that it verifies offline;
 * - `not_found`: no deposit; the certificate says so;
 * - `pending` is refused (the deposit is sealed within seconds: retry), and so is `invalid_proof`
 *   (the ledger's own record does not check: the certificate would fail every offline check —
 *   run `npm run ledger:verify` and re-verify the exhibit first).
 */
import type { CertificateBody, CertificateBodyV1 } from './format/certificate-body';
import { certificateScope } from './format/certificate-scope';
import type { CertificateWitnessPolicy } from './format/certificate-witnessing';
import type { CertificateSource } from './load-certificate-sources';

export type RefusalReason =
  | 'already_certified'
  | 'pending'
  | 'invalid_proof'
  | 'deposit_not_sealed'
  | 'deposit_missing'
  | 'no_verification';

export interface Refusal {
  reason: RefusalReason;
  message: string;
}

/** Why no certificate can be issued for `source` now, or null when one can. */
export function certificateRefusal(source: CertificateSource): Refusal | null {
  const n = source.exhibit.number;
  if (source.unrevoked.length > 0) {
    return {
      reason: 'already_certified',
      message: `Exhibit ${n} already has certificate ${source.unrevoked.join(', ')}. Revoke it to issue a new one.`,
    };
  }
  const verdict = source.standing?.verdict;
  if (!verdict) return { reason: 'no_verification', message: `Exhibit ${n} has not been verified.` };
  if (verdict === 'pending') {
    return {
      reason: 'pending',
      message: `Exhibit ${n}'s deposit is not sealed into the ledger yet. Try again in a few seconds.`,
    };
  }
  if (verdict === 'invalid_proof') {
    return {
      reason: 'invalid_proof',
      message: `Exhibit ${n}'s ledger record did not check (invalid proof): no certificate can be issued until the ledger is audited and the exhibit re-verified.`,
    };
  }
  if (verdict === 'not_found') return null;
  if (!source.receipt) {
    return { reason: 'deposit_missing', message: `The deposit exhibit ${n}'s verdict is about cannot be read.` };
  }
  if (source.receipt.status !== 'sealed') {
    return {
      reason: 'deposit_not_sealed',
      message: `Exhibit ${n}'s deposit is not sealed into the ledger yet. Try again in a few seconds.`,
    };
  }
  return null;
}

export interface CertificateIssue {
  id: string;
  number: string;
  issuedAt: Date;
  issuer: string;
  log: { origin: string; verifierKey: string };
  /**
   * The log's witness policy now (lib/witnessing/witness-policy.ts), or null when it has no
   * witnesses: then the body is version 1, exactly as before #18; else version 2, which carries
   * the policy and whether the deposit's checkpoint met it (the receipt's `witnessed`).
   */
  witnessPolicy: CertificateWitnessPolicy | null;
}

/** The body for an issuable `source` (certificateRefusal returned null). */
export function buildCertificateBody(source: CertificateSource, issue: CertificateIssue): CertificateBody {
  const { standing, receipt } = source;
  if (!standing || standing.verdict === 'pending' || standing.verdict === 'invalid_proof') {
    throw new Error(`buildCertificateBody: exhibit ${source.exhibit.id} is not issuable`);
  }
  const verdict = standing.verdict;
  const sealed = verdict !== 'not_found' && receipt?.status === 'sealed' ? receipt : null;
  if (verdict !== 'not_found' && !sealed) {
    throw new Error(`buildCertificateBody: exhibit ${source.exhibit.id}'s deposit is not sealed`);
  }
  const v1: CertificateBodyV1 = {
    version: 1,
    number: issue.number,
    id: issue.id,
    court: { code: source.court.code, nameZh: source.court.nameZh, nameEn: source.court.nameEn },
    case: { id: source.case.id, number: source.case.number, title: source.case.title },
    exhibit: {
      id: source.exhibit.id,
      number: source.exhibit.number,
      title: source.exhibit.title,
      fileName: source.exhibit.fileName,
      size: source.exhibit.size,
      kind: source.exhibit.kind,
      submittedBy: source.exhibit.submittedBy,
      partyRole: source.exhibit.partyRole,
    },
    digests: source.exhibit.digests,
    verdict,
    verification: { at: standing.at.toISOString(), site: standing.site, by: standing.by },
    deposit: sealed
      ? {
          id: sealed.id,
          depositedAt: sealed.depositedAt,
          depositor: sealed.depositor,
          leaf: sealed.leaf,
          leafIndex: sealed.leafIndex,
          tlogProof: sealed.tlogProof,
        }
      : null,
    log: issue.log,
    anchor: sealed?.anchor ?? null,
    issuer: { name: issue.issuer, role: 'clerk' },
    issuedAt: issue.issuedAt.toISOString(),
    scope: certificateScope(verdict, source.exhibit.kind),
  };
  if (!issue.witnessPolicy) return v1;
  return {
    ...v1,
    version: 2,
    // Not yet witnessed (null) when the receipt says so, or says nothing although the log has witnesses.
    deposit: v1.deposit && { ...v1.deposit, witnessed: sealed?.witnessed ?? null },
    witnessPolicy: issue.witnessPolicy,
  };
}
