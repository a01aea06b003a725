import 'server-only';
/**
 * A certificate as its PDF, for the people of its case (parties, judges, the court's clerks):
 * rendered on demand from the stored, signed certificate (render-pdf.ts is deterministic, so the
 * same certificate in the same state always gives the same bytes), with its public check page
 * `<public origin>/certificates/{id}` in the QR code, and "revoked" on every page once revoked.
 * Each download is a `certificate.downloaded` event in the case's custody log, recorded before
 * the bytes are handed out.
 *
 * Why behind the case and not public like the certificate JSON (GET /api/v1/certificates/{id}):
 * the JSON is what anyone holding the ID needs to check a certificate someone showed them; the
 * PDF is the court's document of the case, and the issue gives it to the case's people. A
 * certificate ID is random and carried only by the certificate itself, so the check page and the
 * JSON reveal nothing new to its holder — but a lost or forwarded ID should not hand out the
 * court's formatted document, and a download should name who took it. Everyone else: NOT_FOUND.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { recordAuditEvent } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { isUuid, requireCaseAccess } from '@/lib/cases/access';
import { AppError } from '@/lib/errors/app-error';
import { bytesToHex } from '@/lib/tlog';
import { certificateCheckUrl } from './check-url';
import { renderCertificatePdf } from './pdf/render-pdf';
import { type CertificateRecord, readCertificates } from './read-certificates';

export interface CertificatePdfInfo {
  id: string;
  number: string;
  state: 'valid' | 'revoked';
  /** `<number>.pdf`, ASCII only. */
  fileName: string;
}

export interface CertificatePdf extends CertificatePdfInfo {
  bytes: Uint8Array;
  /** Hex SHA-256 of `bytes` (also in the custody event). */
  sha256: string;
}

export interface CertificatePdfOptions {
  /** The portal's public origin (check-url.ts `publicOrigin`): the QR code points below it. */
  origin: string;
}

/** The PDF of certificate `certificateId`, if `actor` may view its case; records the download. */
export async function getCertificatePdf(
  actor: Actor,
  certificateId: string,
  options: CertificatePdfOptions,
): Promise<CertificatePdf> {
  const record = await findViewable(actor, certificateId);
  const info = infoOf(record);
  const bytes = await renderCertificatePdf(record.file, {
    checkUrl: certificateCheckUrl(options.origin, record.id),
    status: info.state,
  });
  const digest = bytesToHex(sha256(bytes));
  await recordAuditEvent({
    action: 'certificate.downloaded',
    actorId: actor.id,
    caseId: record.caseId,
    subjectId: record.id,
    details: { number: record.number, exhibitId: record.exhibitId, format: 'pdf', state: info.state, sha256: digest },
  });
  return { ...info, bytes, sha256: digest };
}

/** What the PDF download would be, with the same access check, no rendering and no custody event (HEAD). */
export async function describeCertificatePdf(actor: Actor, certificateId: string): Promise<CertificatePdfInfo> {
  return infoOf(await findViewable(actor, certificateId));
}

function infoOf(record: CertificateRecord): CertificatePdfInfo {
  return {
    id: record.id,
    number: record.number,
    state: record.revocation ? 'revoked' : 'valid',
    fileName: `${record.number.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`,
  };
}

async function findViewable(actor: Actor, certificateId: string): Promise<CertificateRecord> {
  if (typeof certificateId !== 'string' || !isUuid(certificateId)) throw notFound();
  const [record] = await readCertificates({ ids: [certificateId.toLowerCase()] });
  if (!record) throw notFound();
  try {
    await requireCaseAccess(actor, record.caseId, 'view');
  } catch (error) {
    // The case is not theirs: the certificate does not exist for them either.
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound();
    throw error;
  }
  return record;
}

function notFound(): AppError {
  return new AppError('NOT_FOUND', 'No such certificate.');
}
