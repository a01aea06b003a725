import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getMessages, getTranslations } from 'next-intl/server';
import { ForgotPasswordForm } from '@/components/account/forgot-password-form';
import { PageShell } from '@/components/layout/page-shell';
import { getCurrentUser } from '@/lib/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('passwordReset.request');
  return { title: t('pageTitle') };
}

/** "Forgot password?": one question, the e-mail address; open to everyone. */
export default async function ForgotPasswordPage() {
  const [t, messages, user] = await Promise.all([getTranslations('passwordReset'), getMessages(), getCurrentUser()]);
  return (
    <PageShell user={user}>
      <section aria-labelledby="forgot-heading" className="max-w-3xl">
        <h1 id="forgot-heading" className="mb-3 text-3xl font-bold">
          {t('request.heading')}
        </h1>
        <p className="mb-8 max-w-prose text-lg text-slate-700">{t('request.intro')}</p>
        <NextIntlClientProvider messages={{ passwordReset: messages.passwordReset, account: messages.account }}>
          <ForgotPasswordForm />
        </NextIntlClientProvider>
      </section>
    </PageShell>
  );
}
