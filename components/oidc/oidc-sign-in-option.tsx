import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages } from 'next-intl/server';
import { getOidcSignInOption } from '@/lib/auth/oidc/get-oidc-config';
import { OidcSignIn } from './oidc-sign-in';

/** On the sign-in page: "Sign in with <the court's identity system>" when an administrator configured it; nothing otherwise. */
export async function OidcSignInOption({ error, callbackUrl }: { error?: string; callbackUrl: string }) {
  const option = await getOidcSignInOption();
  if (!option) return null;
  const locale = await getLocale();
  const messages = await getMessages();
  return (
    <NextIntlClientProvider messages={{ oidc: messages.oidc }}>
      <OidcSignIn
        name={locale === 'en' ? option.displayNameEn : option.displayNameZh}
        error={error}
        callbackUrl={callbackUrl}
      />
    </NextIntlClientProvider>
  );
}
