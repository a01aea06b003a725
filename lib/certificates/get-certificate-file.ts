import 'server-only';
/**
 * A certificate file by its ID, for anyone: the ID is a random UUID that only the certificate
 * (the PDF, its QR code) carries, and the content is what the court filed for the case. A
 * revoked certificate is still served — as filed — and its status says it is revoked.
 */
import { isUuid } from '@/lib/cases/access';
import type { CertificateFile } from './format/certificate-body';
import { readCertificates } from './read-certificates';

export async function getCertificateFile(id: string): Promise<CertificateFile | null> {
  if (typeof id !== 'string' || !isUuid(id)) return null;
  const [record] = await readCertificates({ ids: [id.toLowerCase()] });
  return record?.file ?? null;
}
