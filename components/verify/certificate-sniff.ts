/**
 * Which dropped files may be Verity certificates, by content and cheaply, so that /verify loads
 * the certificate checker (pdf-lib and the rest, ./certificate-engine via import()) only then:
 *
 * - a PDF (`%PDF-` in its first 1024 bytes) with an embedded file stream (`/EmbeddedFile`, the
 *   stream's type, which cannot hide in a compressed object stream) → `pdf`, to be opened and
 *   looked into for `certificate.json` (a PDF without it is then hashed as evidence after all);
 * - JSON (`{` first) that names the format `verity-certificate/v1` or, for a deposit certificate
 *   (存证证书), `verity-deposit-certificate/v1` → `json`.
 *
 * Everything else, and anything larger than a certificate can be, is evidence as before.
 *
 * @module
 */

export type CertificateKind = 'pdf' | 'json';

/** Certificates are tens of kilobytes; a larger file is never read whole for this. */
export const MAX_CERTIFICATE_PDF_BYTES = 16 * 1024 * 1024;
export const MAX_CERTIFICATE_JSON_BYTES = 1024 * 1024;

const HEAD_BYTES = 1024;

function latin1(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes);
}

export async function sniffCertificate(file: Blob): Promise<CertificateKind | null> {
  if (file.size === 0 || file.size > MAX_CERTIFICATE_PDF_BYTES) return null;
  const head = latin1(new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer()));
  if (head.includes('%PDF-')) {
    const whole = latin1(new Uint8Array(await file.arrayBuffer()));
    return whole.includes('/EmbeddedFile') ? 'pdf' : null;
  }
  // JSON, after an optional UTF-8 byte order mark (read here as Latin-1).
  if (/^(\xEF\xBB\xBF)?\s*\{/.test(head)) {
    if (file.size > MAX_CERTIFICATE_JSON_BYTES) return null;
    const whole = latin1(new Uint8Array(await file.arrayBuffer()));
    return whole.includes('verity-certificate/v1') || whole.includes('verity-deposit-certificate/v1') ? 'json' : null;
  }
  return null;
}
