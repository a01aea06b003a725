'use client';
/**
 * The sign-in page's way in through the court's identity system, shown only when an administrator
 * configured it: the button (next-auth's OpenID Connect flow, provider "oidc"), and why a sign-in
 * that came back was refused (`?error=…`, set by lib/auth/oidc/oidc-provider.ts or by next-auth).
 */
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ErrorSummary } from '@/components/ui/error-summary';

const REFUSALS = [
  'OIDC_NO_ACCOUNT',
  'OIDC_DISABLED',
  'OIDC_NOT_STAFF',
  'OIDC_EMAIL_UNVERIFIED',
  'OIDC_NO_EMAIL',
  'OIDC_FAILED',
] as const;
type Refusal = (typeof REFUSALS)[number];
/** next-auth's own errors of an OAuth sign-in; each means the flow did not complete. */
const FLOW_ERRORS = ['OAuthSignin', 'OAuthCallback', 'Callback', 'AccessDenied', 'Configuration'];

/** The refusal an `error` query value stands for; null for none or for another sign-in's error. */
export function oidcRefusal(error: string | undefined): Refusal | null {
  if (!error) return null;
  if ((REFUSALS as readonly string[]).includes(error)) return error as Refusal;
  return FLOW_ERRORS.includes(error) ? 'OIDC_FAILED' : null;
}

export function OidcSignIn({ name, error, callbackUrl }: { name: string; error?: string; callbackUrl: string }) {
  const t = useTranslations('oidc.signIn');
  const [pending, setPending] = useState(false);
  const refusal = oidcRefusal(error);
  return (
    <div className="mb-8 space-y-4">
      <ErrorSummary
        id="oidc-sign-in-error"
        title={t('errorSummary', { name })}
        items={refusal ? [{ message: t(`errors.${refusal}`), testId: 'oidc-sign-in-error' }] : []}
      />
      <div>
        <button
          type="button"
          disabled={pending}
          onClick={() => {
            setPending(true);
            void signIn('oidc', { callbackUrl }).catch(() => setPending(false));
          }}
          className="w-full max-w-md bg-court-700 px-5 py-2.5 text-base font-semibold text-white shadow-[0_2px_0_#0b2545] hover:bg-court-800 disabled:opacity-60 sm:w-auto"
        >
          {t('button', { name })}
        </button>
        <p className="mt-1 text-slate-700">{t('staffOnly')}</p>
      </div>
      <p className="border-t border-slate-300 pt-4 text-lg font-semibold">{t('or')}</p>
    </div>
  );
}
