import { cookies } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { COURT_TIME_ZONE, DEFAULT_LOCALE, isLocale, type Locale } from './config';

const loaders: Record<Locale, () => Promise<{ default: Messages }>> = {
  'zh-CN': () => import('../../messages/zh-CN.json'),
  en: () => import('../../messages/en.json'),
};

type Messages = typeof import('../../messages/en.json');

export default getRequestConfig(async () => {
  const stored = (await cookies()).get('NEXT_LOCALE')?.value;
  const locale: Locale = isLocale(stored) ? stored : DEFAULT_LOCALE;
  return {
    locale,
    timeZone: COURT_TIME_ZONE,
    messages: (await loaders[locale]()).default,
  };
});
