import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { SignInForm } from '@/components/auth/sign-in-form';
import { SignInHelp } from '@/components/auth/sign-in-help';
import { PageShell } from '@/components/layout/page-shell';
import { OidcSignInOption } from '@/components/oidc/oidc-sign-in-option';
import { safeCallbackUrl } from '@/lib/auth/safe-callback-url';
import { getCurrentUser } from '@/lib/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('signIn');
  return { title: t('pageTitle') };
}

export default async function SignInPage({ searchParams }: PageProps<'/sign-in'>) {
  const { callbackUrl, error } = await searchParams;
  const target = safeCallbackUrl(callbackUrl);
  if (await getCurrentUser()) redirect(target);
  const t = await getTranslations('signIn');
  const reset = await getTranslations('passwordReset');
  return (
    <PageShell>
      <div className="grid grid-cols-1 gap-10 md:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <section aria-labelledby="sign-in-heading">
          <h1 id="sign-in-heading" className="mb-3 text-3xl font-bold">
            {t('heading')}
          </h1>
          <p className="mb-8 max-w-prose text-lg text-slate-700">{t('intro')}</p>
          <OidcSignInOption error={typeof error === 'string' ? error : undefined} callbackUrl={target} />
          <SignInForm callbackUrl={target} />
          <p className="mt-6">
            <Link href="/forgot-password" className="text-court-700 underline underline-offset-4">
              {reset('forgotLink')}
            </Link>
          </p>
        </section>
        <SignInHelp />
      </div>
    </PageShell>
  );
}
