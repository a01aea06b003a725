import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getMessages, getTranslations } from 'next-intl/server';
import { ResetLinkProblem } from '@/components/account/reset-link-problem';
import { ResetPasswordForm } from '@/components/account/reset-password-form';
import { PageShell } from '@/components/layout/page-shell';
import { checkResetLink } from '@/lib/auth/reset-password';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('passwordReset.choose');
  // The link's token is in this page's URL: never send it on as a referrer.
  return { title: t('pageTitle'), referrer: 'no-referrer', robots: { index: false } };
}

/** A password-reset link from an e-mail: the new password, or why the link no longer works. */
export default async function ResetPasswordPage({ params }: PageProps<'/reset-password/[token]'>) {
  const { token } = await params;
  const [t, messages, link] = await Promise.all([
    getTranslations('passwordReset'),
    getMessages(),
    checkResetLink(token),
  ]);
  // Whoever is signed in here, the page is about the link's person: no signed-in header.
  return (
    <PageShell>
      <div className="max-w-3xl">
        {link.ok ? (
          <section aria-labelledby="reset-heading">
            <h1 id="reset-heading" className="mb-3 text-3xl font-bold">
              {t('choose.heading')}
            </h1>
            <p className="mb-8 max-w-prose break-words text-lg text-slate-700">
              {t('choose.intro', { email: link.email })}
            </p>
            <NextIntlClientProvider messages={{ passwordReset: messages.passwordReset, account: messages.account }}>
              <ResetPasswordForm token={token} email={link.email} />
            </NextIntlClientProvider>
          </section>
        ) : (
          <ResetLinkProblem reason={link.reason} />
        )}
      </div>
    </PageShell>
  );
}
