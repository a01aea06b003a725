import 'server-only';
/**
 * A certificate file by its ID, as the court filed it (revoked or not), for the server's own use:
 * it names people in full, so who may read it is decided elsewhere (get-public-certificate.ts masks
 * it for the page; get-signed-certificate-file.ts serves it to the case's people or with the code).
 */
import { isUuid } from '@/lib/cases/access';
import type { CertificateFile } from './format/certificate-body';
import { readCertificates } from './read-certificates';

export async function getCertificateFile(id: string): Promise<CertificateFile | null> {
  if (typeof id !== 'string' || !isUuid(id)) return null;
  const [record] = await readCertificates({ ids: [id.toLowerCase()] });
  return record?.file ?? null;
}
