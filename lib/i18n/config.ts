/** Languages of the portal. Chinese first: court records are kept in Chinese. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
/** Cookie that remembers the reader's choice (one year). */
export const LOCALE_COOKIE = 'NEXT_LOCALE';
/** Court records use Beijing time; every date on screen says so. */
export const COURT_TIME_ZONE = 'Asia/Shanghai';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
