import 'server-only';
/**
 * The certificate's signed file (GET /api/v1/certificates/{id}) for those who may read it: its body
 * names natural persons in full (the litigant, the person whose action produced the verification,
 * the clerk), as the court signed them, so it is not handed to anyone who merely holds the ID
 * (SECURITY.md "Public certificate pages"). Served:
 *
 * - to a signed-in person who may see the case (its parties, judges and clerks: the rule the public
 *   page uses for full names, get-public-certificate.ts `maySeeCase`);
 * - to anyone who presents the certificate's check code (format/check-code.ts), printed on the PDF:
 *   whoever holds the paper holds the names already. Compared in constant time; wrong codes are
 *   counted per client address with the lookup's limit (find-certificate-by-code.ts), so the ID
 *   and the lookup together give a guesser no more tries than the lookup alone.
 *
 * Refusals, each its own code so a client can tell them apart: NOT_FOUND (no certificate has this
 * ID: the status endpoint says as much to anyone, so nothing is hidden by a 404 here),
 * CHECK_CODE_REQUIRED (403: it exists; present its check code or sign in), CHECK_CODE_WRONG (403:
 * the code given is not this certificate's), RATE_LIMITED (too many wrong codes from this address).
 */
import { timingSafeEqual } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { addressKey } from '@/lib/auth/client-address';
import { lockedForSeconds, recordFailures } from '@/lib/auth/login-throttle';
import { isUuid } from '@/lib/cases/access';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { LOOKUP_ADDRESS_POLICY } from './find-certificate-by-code';
import { certificateSigningBytes } from './format/canonical';
import type { CertificateFile } from './format/certificate-body';
import { CHECK_CODE_LENGTH, checkCodeOfSignedBytes, normaliseCheckCode } from './format/check-code';
import { maySeeCase } from './get-public-certificate';
import { readCertificates } from './read-certificates';

export interface GetSignedCertificateFileOptions {
  /** The check code as the client sent it (header or query), if any. */
  code?: string | null;
  clientAddress?: string;
  now?: Date;
}

export interface SignedCertificateFile {
  file: CertificateFile;
  state: 'valid' | 'revoked';
  /** Why it was served: the reader may see the case, or gave the right code. */
  access: 'case' | 'code';
}

export const CHECK_CODE_REQUIRED_MESSAGE =
  'The signed certificate names people in full: it is served to the people of the case once signed in, or with the check code printed on the certificate (header Verity-Check-Code).';
export const CHECK_CODE_WRONG_MESSAGE =
  'This is not the check code of this certificate. Check it against the code printed beside the certificate number.';

/** Throws NOT_FOUND, CHECK_CODE_REQUIRED, CHECK_CODE_WRONG or RATE_LIMITED. */
export async function getSignedCertificateFile(
  actor: Actor | null,
  id: string,
  options: GetSignedCertificateFileOptions = {},
): Promise<SignedCertificateFile> {
  const [record] = typeof id === 'string' && isUuid(id) ? await readCertificates({ ids: [id.toLowerCase()] }) : [];
  if (!record) throw new AppError('NOT_FOUND', `No certificate has the ID ${id}.`);
  const state = record.revocation ? 'revoked' : 'valid';
  if (await maySeeCase(actor, record.caseId)) return { file: record.file, state, access: 'case' };

  const typed = options.code ?? '';
  if (typed.trim() === '') throw new AppError('CHECK_CODE_REQUIRED', CHECK_CODE_REQUIRED_MESSAGE);
  const now = options.now ?? new Date();
  const db = getDb();
  const key = `certificate-lookup:${options.clientAddress ? addressKey(options.clientAddress) : 'unknown'}`;
  const locked = await lockedForSeconds(db, [key], now);
  if (locked > 0) {
    throw new AppError(
      'RATE_LIMITED',
      `Too many wrong check codes from this address; try again in ${locked} seconds.`,
      {
        retryAfterSeconds: locked,
      },
    );
  }
  const code = normaliseCheckCode(typed);
  // A malformed code cannot be right; it is refused alike, but not counted (nothing was guessed).
  const given = Buffer.from(code ?? '!'.repeat(CHECK_CODE_LENGTH), 'ascii');
  const expected = Buffer.from(checkCodeOfSignedBytes(certificateSigningBytes(record.body)), 'ascii');
  if (timingSafeEqual(expected, given) && code !== null) return { file: record.file, state, access: 'code' };
  if (code !== null) await recordFailures(db, [[key, LOOKUP_ADDRESS_POLICY]], now);
  throw new AppError('CHECK_CODE_WRONG', CHECK_CODE_WRONG_MESSAGE);
}
