'use client';
import { useLocale, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { DigestText } from '@/components/verify/digest-text';
import { formatBytes, formatCourtTime } from '@/components/verify/format';
import { VerdictIcon } from '@/components/verify/verdict-icon';
import type { CertificateBody } from '@/lib/certificates/format/certificate-body';
import { CertificateWitnessingText } from './certificate-witnessing';

/** The exact size as well as the rounded one: a court compares sizes to the byte. */
function exactSize(bytes: number, locale: string): string {
  const exact = new Intl.NumberFormat(locale, { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(bytes);
  return bytes < 1000 ? exact : `${formatBytes(bytes, locale)} (${exact})`;
}

/**
 * What a certificate states, as the court's page and /verify show it: number, court, case,
 * exhibit and who submitted it, file, verdict, both digests in full, the deposit, the
 * verification (the portal verified; the party submitted) and the issue. The public page passes
 * a body whose people's names are masked (lib/certificates/get-public-certificate.ts).
 */
export function CertificateFacts({
  body,
  headingLevel = 2,
  title,
}: {
  body: CertificateBody;
  headingLevel?: 2 | 4;
  /** Default: "What the court certified". */
  title?: string;
}) {
  const t = useTranslations('certificate.facts');
  const tv = useTranslations('verify.verdict.word');
  const locale = useLocale();
  const time = (iso: string) => formatCourtTime(iso, locale);
  const courtNames = locale === 'en' ? [body.court.nameEn, body.court.nameZh] : [body.court.nameZh, body.court.nameEn];
  const Heading = headingLevel === 2 ? 'h2' : 'h4';
  const Sub = headingLevel === 2 ? 'h3' : 'h5';
  return (
    <section aria-labelledby={`facts-${body.id}`} data-testid="certificate-facts">
      <Heading id={`facts-${body.id}`} className={headingLevel === 2 ? 'text-2xl font-bold' : 'text-lg font-bold'}>
        {title ?? t('heading')}
      </Heading>
      <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[12rem_minmax(0,1fr)]">
        <Fact name="number" label={t('number')}>
          <span translate="no">{body.number}</span>
        </Fact>
        <Fact name="court" label={t('court')}>
          {courtNames[0]} <span className="text-slate-700">{courtNames[1]}</span>
        </Fact>
        <Fact name="case" label={t('case')}>
          <span translate="no">{body.case.number}</span>
        </Fact>
        <Fact name="exhibit" label={t('exhibit')}>
          {t('exhibitValue', { number: body.exhibit.number, title: body.exhibit.title })}
        </Fact>
        <Fact name="submitted-by" label={t('submittedBy')}>
          {t('submittedByValue', { name: body.exhibit.submittedBy, party: body.exhibit.partyRole })}
        </Fact>
        {body.exhibit.kind === 'hash_only' ? (
          <Fact name="file-name" label={t('fileName')}>
            {t('hashOnly')}
          </Fact>
        ) : (
          <>
            <Fact name="file-name" label={t('fileName')}>
              {body.exhibit.fileName ?? '—'}
            </Fact>
            <Fact name="size" label={t('size')}>
              {body.exhibit.size === null ? '—' : exactSize(body.exhibit.size, locale)}
            </Fact>
          </>
        )}
        <Fact name="verdict" label={t('verdict')}>
          <span className="inline-flex items-center gap-2 font-bold">
            <VerdictIcon verdict={body.verdict} className="h-5 w-5" />
            {tv(body.verdict)}
          </span>
        </Fact>
        <Fact name="deposit" label={t('deposit')}>
          {body.deposit
            ? t('depositValue', { time: time(body.deposit.depositedAt), depositor: body.deposit.depositor.name })
            : t('noDeposit')}
        </Fact>
        {body.version === 2 && body.deposit ? (
          <Fact name="witnessed" label={t('witnessed')}>
            <CertificateWitnessingText policy={body.witnessPolicy} witnessed={body.deposit.witnessed} />
          </Fact>
        ) : null}
        <Fact name="verification" label={t('verification')}>
          {t('verificationValue', {
            court: courtNames[0] ?? '',
            time: time(body.verification.at),
            how:
              body.verification.site === 'browser'
                ? 'browser'
                : body.verification.by === body.exhibit.submittedBy
                  ? 'submitted'
                  : 'requested',
            name: body.verification.by,
          })}
        </Fact>
        <Fact name="issued" label={t('issued')}>
          {t('issuedValue', { time: time(body.issuedAt), name: body.issuer.name })}
        </Fact>
      </dl>
      <Sub className="mt-4 font-semibold">{t('digests')}</Sub>
      <dl>
        <DigestText label="SHA-256" hex={body.digests.sha256} />
        <DigestText label="SM3" hex={body.digests.sm3} />
      </dl>
      <Sub className="mt-4 font-semibold">{t('scope')}</Sub>
      <p className="mt-1 max-w-prose text-slate-800">{locale === 'en' ? body.scope.en : body.scope.zh}</p>
    </section>
  );
}

function Fact({ name, label, children }: { name: string; label: string; children: ReactNode }) {
  return (
    <div className="contents" data-fact={name}>
      <dt className="font-semibold">{label}</dt>
      <dd className="break-words">{children}</dd>
    </div>
  );
}
