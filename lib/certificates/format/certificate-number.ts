/**
 * Certificate numbers: `VC-<year>-<serial>`, the serial six digits, counted per court and
 * calendar year in Beijing time (court records use Beijing time), from 000001 without gaps.
 * Pure; the serial is assigned under a lock by write-certificates.ts.
 *
 * @module
 */

export const MAX_CERTIFICATE_SERIAL = 999_999;
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000; // UTC+8, no daylight saving

/** The year of `at` in Beijing time. */
export function certificateYear(at: Date): number {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).getUTCFullYear();
}

export function formatCertificateNumber(year: number, serial: number): string {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new RangeError(`year ${year} is out of range`);
  if (!Number.isInteger(serial) || serial < 1 || serial > MAX_CERTIFICATE_SERIAL) {
    throw new RangeError(`serial ${serial} is not between 1 and ${MAX_CERTIFICATE_SERIAL}`);
  }
  return `VC-${year}-${String(serial).padStart(6, '0')}`;
}
