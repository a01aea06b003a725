import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { COURT_TIME_ZONE, DEFAULT_LOCALE, isLocale, type Locale } from './config';

const loaders: Record<Locale, () => Promise<{ default: Messages }>> = {
  'zh-CN': () => import('../../messages/zh-CN.json'),
  en: () => import('../../messages/en.json'),
};

type Messages = typeof import('../../messages/en.json');

/**
 * The language a link asks for (`?lang=en`): links in e-mails carry their recipient's language, so
 * a reset link opens in it on a browser that has never chosen one. The reader's own choice (the
 * cookie) still comes first. The path is the one proxy.ts records for pages.
 */
function linkLocale(path: string | null): Locale | undefined {
  const query = new URLSearchParams(path?.split('?')[1] ?? '');
  const lang = query.get('lang');
  if (isLocale(lang)) return lang;
  // A mailed link to a page that needs signing in arrives at /sign-in?callbackUrl=<the link>.
  const callback = query.get('callbackUrl');
  return callback && !callback.startsWith('/sign-in') ? linkLocale(callback) : undefined;
}

export default getRequestConfig(async () => {
  const stored = (await cookies()).get('NEXT_LOCALE')?.value;
  const locale: Locale = isLocale(stored)
    ? stored
    : (linkLocale((await headers()).get('x-verity-path')) ?? DEFAULT_LOCALE);
  return {
    locale,
    timeZone: COURT_TIME_ZONE,
    messages: (await loaders[locale]()).default,
  };
});
