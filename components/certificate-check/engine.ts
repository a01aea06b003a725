/**
 * The certificate checker for the browser — zod, Ed25519, the leaf parser and Merkle proofs —
 * loaded with `import('./engine')` only when a certificate is being checked, so that neither
 * /certificates/{id} nor /verify carries it in its first-load JavaScript. Reading a certificate
 * PDF (pdf-lib, much larger) is apart, in ./read-certificate-file.ts: the public page never needs it.
 *
 * @module
 */

import type { CheckDetail } from '@/lib/certificates/format/check-details';
import {
  type CertificateCheck,
  type CertificateCheckItem,
  type VerifyCertificateOptions,
  verifyCertificate,
} from '@/lib/certificates/format/verify-certificate';

export type { CertificateCheck, VerifyCertificateOptions };
export { verifyCertificate };

/**
 * One line of a certificate's result: verifyCertificate's checks, plus `attachment` and `served`;
 * a deposit certificate's own `title_and_file` (./deposit-check.ts).
 */
export interface CertificateLine {
  name: CertificateCheckItem['name'] | 'attachment' | 'served' | 'title_and_file';
  ok: boolean;
  /** The checker's own message (English, technical). */
  message: string;
  /** What a passed check established, for the reader's language (check-details.ts); absent for a failed one. */
  detail?: CheckDetail;
}

export { checkpointSizeOf } from './checkpoint-size';
