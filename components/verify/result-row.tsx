'use client';
import { useLocale, useTranslations } from 'next-intl';
import { type Ref, useId } from 'react';
import { AnchorNote } from '@/components/anchors/anchor-note';
import type { Digests } from '@/lib/hashing';
import type { FileHashJob } from '@/lib/hashing/use-file-hashing';
import type { CheckedDeposit } from '@/lib/verification/decide-verdict';
import type { Verification } from '@/lib/verification/verify-subject';
import { DepositDetails } from './deposit-details';
import { DigestText } from './digest-text';
import { formatBytes, formatCourtTime } from './format';
import { HashProgress } from './hash-progress';
import { VerdictPanel } from './verdict-panel';
import { WitnessingNote } from './witnessing';

export type RowCheck =
  | { state: 'waiting' }
  | { state: 'checking' }
  | { state: 'verified'; verification: Verification }
  | { state: 'looked_up'; deposit: CheckedDeposit | null }
  | { state: 'failed'; message: string };

export type RowSubject = { kind: 'file'; jobId: string } | { kind: 'digest'; hex: string } | { kind: 'deposit' };

export interface Row {
  key: string;
  subject: RowSubject;
  depositId?: string;
  check: RowCheck;
}

/** One file, digest or deposit ID, from progress to verdict and details. */
export function ResultRow({
  row,
  job,
  onCancel,
  onRetry,
  onInvite,
  panelRef,
  verifierKey,
}: {
  row: Row;
  /** The log key this page pinned (anchors are checked with it). */
  verifierKey?: string;
  job?: FileHashJob;
  onCancel: () => void;
  onRetry: () => void;
  /** Focuses the deposit ID field to compare this row with one deposit (absent for a deposit lookup). */
  onInvite?: () => void;
  /** The element that takes focus once the answer is known: the verdict panel, or the lookup's answer. */
  panelRef?: Ref<HTMLElement>;
}) {
  const t = useTranslations('verify.result');
  const locale = useLocale();
  const titleId = useId();
  const { subject, check } = row;
  const verification = check.state === 'verified' ? check.verification : undefined;
  const verdict = verification?.decision.verdict;
  const digests: Digests | undefined = subject.kind === 'file' ? job?.digests : undefined;
  const comparing = verdict === 'tampered' ? verification?.decision.deposit : undefined;
  const title =
    subject.kind === 'file'
      ? job?.name || t('unnamedFile')
      : subject.kind === 'digest'
        ? t('digestTitle')
        : t('depositTitle');

  return (
    <li
      className="border-2 border-slate-300 p-4 sm:p-5"
      data-testid="verify-result"
      data-kind={subject.kind}
      data-verdict={verdict}
      data-hash-state={job?.state}
      data-check-state={check.state}
    >
      <h3 id={titleId} className="text-xl font-bold break-words">
        {title}
      </h3>
      <p className="mt-1 text-sm text-slate-700">
        {job ? formatBytes(job.totalBytes, locale) : null}
        {job && row.depositId ? ' · ' : null}
        {row.depositId ? (
          <>
            {t('againstDeposit')} <span className="font-mono break-all">{row.depositId}</span>
          </>
        ) : null}
      </p>

      <div className="mt-4 space-y-4">
        {job && (job.state === 'queued' || job.state === 'hashing') ? (
          <HashProgress job={job} name={title} onCancel={onCancel} />
        ) : null}
        {job?.state === 'cancelled' ? (
          <p className="font-semibold" data-testid="row-cancelled">
            {t('cancelled')}
          </p>
        ) : null}
        {job?.state === 'error' ? (
          <div role="alert" className="border-l-4 border-seal-700 bg-[#fcefef] px-3 py-2" data-testid="row-error">
            <p className="font-semibold text-seal-700">{t(`hashError.${job.error?.code ?? 'UNKNOWN'}`)}</p>
            <p className="text-sm">{t('technical', { message: job.error?.message ?? '' })}</p>
          </div>
        ) : null}

        {verification ? (
          <VerdictPanel
            decision={verification.decision}
            kind={subject.kind === 'file' ? 'file' : 'digest'}
            titleId={titleId}
            panelRef={panelRef}
            onInvite={onInvite}
            verifierKey={verifierKey}
          />
        ) : null}
        {check.state === 'checking' ? <p className="font-semibold">{t('checking')}</p> : null}
        {check.state === 'failed' ? (
          <div role="alert" className="border-l-4 border-[#8a6d00] bg-[#fff7db] px-3 py-2" data-testid="row-failed">
            <p className="font-semibold">{t('checkFailed')}</p>
            <p className="text-sm">{t('technical', { message: check.message })}</p>
          </div>
        ) : null}
        {check.state === 'failed' || verdict === 'pending' ? (
          <button
            type="button"
            onClick={onRetry}
            className="border-2 border-slate-800 bg-white px-4 py-1.5 font-semibold"
          >
            {t('checkAgain')}
          </button>
        ) : null}

        {/* When the file does not match a named deposit, the comparison below shows its digests beside the recorded ones. */}
        {!comparing && (digests?.sha256 || digests?.sm3 || subject.kind === 'digest') ? (
          <div>
            <h4 className="font-bold">{subject.kind === 'file' ? t('fileDigests') : t('enteredDigest')}</h4>
            <dl>
              {subject.kind === 'digest' ? <DigestText label={t('digestLabel')} hex={subject.hex} /> : null}
              {digests?.sha256 ? <DigestText label="SHA-256" hex={digests.sha256} /> : null}
              {digests?.sm3 ? <DigestText label="SM3" hex={digests.sm3} /> : null}
            </dl>
          </div>
        ) : null}

        {verification && verification.decision.verdict === 'tampered' && verification.decision.deposit ? (
          <Comparison
            deposit={verification.decision.deposit}
            job={job}
            digests={digests}
            hex={subject.kind === 'digest' ? subject.hex : undefined}
          />
        ) : null}

        {verification && verification.deposits.length > 0 ? (
          <details className="border-t border-slate-300 pt-3" data-testid="details">
            <summary className="cursor-pointer text-lg text-court-700 underline underline-offset-4">
              {t('details', { count: verification.deposits.length })}
            </summary>
            <div className="mt-3 space-y-4">
              {verification.deposits.map((deposit) => (
                <DepositDetails key={deposit.id} deposit={deposit} searched={!row.depositId} />
              ))}
            </div>
          </details>
        ) : null}

        {check.state === 'looked_up' ? (
          check.deposit ? (
            // biome-ignore lint/a11y/useSemanticElements: an answer, not form controls (fieldset); a group names it without a landmark per row
            <div
              ref={panelRef as Ref<HTMLDivElement>}
              role="group"
              tabIndex={-1}
              aria-labelledby={titleId}
              className="scroll-my-6 focus:outline-3 focus:outline-offset-4 focus:outline-focus"
              data-testid="lookup"
              data-proof={check.deposit.proof.ok ? 'ok' : 'failed'}
            >
              <p className="max-w-prose font-semibold">
                {check.deposit.proof.ok ? t('lookupFound') : t('lookupProofFailed')}
              </p>
              {check.deposit.proof.ok && check.deposit.witnessing ? (
                <div className="mt-3">
                  <WitnessingNote witnessing={check.deposit.witnessing} />
                </div>
              ) : null}
              {check.deposit.proof.ok && check.deposit.status === 'sealed' && verifierKey ? (
                <div className="mt-3">
                  <AnchorNote depositId={check.deposit.id} verifierKey={verifierKey} />
                </div>
              ) : null}
              <div className="mt-3">
                <DepositDetails deposit={check.deposit} searched={false} />
              </div>
            </div>
          ) : (
            <p
              ref={panelRef as Ref<HTMLParagraphElement>}
              tabIndex={-1}
              className="scroll-my-6 font-semibold break-words focus:outline-3 focus:outline-offset-4 focus:outline-focus"
              data-testid="lookup"
              data-proof="none"
            >
              {t('lookupNotFound', { id: row.depositId ?? '' })}
            </p>
          )
        ) : null}
      </div>
      {job?.lastModified && job.state === 'done' ? (
        <p className="mt-3 text-sm text-slate-700">
          {t('lastModified', { time: formatCourtTime(new Date(job.lastModified).toISOString(), locale) })}
        </p>
      ) : null}
    </li>
  );
}

