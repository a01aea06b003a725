/**
 * Numbers and times as the verification page shows them, in the reader's locale: sizes in
 * decimal units (MB = 10^6 bytes, as `sha256sum` benchmarks and disk vendors count), rates in
 * MB/s, times left rounded up, and every date in Beijing time (court records use it; the words
 * "Beijing time" are added by the message around it).
 *
 * @module
 */
import { COURT_TIME_ZONE } from '@/lib/i18n/config';

/**
 * One spacing rule (messages/GLOSSARY.md): a space between a number and the unit beside it, in
 * Chinese too — ICU writes "1字节" and "3分钟", the portal's messages "30 分钟".
 */
function spaced(text: string): string {
  return text.replace(/(\d)(\p{Script=Han})/gu, '$1 $2');
}

const UNITS = [
  { unit: 'gigabyte', size: 1e9 },
  { unit: 'megabyte', size: 1e6 },
  { unit: 'kilobyte', size: 1e3 },
] as const;

export function formatBytes(bytes: number, locale: string): string {
  for (const { unit, size } of UNITS) {
    if (bytes >= size) {
      return spaced(
        new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(bytes / size),
      );
    }
  }
  return spaced(new Intl.NumberFormat(locale, { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(bytes));
}

export function formatRate(bytesPerSecond: number, locale: string): string {
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: 'megabyte-per-second',
    maximumFractionDigits: bytesPerSecond >= 1e7 ? 0 : 1,
  }).format(bytesPerSecond / 1e6);
}

/** "3 seconds", "2 minutes": whole units, rounded up so "0 seconds" never shows while work remains. */
export function formatDuration(seconds: number, locale: string): string {
  const [value, unit] =
    seconds < 90 ? [Math.max(1, Math.ceil(seconds)), 'second'] : [Math.ceil(seconds / 60), 'minute'];
  return spaced(new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value));
}

/** A date and time to the second, in Beijing time, e.g. "2026年3月1日 10:02:00" / "March 1, 2026 at 10:02:00". */
export function formatCourtTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: COURT_TIME_ZONE,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/** The characters a person may paste around a digest: spaces, tabs, line breaks. */
export function stripWhitespace(text: string): string {
  return text.replace(/\s+/g, '');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A deposit ID as typed, trimmed and lowercased; null when it is not a UUID. */
export function parseDepositId(text: string): string | null {
  const id = text.trim().toLowerCase();
  return UUID.test(id) ? id : null;
}

/** A pasted digest without whitespace, lowercased; or why it is not one. */
export function parseDigestInput(
  text: string,
): { ok: true; hex: string } | { ok: false; error: 'length' | 'characters'; length: number } {
  const hex = stripWhitespace(text).toLowerCase();
  if (!/^[0-9a-f]*$/.test(hex)) return { ok: false, error: 'characters', length: hex.length };
  if (hex.length !== 64) return { ok: false, error: 'length', length: hex.length };
  return { ok: true, hex };
}
