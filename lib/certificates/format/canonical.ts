/**
 * The bytes a certificate's signature covers: the RFC 8785 (JCS) canonical JSON, UTF-8, of the
 * certificate body — the same canonicaliser the ledger's leaves use, so one body has exactly one
 * byte string whoever computes it (the server, the public check page, the offline checker, or
 * any JCS implementation in another language). Pure and browser-safe.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8785
 * @see ../../../shared/DESIGN.md "Fixed formats"
 * @module
 */
import { canonicalJsonBytes } from '@/lib/ledger/statement/canonical-json';
import type { CertificateBody } from './certificate-body';

/**
 * RFC 8785 canonical JSON of `body`. Throws StatementError('NOT_JSON') when the value has no
 * canonical form (a lone surrogate in a string, a non-finite number…): such a body cannot be signed.
 */
export function certificateSigningBytes(body: CertificateBody): Uint8Array<ArrayBuffer> {
  return canonicalJsonBytes(body);
}
