'use client';
import { useLocale, useTranslations } from 'next-intl';
import { formatCourtTime } from '@/components/verify/format';
import type { CertificateLine } from './engine';

/**
 * Each check of a certificate in plain words with ✓ or ✗ (the shape and the word, never colour
 * alone); what each check established, in the reader's language with the technical terms, only
 * inside a "technical details" disclosure beneath the list. A failed check's detail is the
 * checker's own message, marked as English.
 */
export function CertificateCheckList({ lines }: { lines: readonly CertificateLine[] }) {
  const t = useTranslations('certificate.check');
  const locale = useLocale();
  const detail = (line: CertificateLine) => {
    if (!line.ok || !line.detail) return null;
    const { key, values } = line.detail;
    if (key === 'leaf') return t('detail.leaf', { ...values, time: formatCourtTime(values.time, locale) });
    if (key === 'cosignatures') {
      const names = values.by.map((v) => (locale === 'en' && v.nameEn ? v.nameEn : v.name));
      const { state, count, of, quorum } = values;
      return t('detail.cosignatures', { state, count, of, quorum, names: names.join(locale === 'en' ? ', ' : '、') });
    }
    return t(`detail.${key}`, values as Record<string, string | number>);
  };
  return (
    <>
      <ul className="mt-2 space-y-2" data-testid="certificate-checks">
        {lines.map((line) => (
          <li key={line.name} className="flex gap-2" data-check={line.name} data-state={line.ok ? 'passed' : 'failed'}>
            <span
              aria-hidden="true"
              className={`w-5 shrink-0 font-bold ${line.ok ? 'text-[#00703c]' : 'text-seal-700'}`}
            >
              {line.ok ? '✓' : '✗'}
            </span>
            <span className="min-w-0">
              <span className="sr-only">{t(line.ok ? 'state.passed' : 'state.failed')}: </span>
              <span className={line.ok ? undefined : 'font-semibold text-seal-700'}>{t(`name.${line.name}`)}</span>
            </span>
          </li>
        ))}
      </ul>
      <details className="mt-3" data-testid="certificate-check-details">
        <summary className="cursor-pointer text-court-700 underline underline-offset-4">
          {t('technicalHeading')}
        </summary>
        <dl className="mt-2 space-y-2 text-sm">
          {lines.map((line) => {
            const words = detail(line);
            return (
              <div key={line.name} data-check-detail={line.name}>
                <dt className="font-semibold">{t(`name.${line.name}`)}</dt>
                {words ? (
                  <dd className="break-words text-slate-800">{words}</dd>
                ) : (
                  <dd className="break-words text-slate-800">
                    {t('checkerSays')}{' '}
                    <span lang="en" translate="no">
                      {line.message}
                    </span>
                  </dd>
                )}
              </div>
            );
          })}
        </dl>
      </details>
    </>
  );
}
