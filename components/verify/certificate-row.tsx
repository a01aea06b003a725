'use client';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { CertificateFacts } from '@/components/certificate-check/certificate-facts';
import { CertificateCheckList } from '@/components/certificate-check/check-list';
import { DepositCertificateResultView } from '@/components/certificate-check/deposit-certificate-result';
import type { DepositCertificateResult } from '@/components/certificate-check/deposit-check';
import type { CertificateLine } from '@/components/certificate-check/engine';
import type { CertificateBody } from '@/lib/certificates/format/certificate-body';
import { formatBytes } from './format';

/** A certificate dropped on /verify: read, then (once the files dropped with it are hashed) checked. */
export interface CertificateRowData {
  key: string;
  name: string;
  size: number;
  /** The signed JSON (null when a certificate PDF's attachment could not be read). */
  json: Uint8Array | null;
  /** The `attachment` line, for a PDF. */
  attachment?: CertificateLine;
  /** Hashing jobs of the files dropped with it, and of the files already in the list. */
  droppedWith: string[];
  earlier: string[];
  result?:
    | {
        kind: 'verification';
        ok: boolean;
        lines: CertificateLine[];
        body: CertificateBody | null;
        original: string | null;
      }
    | ({ kind: 'deposit' } & DepositCertificateResult);
}

export function CertificateRow({ row }: { row: CertificateRowData }) {
  const locale = useLocale();
  const { result } = row;
  return (
    <li
      className="border-2 border-slate-300 p-4 sm:p-5"
      data-testid="verify-result"
      data-kind="certificate"
      data-check-state={result ? 'checked' : 'checking'}
      data-certificate-check={result ? (result.ok ? 'ok' : 'failed') : undefined}
      data-certificate-kind={result?.kind}
    >
      <h3 className="text-xl font-bold break-words">{row.name}</h3>
      <p className="mt-1 text-sm text-slate-700">{formatBytes(row.size, locale)}</p>
      {result?.kind === 'deposit' ? (
        <div className="mt-4">
          <DepositCertificateResultView result={result} />
        </div>
      ) : (
        <VerificationCertificateResult row={row} />
      )}
    </li>
  );
}

/** A verification certificate's result (or the wait before it is checked). */
function VerificationCertificateResult({ row }: { row: CertificateRowData }) {
  const t = useTranslations('certificate');
  const result = row.result?.kind === 'verification' ? row.result : undefined;
  const failed = result ? result.lines.filter((l) => !l.ok).length : 0;
  return (
    <div className="mt-4 space-y-4">
      {!result ? <p className="font-semibold">{t('verifyRow.waiting')}</p> : null}
      {result ? (
        <div
          className={`border-l-8 px-4 py-3 ${result.ok ? 'border-[#00703c] bg-[#eef7f1] text-[#005a30]' : 'border-seal-700 bg-[#fcefef] text-seal-700'}`}
          data-testid="certificate-summary"
        >
          <p className="flex items-center gap-2 text-xl font-bold">
            <span aria-hidden="true">{result.ok ? '✓' : '✗'}</span>
            {result.ok && result.body ? t('verifyRow.ok', { number: result.body.number }) : t('verifyRow.failed')}
          </p>
          {!result.ok ? <p className="mt-1 font-medium">{t('check.failed', { count: failed })}</p> : null}
        </div>
      ) : null}
      {result?.original ? (
        <p data-testid="certificate-original">{t('verifyRow.comparedWith', { name: result.original })}</p>
      ) : result?.body ? (
        <p className="text-slate-700">{t('verifyRow.noOriginal')}</p>
      ) : null}
      {result ? (
        <div>
          <h4 className="font-bold">{t('check.heading')}</h4>
          <CertificateCheckList lines={result.lines} />
        </div>
      ) : null}
      {result?.body ? (
        <>
          <p>
            <Link
              href={`/certificates/${result.body.id}`}
              prefetch={false}
              className="text-court-700 underline underline-offset-4"
            >
              {t('verifyRow.openPage', { number: result.body.number })}
            </Link>
          </p>
          <div className="border-t border-slate-300 pt-3">
            <CertificateFacts body={result.body} headingLevel={4} title={t('verifyRow.facts')} />
          </div>
        </>
      ) : null}
    </div>
  );
}
