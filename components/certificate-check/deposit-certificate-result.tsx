'use client';
import { useLocale, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { DigestText } from '@/components/verify/digest-text';
import { formatBytes, formatCourtTime } from '@/components/verify/format';
import { CertificateWitnessingText } from './certificate-witnessing';
import { CertificateCheckList } from './check-list';
import type { DepositCertificateResult } from './deposit-check';

/**
 * A deposit certificate (存证证书) checked on /verify, in plain words: whether it checks, what kind
 * of document it is (the depositor's, not the court's verification certificate, and what it does
 * not prove), who deposited and under whose key it was signed, then each deposit with its facts —
 * title, file name and size, deposit ID, time, 链上序号 N（共 M 条）, both digests whole — and its
 * own checks. One deposit or a batch alike.
 */
export function DepositCertificateResultView({ result }: { result: DepositCertificateResult }) {
  const t = useTranslations('certificate.depositRow');
  const tc = useTranslations('certificate.check');
  const locale = useLocale();
  const { body } = result;
  const failed =
    result.lines.filter((l) => !l.ok).length + result.deposits.flatMap((d) => d.lines).filter((l) => !l.ok).length;
  return (
    <div className="space-y-4" data-testid="deposit-certificate-result">
      <div
        className={`border-l-8 px-4 py-3 ${result.ok ? 'border-[#00703c] bg-[#eef7f1] text-[#005a30]' : 'border-seal-700 bg-[#fcefef] text-seal-700'}`}
        data-testid="certificate-summary"
      >
        <p className="flex items-center gap-2 text-xl font-bold">
          <span aria-hidden="true">{result.ok ? '✓' : '✗'}</span>
          {result.ok ? t('ok', { count: result.deposits.length }) : t('failed')}
        </p>
        {!result.ok ? <p className="mt-1 font-medium">{tc('failed', { count: failed })}</p> : null}
      </div>
      <p className="max-w-prose" data-testid="deposit-certificate-kind">
        {t('what')}
      </p>
      <div>
        <h4 className="font-bold">{tc('heading')}</h4>
        <CertificateCheckList lines={result.lines} />
      </div>
      {body ? (
        <>
          <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[10rem_minmax(0,1fr)]">
            <Fact name="depositor" label={t('depositor')}>
              {body.depositor.name}
            </Fact>
            <Fact name="issuer" label={t('issuer')}>
              {locale === 'en' ? body.issuer.nameEn : body.issuer.nameZh}
            </Fact>
            <Fact name="issued" label={t('issued')}>
              {t('timeValue', { time: formatCourtTime(body.issuedAt, locale) })}
            </Fact>
          </dl>
          <h4 className="text-lg font-bold">{t('depositsHeading', { count: body.deposits.length })}</h4>
          <ol className="space-y-4">
            {result.deposits.map(({ deposit, ok, lines, size }, i) => (
              <li
                key={deposit.id}
                className="border-t-2 border-slate-300 pt-3"
                data-testid="certified-deposit"
                data-deposit-id={deposit.id}
                data-deposit-check={ok ? 'ok' : 'failed'}
              >
                <h5 className="flex items-center gap-2 font-bold">
                  <span aria-hidden="true" className={ok ? 'text-[#00703c]' : 'text-seal-700'}>
                    {ok ? '✓' : '✗'}
                  </span>
                  <span className="min-w-0 break-words">{t('depositHeading', { n: i + 1 })}</span>
                  <span className="sr-only">{tc(ok ? 'state.passed' : 'state.failed')}</span>
                </h5>
                <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[10rem_minmax(0,1fr)]">
                  <Fact name="title" label={t('title')}>
                    {deposit.title ?? <span className="text-slate-700">{t('noTitle')}</span>}
                  </Fact>
                  {deposit.file ? (
                    <Fact name="file" label={t('file')}>
                      {t('fileValue', { name: deposit.file.name, size: formatBytes(deposit.file.size, locale) })}
                    </Fact>
                  ) : null}
                  <Fact name="deposit-id" label={t('id')}>
                    <code className="font-mono break-all" translate="no">
                      {deposit.id}
                    </code>
                  </Fact>
                  <Fact name="time" label={t('time')}>
                    {t('timeValue', { time: formatCourtTime(deposit.depositedAt, locale) })}
                  </Fact>
                  <Fact name="record" label={t('record')}>
                    {size === null
                      ? t('recordOnly', { record: deposit.leafIndex + 1 })
                      : t('recordValue', { record: deposit.leafIndex + 1, size })}
                  </Fact>
                  {body.version === 2 && 'witnessed' in deposit ? (
                    <Fact name="witnessed" label={t('witnessed')}>
                      <CertificateWitnessingText policy={body.witnessPolicy} witnessed={deposit.witnessed} />
                    </Fact>
                  ) : null}
                </dl>
                <dl className="mt-2">
                  {deposit.digests.sha256 ? <DigestText label="SHA-256" hex={deposit.digests.sha256} /> : null}
                  {deposit.digests.sm3 ? <DigestText label="SM3" hex={deposit.digests.sm3} /> : null}
                </dl>
                <div className="mt-2">
                  <h6 className="font-semibold">{t('depositChecks')}</h6>
                  <CertificateCheckList lines={lines} />
                </div>
              </li>
            ))}
          </ol>
          <p className="max-w-prose text-slate-700">{t('fileHint')}</p>
        </>
      ) : null}
    </div>
  );
}

function Fact({ name, label, children }: { name: string; label: string; children: ReactNode }) {
  return (
    <div className="contents" data-fact={name}>
      <dt className="font-semibold">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}
