import 'server-only';
/**
 * A case's certificates for the people of the case (parties, judges, the court's clerks): the
 * certificates issued, newest last, with their standing (valid or revoked, and why); a page at a
 * time for the case page, one exhibit's for the exhibit page, or all.
 */
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { allows, type CaseAccess, requireCaseAccess } from '@/lib/cases/access';
import { parseInput } from '@/lib/errors/zod-issues';
import type { CertificateBody } from './format/certificate-body';
import { countCertificates, readCertificates } from './read-certificates';

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
  /** The case's certificates on every page (all exhibits), those not revoked, and the page shown. */
  total: number;
  valid: number;
  page: number;
  pages: number;
}

export interface ListCaseCertificatesOptions {
  /** 1-based page of `pageSize` certificates; beyond the end gives the last page. Without it, all. */
  page?: number;
  pageSize?: number;
  /** Only this exhibit's certificates (all of them: an exhibit has few). */
  exhibitId?: string;
}

const ZOptions = z.object({
  page: z.number().int().min(1).optional(),
  pageSize: z.number().int().min(1).max(200).default(20),
  exhibitId: z.uuid().optional(),
});

export async function listCaseCertificates(
  actor: Actor,
  caseId: string,
  options: ListCaseCertificatesOptions = {},
): Promise<CaseCertificates> {
  const access = await requireCaseAccess(actor, caseId, 'view');
  const { page: asked, pageSize, exhibitId } = parseInput(ZOptions, options);
  const { total, valid } = await countCertificates(access.caseId);
  const pages = asked === undefined ? 1 : Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(asked ?? 1, pages);
  const records = await readCertificates({
    caseId: access.caseId,
    exhibitId,
    ...(asked === undefined ? {} : { limit: pageSize, offset: (page - 1) * pageSize }),
  });
  return {
    access,
    total,
    valid,
    page,
    pages,
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
