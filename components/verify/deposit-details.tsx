'use client';
import { useLocale, useTranslations } from 'next-intl';
import type { Algorithm } from '@/lib/hashing';
import type { CheckedDeposit, ProofStep } from '@/lib/verification/decide-verdict';
import { DigestText } from './digest-text';
import { formatCourtTime } from './format';
import { WitnessingDetails } from './witnessing';

const ALGORITHM_NAMES: Record<Algorithm, string> = { sha256: 'SHA-256', sm3: 'SM3' };

/** One deposit as recorded in its leaf, and each proof step this browser checked. */
export function DepositDetails({
  deposit,
  searched,
  headingLevel = 4,
}: {
  deposit: CheckedDeposit;
  /** Whether the deposit was found by a digest search (then the "records what was searched" step applies). */
  searched: boolean;
  headingLevel?: 3 | 4;
}) {
  const t = useTranslations('verify.deposit');
  const locale = useLocale();
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <section className="border-t border-slate-300 pt-3" data-testid="deposit" data-deposit-id={deposit.id}>
      <Heading className="text-lg font-bold">{t('heading')}</Heading>
      <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[12rem_minmax(0,1fr)]">
        <dt className="font-semibold">{t('id')}</dt>
        <dd className="font-mono break-all" translate="no" data-testid="deposit-id">
          {deposit.id}
        </dd>
        <dt className="font-semibold">{t('depositedAt')}</dt>
        <dd>{t('courtTime', { time: formatCourtTime(deposit.depositedAt, locale) })}</dd>
        <dt className="font-semibold">{t('depositor')}</dt>
        <dd className="break-words">{deposit.depositor.name}</dd>
        <dt className="font-semibold">{t('status')}</dt>
        <dd>
          {deposit.status === 'sealed'
            ? // Counted from 1 as people count (record 1 of 4); the zero-based leaf index stays in the proof.
              t('sealed', { number: (deposit.leafIndex ?? 0) + 1, size: deposit.checkpointSize ?? '?' })
            : t('pending')}
        </dd>
      </dl>
      <dl className="mt-2">
        {(['sha256', 'sm3'] as const).map((algorithm) => {
          const hex = deposit.recorded[algorithm];
          return hex ? (
            <DigestText key={algorithm} label={t('recorded', { algorithm: ALGORITHM_NAMES[algorithm] })} hex={hex} />
          ) : null;
        })}
        {deposit.titleSha256 ? <DigestText label={t('titleDigest')} hex={deposit.titleSha256} /> : null}
      </dl>
      <ProofSteps deposit={deposit} searched={searched} />
      {deposit.witnessing ? <WitnessingDetails witnessing={deposit.witnessing} /> : null}
    </section>
  );
}

function ProofSteps({ deposit, searched }: { deposit: CheckedDeposit; searched: boolean }) {
  const t = useTranslations('verify.proof');
  // In the order they are checked (lib/verification/check-receipt.ts, then check-deposit.ts).
  const steps: ProofStep[] = ['leaf', 'receipt', ...(searched ? (['search'] as const) : [])];
  if (deposit.status === 'sealed') steps.push('checkpoint', 'inclusion', 'consistency');
  const failedAt = deposit.proof.ok ? -1 : steps.indexOf(deposit.proof.step);
  return (
    <div className="mt-3">
      <p className="font-semibold">{t('heading')}</p>
      <ul className="mt-1 space-y-1" data-testid="proof-steps">
        {steps.map((step, i) => {
          const state = failedAt === -1 || i < failedAt ? 'passed' : i === failedAt ? 'failed' : 'skipped';
          return (
            <li key={step} className="flex gap-2" data-step={step} data-state={state}>
              <span
                aria-hidden="true"
                className={`w-5 shrink-0 font-bold ${state === 'passed' ? 'text-[#00703c]' : state === 'failed' ? 'text-seal-700' : 'text-slate-600'}`}
              >
                {state === 'passed' ? '✓' : state === 'failed' ? '✗' : '–'}
              </span>
              <span className="min-w-0">
                <span className="sr-only">{t(`state.${state}`)}: </span>
                {t(`step.${step}`, { size: deposit.checkpointSize ?? '?' })}
                {state === 'failed' && !deposit.proof.ok ? (
                  <span className="block text-sm text-seal-700">
                    {t('failedBecause', { reason: deposit.proof.message })}
                  </span>
                ) : null}
              </span>
            </li>
          );
        })}
        {deposit.status === 'pending' ? (
          <li className="flex gap-2">
            <span aria-hidden="true" className="w-5 shrink-0 font-bold text-slate-600">
              –
            </span>
            <span>{t('notSealed')}</span>
          </li>
        ) : null}
      </ul>
    </div>
  );
}
