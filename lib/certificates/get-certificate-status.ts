import 'server-only';
/**
 * Whether a certificate stands, for anyone holding its ID (the public check page, the offline
 * checker's online step): valid, revoked (with the clerk's reason, when and by whom), or unknown.
 * For the public endpoint (`names: 'masked'`) the clerks' names — the issuer and who revoked it —
 * are masked (张*明) as on the public page: the status is public, the names are not.
 */
import { isUuid } from '@/lib/cases/access';
import type { CertificateBody } from './format/certificate-body';
import { maskPersonName } from './mask-person-name';
import { readCertificates } from './read-certificates';

export interface CertificateSummary {
  id: string;
  number: string;
  court: CertificateBody['court'];
  caseNumber: string;
  exhibit: { number: number; title: string };
  verdict: CertificateBody['verdict'];
  issuedAt: string;
  issuer: string;
  keyId: string;
}

export interface CertificateStatus {
  state: 'valid' | 'revoked' | 'unknown';
  certificate?: CertificateSummary;
  revocation?: { reason: string; at: string; by: string };
}

export async function getCertificateStatus(
  id: string,
  { names = 'full' }: { names?: 'full' | 'masked' } = {},
): Promise<CertificateStatus> {
  const name = (person: string) => (names === 'masked' ? maskPersonName(person) : person);
  if (typeof id !== 'string' || !isUuid(id)) return { state: 'unknown' };
  const [record] = await readCertificates({ ids: [id.toLowerCase()] });
  if (!record) return { state: 'unknown' };
  const { body } = record;
  const certificate: CertificateSummary = {
    id: record.id,
    number: record.number,
    court: body.court,
    caseNumber: body.case.number,
    exhibit: { number: body.exhibit.number, title: body.exhibit.title },
    verdict: body.verdict,
    issuedAt: body.issuedAt,
    issuer: name(body.issuer.name),
    keyId: record.keyId,
  };
  if (!record.revocation) return { state: 'valid', certificate };
  const { reason, at, by } = record.revocation;
  return { state: 'revoked', certificate, revocation: { reason, at: at.toISOString(), by: name(by) } };
}
