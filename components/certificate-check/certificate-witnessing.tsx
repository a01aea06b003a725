'use client';
import { useLocale, useTranslations } from 'next-intl';
import type { CertificateWitnessed, CertificateWitnessPolicy } from '@/lib/certificates/format/certificate-witnessing';

/**
 * Who vouched, as a certificate states it (body version 2, issue #18): "已由 3 家机构中的 2 家见证：
 * 示范公证处、示范司法鉴定中心" (English names on an English page), or that the deposit was not yet
 * witnessed when the certificate was issued — the words the PDF prints and the receipt check uses
 * (messages `vouched`, `certificate.witnessing`). What the signatures show is the check list's
 * `cosignatures` line.
 */
export function CertificateWitnessingText({
  policy,
  witnessed,
}: {
  policy: CertificateWitnessPolicy;
  witnessed: CertificateWitnessed;
}) {
  const tv = useTranslations('vouched');
  const t = useTranslations('certificate.witnessing');
  const locale = useLocale();
  const of = policy.witnesses.length;
  if (witnessed === null) return <>{t('notYet', { of, quorum: policy.quorum })}</>;
  const names = witnessed.by.map((name) => {
    const w = policy.witnesses.find((x) => x.name === name);
    return locale === 'en' && w?.nameEn ? w.nameEn : name;
  });
  return <>{tv('witnessed', { of, count: names.length, names: names.join(locale === 'en' ? ', ' : '、') })}</>;
}
