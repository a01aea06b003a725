'use client';
/** The connection test's result, in plain words first, then what was found (or what went wrong). */
import { useTranslations } from 'next-intl';
import type { OidcConnectionTest } from '@/lib/auth/oidc/test-oidc-connection';

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div className="py-1">
      <dt className="font-semibold">{label}</dt>
      <dd className="font-mono text-[0.95em] [overflow-wrap:anywhere]">{value}</dd>
    </div>
  );
}

export function OidcTestResult({ result }: { result: OidcConnectionTest }) {
  const t = useTranslations('oidc.admin.result');
  if (!result.ok) {
    return (
      <section data-testid="oidc-test-result" data-ok="false" className="border-l-4 border-seal-700 p-4">
        <h2 className="text-xl font-bold text-seal-700">
          <span aria-hidden="true">✗ </span>
          {t('failed')}
        </h2>
        <p className="mt-2 max-w-prose">{t(`problems.${result.problem}`)}</p>
        <dl className="mt-3">
          <Row label={t('discoveryUrl')} value={result.discoveryUrl} />
          <Row label={t('detail')} value={result.detail} />
        </dl>
      </section>
    );
  }
  const claim =
    result.emailClaimListed === null
      ? t('claimUnknown')
      : result.emailClaimListed
        ? t('claimListed')
        : t('claimNotListed');
  return (
    <section data-testid="oidc-test-result" data-ok="true" className="border-l-4 border-court-700 p-4">
      <h2 className="text-xl font-bold">
        <span aria-hidden="true">✓ </span>
        {t('ok')}
      </h2>
      <p className="mt-2 max-w-prose">{t('okIntro')}</p>
      <dl className="mt-3">
        <Row label={t('issuer')} value={result.issuer} />
        <Row label={t('authorizationEndpoint')} value={result.authorizationEndpoint} />
        <Row label={t('tokenEndpoint')} value={result.tokenEndpoint} />
        <Row label={t('userinfoEndpoint')} value={result.userinfoEndpoint ?? t('none')} />
        <Row label={t('signingKeys')} value={String(result.signingKeys)} />
      </dl>
      <p className="mt-2 max-w-prose">{claim}</p>
    </section>
  );
}
