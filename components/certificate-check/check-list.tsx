'use client';
import { useTranslations } from 'next-intl';
import type { CertificateLine } from './engine';

/**
 * Each check of a certificate, in plain words with ✓ or ✗ (the shape and the word, never colour
 * alone), and the checker's own message beneath it for anyone who wants the detail.
 */
export function CertificateCheckList({ lines }: { lines: readonly CertificateLine[] }) {
  const t = useTranslations('certificate.check');
  return (
    <ul className="mt-2 space-y-2" data-testid="certificate-checks">
      {lines.map((line) => (
        <li key={line.name} className="flex gap-2" data-check={line.name} data-state={line.ok ? 'passed' : 'failed'}>
          <span aria-hidden="true" className={`w-5 shrink-0 font-bold ${line.ok ? 'text-[#00703c]' : 'text-seal-700'}`}>
            {line.ok ? '✓' : '✗'}
          </span>
          <span className="min-w-0">
            <span className="sr-only">{t(line.ok ? 'state.passed' : 'state.failed')}: </span>
            <span className={line.ok ? undefined : 'font-semibold text-seal-700'}>{t(`name.${line.name}`)}</span>
            <span className="block text-sm break-words text-slate-700">
              {t('technical', { message: line.message })}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}
