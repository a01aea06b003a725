import { getTranslations } from 'next-intl/server';
import { isDemoMode } from '@/lib/env/demo-mode';

export async function SiteFooter() {
  const t = await getTranslations('common');
  return (
    <footer className="mt-auto border-t border-slate-200 bg-slate-50 print:hidden">
      <div className="mx-auto flex max-w-6xl flex-wrap justify-between gap-2 px-4 py-4 text-sm text-slate-600">
        <p>{t('courtTime')}</p>
        {isDemoMode() ? <p data-testid="demo-notice">{t('demoNotice')}</p> : null}
      </div>
    </footer>
  );
}
