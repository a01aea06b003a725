import 'server-only';
/**
 * A clerk of the court issues the verification certificate of one exhibit: the exhibit's
 * standing verdict, signed by the court with the deposit's leaf and a fresh inclusion proof
 * inside, so that it verifies offline (verify-certificate.ts).
 *
 * One unrevoked certificate per exhibit: issuing again while one stands is a CONFLICT. To
 * correct a certificate (a new verification changed the verdict, a typo in a title…), revoke it
 * with a reason and issue again; the new one gets the next number.
 *
 * A verdict still `pending` is re-checked on the server first (the deposit is usually sealed
 * seconds after submission), as the case pages do; still pending, it is a CONFLICT.
 */
import type { Actor } from '@/lib/auth/actor';
import { requireExhibitAccess } from '@/lib/cases/access';
import { AppError } from '@/lib/errors/app-error';
import { recheckOnServer } from '@/lib/exhibits/record-verification';
import { certificateRefusal } from './build-certificate-body';
import { type CertificateSource, loadCertificateSources } from './load-certificate-sources';
import { writeCertificates } from './write-certificates';

export async function issueCertificate(actor: Actor, exhibitId: string): Promise<{ id: string; number: string }> {
  const access = await requireExhibitAccess(actor, exhibitId, 'certify');
  let source = await loadOne(exhibitId);
  if (source.standing?.verdict === 'pending' && source.unrevoked.length === 0) {
    await recheckOnServer(actor, exhibitId);
    source = await loadOne(exhibitId);
  }
  const refusal = certificateRefusal(source);
  if (refusal) throw new AppError('CONFLICT', refusal.message, { reason: refusal.reason });
  const { issued, skipped } = await writeCertificates(access.actor, access.courtId, [source]);
  const certificate = issued[0];
  if (!certificate) {
    const why = skipped[0];
    throw new AppError('CONFLICT', why?.message ?? 'No certificate was issued.', { reason: why?.reason });
  }
  return { id: certificate.id, number: certificate.number };
}

async function loadOne(exhibitId: string): Promise<CertificateSource> {
  const [source] = await loadCertificateSources({ exhibitIds: [exhibitId] });
  if (!source) throw new AppError('NOT_FOUND', 'No such exhibit.');
  return source;
}
