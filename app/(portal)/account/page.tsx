import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getMessages, getTranslations } from 'next-intl/server';
import { AccountDetailsForm } from '@/components/account/account-details-form';
import { ChangePasswordForm } from '@/components/account/change-password-form';
import { getOwnAccount } from '@/lib/auth/get-own-account';
import { requireUser } from '@/lib/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('account');
  return { title: t('pageTitle') };
}

/** Every signed-in person's own account: name, e-mail language, password. */
export default async function AccountPage() {
  const actor = await requireUser();
  const [t, messages, account] = await Promise.all([getTranslations('account'), getMessages(), getOwnAccount(actor)]);
  return (
    <div className="max-w-3xl space-y-12">
      <div>
        <h1 className="mb-3 text-3xl font-bold">{t('heading')}</h1>
        <p className="max-w-prose break-words text-lg text-slate-700">{t('intro', { email: account.email })}</p>
      </div>
      <NextIntlClientProvider messages={{ passwordReset: messages.passwordReset, account: messages.account }}>
        <section aria-labelledby="account-details-heading">
          <h2 id="account-details-heading" className="mb-4 text-2xl font-bold">
            {t('details.heading')}
          </h2>
          <AccountDetailsForm name={account.name} locale={account.locale} />
        </section>
        <section aria-labelledby="change-password-heading">
          <h2 id="change-password-heading" className="mb-2 text-2xl font-bold">
            {t('password.heading')}
          </h2>
          <p className="mb-6 max-w-prose text-slate-700">{t('password.intro')}</p>
          <ChangePasswordForm email={account.email} />
        </section>
      </NextIntlClientProvider>
    </div>
  );
}
