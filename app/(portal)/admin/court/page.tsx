import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import { AdminForm } from '@/components/admin/admin-form';
import { AnchoringSection } from '@/components/admin/anchoring-section';
import { WitnessingSection } from '@/components/admin/witnessing-section';
import { getAnchoringStatus } from '@/lib/anchor/get-anchoring-status';
import { requireRole } from '@/lib/auth/session';
import { getCourtSettings } from '@/lib/court/court-settings';
import { forPage } from '@/lib/errors/for-page';
import { getWitnessingStatus } from '@/lib/witnessing/get-witnessing-status';
import { updateCourtSettingsAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.court');
  return { title: t('pageTitle') };
}

/** The court's names, code and public URL (the address in e-mails and on certificates); the ledger's witnesses and anchors. */
export default async function CourtPage() {
  const admin = await requireRole('admin');
  const court = await forPage(getCourtSettings(admin));
  const witnessing = await forPage(getWitnessingStatus(admin));
  const anchoring = await forPage(getAnchoringStatus(admin));
  const t = await getTranslations('admin.court');
  const messages = await getMessages();
  return (
    <div className="max-w-3xl">
      <h1 className="mb-2 text-3xl font-bold">{t('heading')}</h1>
      <p className="mb-6 max-w-prose text-slate-700">{t('intro')}</p>
      <NextIntlClientProvider messages={{ admin: messages.admin }}>
        <AdminForm
          id="court"
          testId="court-form"
          action={updateCourtSettingsAction}
          submitLabel={t('save')}
          fields={[
            { name: 'nameZh', label: t('nameZh'), defaultValue: court.nameZh },
            { name: 'nameEn', label: t('nameEn'), defaultValue: court.nameEn },
            { name: 'code', label: t('code'), hint: t('codeHint'), defaultValue: court.code },
            {
              name: 'publicUrl',
              label: t('publicUrl'),
              hint: t('publicUrlHint'),
              type: 'url',
              defaultValue: court.publicUrl ?? '',
            },
          ]}
        />
      </NextIntlClientProvider>
      <WitnessingSection status={witnessing} locale={await getLocale()} />
      <AnchoringSection status={anchoring} />
    </div>
  );
}
