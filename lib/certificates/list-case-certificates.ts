import 'server-only';
/**
 * A case's certificates for the people of the case (parties, judges, the court's clerks): every
 * certificate issued, newest last, with its standing (valid or revoked, and why).
 */
import type { Actor } from '@/lib/auth/actor';
import { allows, type CaseAccess, requireCaseAccess } from '@/lib/cases/access';
import type { CertificateBody } from './format/certificate-body';
import { readCertificates } from './read-certificates';

export interface CaseCertificate {
  id: string;
  number: string;
  exhibit: { id: string; number: number; title: string };
  verdict: CertificateBody['verdict'];
  issuedAt: Date;
  issuedBy: string;
  keyId: string;
  state: 'valid' | 'revoked';
  revocation: { reason: string; at: Date; by: string } | null;
}

export interface CaseCertificates {
  access: CaseAccess;
  certificates: CaseCertificate[];
  /** The actor may issue and revoke certificates in this case. */
  canCertify: boolean;
}

export async function listCaseCertificates(actor: Actor, caseId: string): Promise<CaseCertificates> {
  const access = await requireCaseAccess(actor, caseId, 'view');
  const records = await readCertificates({ caseId: access.caseId });
  return {
    access,
    certificates: records.map((r) => ({
      id: r.id,
      number: r.number,
      exhibit: { id: r.exhibitId, number: r.body.exhibit.number, title: r.body.exhibit.title },
      verdict: r.body.verdict,
      issuedAt: r.issuedAt,
      issuedBy: r.issuedBy,
      keyId: r.keyId,
      state: r.revocation ? 'revoked' : 'valid',
      revocation: r.revocation,
    })),
    canCertify: allows(access, 'certify'),
  };
}
