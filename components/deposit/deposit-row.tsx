'use client';
import { useLocale, useTranslations } from 'next-intl';
import { Field } from '@/components/ui/field';
import { DigestText } from '@/components/verify/digest-text';
import { formatBytes, formatCourtTime } from '@/components/verify/format';
import { HashProgress } from '@/components/verify/hash-progress';
import type { FileHashJob } from '@/lib/hashing/use-file-hashing';
import type { Receipt } from './deposit-action';

export type DepositState =
  | { state: 'idle' }
  | { state: 'depositing' }
  | { state: 'deposited'; receipt: Receipt }
  | { state: 'failed'; code: string; message: string };

const EXPLAINED_ERRORS = new Set(['FORBIDDEN', 'UNAUTHENTICATED', 'VALIDATION_FAILED']);

/** One file: hashing progress, its digests and title, then its receipt and download. */
export function DepositRow({
  job,
  title,
  titleError,
  deposit,
  onTitle,
  onCancel,
  onRemove,
  onDownload,
  onCertificate,
}: {
  job: FileHashJob;
  title: string;
  titleError?: string;
  deposit: DepositState;
  onTitle: (title: string) => void;
  onCancel: () => void;
  onRemove: () => void;
  onDownload: (receipt: Receipt) => void;
  onCertificate: (receipt: Receipt) => void;
}) {
  const t = useTranslations('deposit');
  const tHash = useTranslations('verify.result');
  const locale = useLocale();
  const name = job.name || t('file.unnamed');
  const titleId = `title-${job.id}`;
  const receipt = deposit.state === 'deposited' ? deposit.receipt : undefined;
  const editable = job.state === 'done' && (deposit.state === 'idle' || deposit.state === 'failed');
  const removable = deposit.state !== 'depositing' && deposit.state !== 'deposited' && job.state !== 'hashing';

  return (
    <li
      className="border-2 border-slate-300 p-4 sm:p-5"
      data-testid="deposit-row"
      data-file-name={job.name}
      data-hash-state={job.state}
      data-deposit-state={deposit.state}
    >
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <div className="min-w-0">
          <h3 className="text-xl font-bold break-words">{name}</h3>
          <p className="mt-1 text-sm text-slate-700">{formatBytes(job.totalBytes, locale)}</p>
        </div>
        {removable ? (
          <button
            type="button"
            onClick={onRemove}
            className="border-2 border-slate-800 bg-white px-3 py-1 font-semibold text-slate-900 hover:bg-slate-100"
          >
            {t('file.remove')}
            <span className="sr-only">{` — ${name}`}</span>
          </button>
        ) : null}
      </div>

      <div className="mt-4 space-y-4">
        {job.state === 'queued' || job.state === 'hashing' ? (
          <HashProgress job={job} name={name} onCancel={onCancel} />
        ) : null}
        {job.state === 'cancelled' ? <p className="font-semibold">{t('file.cancelled')}</p> : null}
        {job.state === 'error' ? (
          <div role="alert" className="border-l-4 border-seal-700 bg-[#fcefef] px-3 py-2" data-testid="hash-error">
            <p className="font-semibold text-seal-700">{tHash(`hashError.${job.error?.code ?? 'UNKNOWN'}`)}</p>
            <p className="text-sm">{tHash('technical', { message: job.error?.message ?? '' })}</p>
          </div>
        ) : null}

        {job.digests ? (
          <div>
            <h4 className="font-bold">{t('file.digests')}</h4>
            <dl>
              {job.digests.sha256 ? <DigestText label="SHA-256" hex={job.digests.sha256} /> : null}
              {job.digests.sm3 ? <DigestText label="SM3" hex={job.digests.sm3} /> : null}
            </dl>
          </div>
        ) : null}

        {job.state === 'done' && !receipt ? (
          <Field
            id={titleId}
            label={t('file.titleLabel')}
            labelExtra={name}
            hint={t('file.titleHint')}
            error={titleError}
          >
            {(control) => (
              <input
                {...control}
                type="text"
                value={title}
                onChange={(e) => onTitle(e.target.value)}
                disabled={!editable}
                autoComplete="off"
                className="block w-full max-w-xl border-2 border-slate-800 px-3 py-2 text-base disabled:bg-slate-100 aria-[invalid]:border-seal-700"
              />
            )}
          </Field>
        ) : null}

        {deposit.state === 'idle' && job.state === 'done' ? <p className="text-slate-700">{t('file.ready')}</p> : null}
        {deposit.state === 'depositing' ? <p className="font-semibold">{t('file.depositing')}</p> : null}
        {deposit.state === 'failed' ? (
          <div role="alert" className="border-l-4 border-seal-700 bg-[#fcefef] px-3 py-2" data-testid="deposit-error">
            <p className="font-semibold text-seal-700">
              {t(`errors.${EXPLAINED_ERRORS.has(deposit.code) ? deposit.code : 'UNKNOWN'}` as 'errors.UNKNOWN')}
            </p>
            <p className="text-sm break-words">{t('errors.technical', { message: deposit.message })}</p>
          </div>
        ) : null}

        {receipt ? (
          <ReceiptSummary
            receipt={receipt}
            name={name}
            title={title}
            onDownload={onDownload}
            onCertificate={onCertificate}
          />
        ) : null}
      </div>
    </li>
  );
}

