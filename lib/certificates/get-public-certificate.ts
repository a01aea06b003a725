import 'server-only';
/**
 * A certificate as its public page shows it (/certificates/{id}, where its QR code and the
 * lookup by number and check code lead): whether it stands and the body — with the
 * names of natural persons masked (mask-person-name.ts) unless the reader is signed in and may
 * see the case (its parties, judges and clerks: lib/cases/access.ts `view`). Organisations (the
 * court, the depositor) are shown as they are.
 *
 * The masked body is for display only: it is no longer the signed body. The browser's check
 * fetches the signed file itself (GET /api/v1/certificates/{id}), which carries the names as the
 * court signed them and is therefore served only to the people of the case or with the check code
 * printed on the certificate (get-signed-certificate-file.ts; SECURITY.md "Public certificate pages").
 */
import type { Actor } from '@/lib/auth/actor';
import { requireCaseAccess } from '@/lib/cases/access';
import { AppError } from '@/lib/errors/app-error';
import type { CertificateBody } from './format/certificate-body';
import { getCertificateFile } from './get-certificate-file';
import { getCertificateStatus } from './get-certificate-status';
import { maskPersonName } from './mask-person-name';

export interface PublicCertificate {
  state: 'valid' | 'revoked';
  /** For display: the signed body with people's names masked when `names` is `masked`. */
  body: CertificateBody;
  /** `full` for people of the case, `masked` for everyone else. */
  names: 'full' | 'masked';
  revocation: { reason: string; at: string; by: string } | null;
}

/** Whether the reader may see the case: its parties, judges and clerks (lib/cases/access.ts `view`). */
export async function maySeeCase(actor: Actor | null, caseId: string): Promise<boolean> {
  if (!actor) return false;
  try {
    await requireCaseAccess(actor, caseId, 'view');
    return true;
  } catch (error) {
    if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) return false;
    throw error;
  }
}

/**
 * The body with every natural person's name masked. The case title is left out altogether: a
 * Chinese case title names the parties (张明诉李华著作权侵权纠纷), the other party included, and
 * the page does not show it.
 */
export function maskCertificateBody(body: CertificateBody): CertificateBody {
  return {
    ...body,
    case: { ...body.case, title: '' },
    exhibit: { ...body.exhibit, submittedBy: maskPersonName(body.exhibit.submittedBy) },
    verification: { ...body.verification, by: maskPersonName(body.verification.by) },
    issuer: { ...body.issuer, name: maskPersonName(body.issuer.name) },
  };
}

/** Null for an unknown ID (or one that is not a UUID). */
export async function getPublicCertificate(actor: Actor | null, id: string): Promise<PublicCertificate | null> {
  const status = await getCertificateStatus(id);
  if (status.state === 'unknown') return null;
  const file = await getCertificateFile(id);
  if (!file) return null;
  const full = await maySeeCase(actor, file.body.case.id);
  const revocation = status.revocation
    ? { ...status.revocation, by: full ? status.revocation.by : maskPersonName(status.revocation.by) }
    : null;
  return {
    state: status.state,
    body: full ? file.body : maskCertificateBody(file.body),
    names: full ? 'full' : 'masked',
    revocation,
  };
}
