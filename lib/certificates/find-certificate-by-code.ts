import 'server-only';
/**
 * Finding a certificate by what is printed on it — its number and check code — for anyone,
 * without its UUID (the lookup page /certificates). The check code (format/check-code.ts) is
 * derived from the signed body, which carries the random UUID, so it works as a short password
 * for that one certificate: numbers are sequential and guessable, codes are 40 random bits.
 *
 * - A wrong number and a wrong code give the same NOT_FOUND and the same message, so the form
 *   tells nobody which numbers exist; codes are compared in constant time.
 * - Wrong attempts are counted per client address with the sign-in limits' store
 *   (lib/auth/login-throttle.ts, key `certificate-lookup:<address>`): after
 *   LOOKUP_ADDRESS_POLICY.maxFailures wrong attempts in the window the address is refused
 *   (RATE_LIMITED) for the lock time, right answers included. Well-formed input only is counted;
 *   a malformed number or code is a VALIDATION_FAILED naming the field.
 * - Numbers are unique per court; when two courts share a database both may have the number,
 *   and the code tells them apart.
 */
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { addressKey } from '@/lib/auth/client-address';
import { lockedForSeconds, recordFailures, type ThrottlePolicy } from '@/lib/auth/login-throttle';
import { getDb } from '@/lib/db/client';
import { getPool } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { validationFailed } from '@/lib/errors/zod-issues';
import { checkCodeOfSignedBytes, normaliseCheckCode } from './format/check-code';

const MINUTE = 60_000;
/** Wrong number-and-code pairs from one client address. */
export const LOOKUP_ADDRESS_POLICY: ThrottlePolicy = { maxFailures: 10, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };

export const LOOKUP_NOT_FOUND_MESSAGE =
  'No certificate has this number and check code. Check both against the certificate and try again.';

const NUMBER = /^VC-\d{4}-\d{6}$/;

export const ZCertificateLookup = z.object({
  number: z.string().max(100),
  code: z.string().max(100),
});

export interface FindCertificateByCodeOptions {
  clientAddress?: string;
  now?: Date;
}

/** The number as typed, normalised (`vc 2026 000123` → `VC-2026-000123`); null when it cannot be one. */
export function normaliseCertificateNumber(input: string): string | null {
  const text = input
    .normalize('NFKC')
    .trim()
    .toUpperCase()
    .replace(/[\s\u2010-\u2015]+/g, '-');
  return NUMBER.test(text) ? text : null;
}

/**
 * The certificate's ID, number and code (normalised, as its page's check sends it). Throws
 * VALIDATION_FAILED, NOT_FOUND (wrong number or code), RATE_LIMITED.
 */
export async function findCertificateByCode(
  input: unknown,
  options: FindCertificateByCodeOptions = {},
): Promise<{ id: string; number: string; code: string }> {
  const parsed = ZCertificateLookup.safeParse(input);
  if (!parsed.success) throw validationFailed(parsed.error);
  const number = normaliseCertificateNumber(parsed.data.number);
  const code = normaliseCheckCode(parsed.data.code);
  const issues = [
    ...(number ? [] : [{ path: 'number', message: 'a certificate number looks like VC-2026-000123' }]),
    ...(code ? [] : [{ path: 'code', message: 'a check code is 8 letters and digits, like 7K3M-Q9TX' }]),
  ];
  if (!number || !code) throw validationFailed(issues);

  const now = options.now ?? new Date();
  const db = getDb();
  const key = `certificate-lookup:${options.clientAddress ? addressKey(options.clientAddress) : 'unknown'}`;
  const locked = await lockedForSeconds(db, [key], now);
  if (locked > 0) {
    throw new AppError('RATE_LIMITED', `Too many wrong attempts from this address; try again in ${locked} seconds.`, {
      retryAfterSeconds: locked,
    });
  }

  const { rows } = await getPool().query<{ id: string; number: string; body: Buffer }>(
    'SELECT id, number, body FROM certificates WHERE number = $1 ORDER BY issued_at',
    [number],
  );
  const given = Buffer.from(code, 'ascii');
  let found: { id: string; number: string } | null = null;
  // Every row is compared (and one stand-in when there is none), so the time taken does not
  // depend on where, or whether, the right code is.
  for (const row of rows.length > 0 ? rows : [null]) {
    const expected = Buffer.from(checkCodeOfSignedBytes(row ? new Uint8Array(row.body) : given), 'ascii');
    if (timingSafeEqual(expected, given) && row && !found) found = { id: row.id, number: row.number };
  }
  if (!found) {
    await recordFailures(db, [[key, LOOKUP_ADDRESS_POLICY]], now);
    throw new AppError('NOT_FOUND', LOOKUP_NOT_FOUND_MESSAGE);
  }
  return { ...found, code };
}