/** What can be compared when a file is not the named deposit's: digests side by side, time and depositor. */
function Comparison({
  deposit,
  job,
  digests,
  hex,
}: {
  deposit: CheckedDeposit;
  job?: FileHashJob;
  digests?: Digests;
  hex?: string;
}) {
  const t = useTranslations('verify.compare');
  const locale = useLocale();
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2" data-testid="comparison">
      <section className="border border-slate-400 p-3">
        <h4 className="font-bold">{hex ? t('enteredHeading') : t('fileHeading')}</h4>
        <dl className="mt-2">
          {job ? (
            <>
              <div className="py-1">
                <dt className="font-semibold">{t('name')}</dt>
                <dd className="break-words">{job.name}</dd>
              </div>
              <div className="py-1">
                <dt className="font-semibold">{t('size')}</dt>
                <dd>{formatBytes(job.totalBytes, locale)}</dd>
              </div>
            </>
          ) : null}
          {hex ? <DigestText label={t('digest')} hex={hex} differs /> : null}
          {digests?.sha256 ? (
            <DigestText label="SHA-256" hex={digests.sha256} differs={deposit.recorded.sha256 !== digests.sha256} />
          ) : null}
          {digests?.sm3 ? (
            <DigestText label="SM3" hex={digests.sm3} differs={deposit.recorded.sm3 !== digests.sm3} />
          ) : null}
        </dl>
      </section>
      <section className="border border-slate-400 p-3">
        <h4 className="font-bold">{t('depositHeading')}</h4>
        <dl className="mt-2">
          <div className="py-1">
            <dt className="font-semibold">{t('depositedAt')}</dt>
            <dd>{t('courtTime', { time: formatCourtTime(deposit.depositedAt, locale) })}</dd>
          </div>
          <div className="py-1">
            <dt className="font-semibold">{t('depositor')}</dt>
            <dd className="break-words">{deposit.depositor.name}</dd>
          </div>
          {deposit.recorded.sha256 ? <DigestText label={t('recordedSha256')} hex={deposit.recorded.sha256} /> : null}
          {deposit.recorded.sm3 ? <DigestText label={t('recordedSm3')} hex={deposit.recorded.sm3} /> : null}
        </dl>
        <p className="mt-2 text-sm text-slate-700">{t('noNames')}</p>
      </section>
    </div>
  );
}
