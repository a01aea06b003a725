/**
 * A file the /verify page took for a certificate (components/verify/certificate-sniff.ts), read:
 * the JSON as it is, or a PDF's attached certificate.json (pdf-lib, loaded with import() only
 * when a certificate is dropped).
 *
 * @module
 */
import { CertificatePdfError, extractAttachedCertificate } from '@/lib/certificates/pdf/pdf-attachment';
import type { CertificateLine } from './engine';

export type ReadCertificate =
  /** Not a certificate after all (a PDF without certificate.json): hash it as evidence. */
  | { kind: 'not_certificate' }
  /** The signed JSON, and the `attachment` line when it came out of a PDF. */
  | { kind: 'certificate'; json: Uint8Array; attachment?: CertificateLine }
  /** A certificate PDF whose attachment cannot be read: the row shows why. */
  | { kind: 'unreadable'; attachment: CertificateLine };

export async function readCertificateFile(file: Blob, kind: 'pdf' | 'json'): Promise<ReadCertificate> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (kind === 'json') return { kind: 'certificate', json: bytes };
  try {
    const json = await extractAttachedCertificate(bytes);
    const message = `certificate.json (${json.length} bytes) read from the PDF`;
    return { kind: 'certificate', json, attachment: { name: 'attachment', ok: true, message } };
  } catch (error) {
    if (error instanceof CertificatePdfError && (error.code === 'NO_CERTIFICATE' || error.code === 'NOT_PDF')) {
      return { kind: 'not_certificate' };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'unreadable', attachment: { name: 'attachment', ok: false, message } };
  }
}
