import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getFormatter, getLocale, getMessages, getTranslations } from 'next-intl/server';
import { OidcConfigForm } from '@/components/oidc/oidc-config-form';
import { getOidcConfig } from '@/lib/auth/oidc/get-oidc-config';
import { oidcRedirectUri } from '@/lib/auth/oidc/oidc-provider';
import { requireRole } from '@/lib/auth/session';
import { forPage } from '@/lib/errors/for-page';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('oidc.admin');
  return { title: t('pageTitle') };
}

/** An administrator configures sign-in through the court's identity system (OpenID Connect) and tests it. */
export default async function SignInSettingsPage() {
  const admin = await requireRole('admin');
  const config = await forPage(getOidcConfig(admin));
  const t = await getTranslations('oidc.admin');
  const format = await getFormatter();
  const locale = await getLocale();
  const messages = await getMessages();
  const name = config ? (locale === 'en' ? config.displayNameEn : config.displayNameZh) : '';
  const status = !config
    ? t('statusNone')
    : !config.secretReadable
      ? t('statusUnreadable')
      : config.enabled
        ? t('statusOn', { name })
        : t('statusOff');
  return (
    <section aria-labelledby="oidc-heading" className="max-w-3xl">
      <h1 id="oidc-heading" className="mb-3 text-3xl font-bold">
        {t('heading')}
      </h1>
      <p className="mb-6 max-w-prose text-lg text-slate-700">{t('intro')}</p>

      <div className="mb-8 space-y-4">
        <div
          data-testid="oidc-status"
          className={`border-l-4 p-3 ${config && !config.secretReadable ? 'border-seal-700' : 'border-court-700 bg-court-50'}`}
        >
          <h2 className="font-bold">{t('statusHeading')}</h2>
          <p>{status}</p>
          {config ? (
            <p className="text-sm text-slate-700">
              {t('updatedAt', { time: format.dateTime(config.updatedAt, { dateStyle: 'medium', timeStyle: 'short' }) })}
            </p>
          ) : null}
        </div>
        <div>
          <h2 className="font-bold">{t('redirectUri')}</h2>
          <p className="max-w-prose text-slate-700">{t('redirectUriHint')}</p>
          <p data-testid="oidc-redirect-uri" className="mt-1 font-mono text-[0.95em] [overflow-wrap:anywhere]">
            {oidcRedirectUri()}
          </p>
        </div>
      </div>

      <NextIntlClientProvider messages={{ oidc: messages.oidc }}>
        <OidcConfigForm
          secretStored={config?.secretReadable ?? false}
          initial={{
            enabled: config?.enabled ?? false,
            issuer: config?.issuer ?? '',
            clientId: config?.clientId ?? '',
            emailClaim: config?.emailClaim ?? 'email',
            displayNameZh: config?.displayNameZh ?? '',
            displayNameEn: config?.displayNameEn ?? '',
          }}
        />
      </NextIntlClientProvider>
    </section>
  );
}
