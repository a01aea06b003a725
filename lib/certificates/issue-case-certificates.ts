import 'server-only';
/**
 * A clerk issues certificates for every exhibit of a case that has no unrevoked certificate yet,
 * at once (before a hearing, or for the bulk download). The reads are batched — one query for
 * the exhibits and their standing verdicts, one for their deposits, one proof per deposit — and
 * the certificates are written in one transaction with gap-free numbers in exhibit order.
 * Exhibits that cannot have one now are listed with the reason (pending, invalid proof…), not
 * failed: the others are issued.
 */
import type { Actor } from '@/lib/auth/actor';
import { requireCaseAccess } from '@/lib/cases/access';
import { recheckOnServer } from '@/lib/exhibits/record-verification';
import { certificateRefusal } from './build-certificate-body';
import { loadCertificateSources } from './load-certificate-sources';
import { type IssuedCertificate, type SkippedExhibit, writeCertificates } from './write-certificates';

export interface CaseCertificatesIssued {
  issued: IssuedCertificate[];
  /** Exhibits without a new certificate, and why (already_certified, pending, invalid_proof…). */
  skipped: SkippedExhibit[];
}

export async function issueCaseCertificates(actor: Actor, caseId: string): Promise<CaseCertificatesIssued> {
  const access = await requireCaseAccess(actor, caseId, 'certify');
  let sources = await loadCertificateSources({ caseId: access.caseId });
  const pending = sources.filter((s) => s.standing?.verdict === 'pending' && s.unrevoked.length === 0);
  if (pending.length > 0) {
    for (const s of pending) await recheckOnServer(actor, s.exhibit.id);
    sources = await loadCertificateSources({ caseId: access.caseId });
  }
  const skipped: SkippedExhibit[] = [];
  const issuable = sources.filter((source) => {
    const refusal = certificateRefusal(source);
    if (refusal) skipped.push({ exhibitId: source.exhibit.id, ...refusal });
    return !refusal;
  });
  const written = await writeCertificates(access.actor, access.courtId, issuable);
  return { issued: written.issued, skipped: [...skipped, ...written.skipped] };
}
