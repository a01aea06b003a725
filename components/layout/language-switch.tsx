import { getLocale, getTranslations } from 'next-intl/server';
import { setLocale } from '@/app/actions';
import { LOCALES, type Locale } from '@/lib/i18n/config';

// Each language is named in itself, so a reader who cannot read the current one finds theirs.
const NATIVE_NAME: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

export async function LanguageSwitch() {
  const current = await getLocale();
  const t = await getTranslations('common');
  return (
    <form action={setLocale} aria-label={t('languageLabel')} className="flex items-center gap-1 text-sm">
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          lang={locale}
          aria-pressed={locale === current}
          className="rounded px-2 py-1 underline-offset-4 hover:underline aria-pressed:bg-white aria-pressed:font-semibold aria-pressed:text-court-900"
        >
          {NATIVE_NAME[locale]}
        </button>
      ))}
    </form>
  );
}
