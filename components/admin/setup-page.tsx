/**
 * The setup page (/setup/<token> and /setup?token=…): the court and its first administrator.
 * Server component; the form is AdminForm. A link that does not work says so and what to do.
 */
import Link from 'next/link';
import { NextIntlClientProvider } from 'next-intl';
import { getMessages, getTranslations } from 'next-intl/server';
import { completeSetupAction } from '@/app/setup/actions';
import { isSetupTokenValid } from '@/lib/court/complete-setup';
import { AdminForm } from './admin-form';

export async function SetupPage({ token }: { token: string }) {
  const t = await getTranslations('setup');
  const messages = await getMessages();
  const valid = await isSetupTokenValid(token);
  return (
    <div className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="mb-2 text-3xl font-bold">{t('heading')}</h1>
      {!valid ? (
        <div className="border-l-4 border-seal-700 p-4" role="alert" data-testid="setup-invalid">
          <h2 className="mb-2 text-xl font-bold">{t('invalidHeading')}</h2>
          <p className="max-w-prose">{t('invalidBody')}</p>
          <p className="mt-3">
            <Link href="/sign-in" className="text-court-700 underline underline-offset-4">
              {t('signIn')}
            </Link>
          </p>
        </div>
      ) : (
        <>
          <p className="mb-6 max-w-prose text-slate-700">{t('intro')}</p>
          <NextIntlClientProvider messages={{ admin: messages.admin }}>
            <AdminForm
              id="setup"
              testId="setup-form"
              action={completeSetupAction}
              submitLabel={t('submit')}
              pendingLabel={t('submitting')}
              whenDone={
                <p>
                  <Link href="/sign-in" className="font-semibold text-court-700 underline underline-offset-4">
                    {t('signIn')}
                  </Link>
                </p>
              }
              fields={[
                { name: 'token', label: '', type: 'hidden', defaultValue: token },
                { name: 'nameZh', label: t('nameZh'), hint: t('nameZhHint') },
                { name: 'nameEn', label: t('nameEn'), hint: t('nameEnHint') },
                { name: 'code', label: t('code'), hint: t('codeHint') },
                { name: 'publicUrl', label: t('publicUrl'), hint: t('publicUrlHint'), type: 'url' },
                { name: 'adminName', label: t('adminName') },
                { name: 'adminEmail', label: t('adminEmail'), type: 'email', autoComplete: 'email' },
                {
                  name: 'password',
                  label: t('password'),
                  hint: t('passwordHint'),
                  type: 'password',
                  autoComplete: 'new-password',
                },
              ]}
            />
          </NextIntlClientProvider>
        </>
      )}
    </div>
  );
}