function ReceiptSummary({
  receipt,
  name,
  title,
  onDownload,
  onCertificate,
}: {
  receipt: Receipt;
  name: string;
  title: string;
  onDownload: (receipt: Receipt) => void;
  onCertificate: (receipt: Receipt) => void;
}) {
  const t = useTranslations('deposit.receipt');
  const tg = useTranslations('glossary');
  const tc = useTranslations('depositCertificate');
  const locale = useLocale();
  return (
    <div
      className="border-l-8 border-court-700 bg-court-50 px-4 py-3"
      data-testid="receipt"
      data-deposit-id={receipt.id}
      data-receipt-status={receipt.status}
    >
      <h4 className="text-lg font-bold">✓ {t('heading')}</h4>
      <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[max-content_minmax(0,1fr)]">
        {title.trim() ? (
          <>
            <dt className="font-semibold">{t('title')}</dt>
            <dd className="break-words">{title.trim()}</dd>
          </>
        ) : null}
        <dt className="font-semibold">{t('id')}</dt>
        <dd className="font-mono break-all" translate="no" data-testid="receipt-id">
          {receipt.id}
        </dd>
        {receipt.status === 'sealed' ? (
          <>
            <dt className="font-semibold">{t('leafIndex')}</dt>
            <dd className="tabular-nums" data-testid="receipt-leaf-index" data-leaf-index={receipt.leafIndex}>
              {tg('recordOf', { n: receipt.leafIndex + 1, size: receipt.treeSize })}
            </dd>
          </>
        ) : null}
        <dt className="font-semibold">{t('depositedAt')}</dt>
        <dd>{t('courtTime', { time: formatCourtTime(receipt.depositedAt, locale) })}</dd>
        <dt className="font-semibold">{t('depositor')}</dt>
        <dd className="break-words">{receipt.depositor.name}</dd>
      </dl>
      <p className="mt-2 text-sm text-slate-700">
        {receipt.status === 'sealed' ? t('sealed', { size: receipt.treeSize }) : t('pending')}
      </p>
      {receipt.status === 'sealed' ? (
        <details className="mt-1 text-sm text-slate-700">
          <summary className="cursor-pointer underline">{tg('technicalDetails')}</summary>
          <p className="tabular-nums">{tg('technical.leafIndex', { index: receipt.leafIndex })}</p>
        </details>
      ) : null}
      <div className="mt-3 flex flex-wrap gap-3">
        <button
          type="button"
          onClick={() => onDownload(receipt)}
          className="border-2 border-slate-800 bg-white px-4 py-1.5 font-semibold text-slate-900 hover:bg-slate-100"
          data-testid="download-receipt"
        >
          {t('download')}
          <span className="sr-only">{` — ${name}`}</span>
        </button>
        <button
          type="button"
          onClick={() => onCertificate(receipt)}
          className="border-2 border-slate-800 bg-white px-4 py-1.5 font-semibold text-slate-900 hover:bg-slate-100"
          data-testid="download-certificate"
        >
          {tc('download')}
          <span className="sr-only">{` — ${name}`}</span>
        </button>
      </div>
    </div>
  );
}
