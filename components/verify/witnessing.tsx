'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useId } from 'react';
import type { PolicyChange, WitnessPolicyCheck } from '@/lib/verification/witness-policy';
import type { Voucher, Witnessing } from '@/lib/verification/witnessed-by';
import { formatCourtTime } from './format';

/** Institutions' names as the page's language reads them: English names when present, joined. */
export function useVoucherNames(): (vouchers: readonly Voucher[]) => string {
  const locale = useLocale();
  const english = locale.startsWith('en');
  // Chinese lists names with the enumeration comma (示范公证处、示范司法鉴定中心).
  return (vouchers) => vouchers.map((v) => (english ? (v.nameEn ?? v.name) : v.name)).join(english ? ', ' : '、');
}

/**
 * Who vouched for the deposit's signed state, in plain words beside the verdict: "witnessed by
 * k of n institutions: names", or "not yet witnessed" and what that means. Decided in this
 * browser from the witnesses' signatures (lib/verification/witnessed-by.ts).
 */
export function WitnessingNote({ witnessing }: { witnessing: Witnessing }) {
  const t = useTranslations('vouched');
  const names = useVoucherNames();
  const witnessed = witnessing.state === 'witnessed';
  return (
    <div
      className={`max-w-prose border-l-4 pl-3 ${witnessed ? 'border-[#00703c]' : 'border-[#8a6d00]'}`}
      data-testid="witnessing"
      data-state={witnessing.state}
    >
      <p className="font-bold break-words" data-testid="witnessing-words">
        {witnessed
          ? t('witnessed', { count: witnessing.by.length, of: witnessing.of, names: names(witnessing.by) })
          : t('notWitnessed')}
      </p>
      <p className="break-words">{witnessed ? t('witnessedBody') : t('notWitnessedBody')}</p>
    </div>
  );
}

/** For the technical details: whose signatures counted, and any that did not count and why. */
export function WitnessingDetails({
  witnessing,
  signatures = true,
}: {
  witnessing: Witnessing;
  /** Whose signatures counted (left out where the sentence before already names them). */
  signatures?: boolean;
}) {
  const t = useTranslations('vouched');
  const names = useVoucherNames();
  return (
    <div className="mt-2 text-sm break-words" data-testid="witnessing-details">
      {signatures ? (
        <p>{t('signatureLine', { names: witnessing.by.length > 0 ? names(witnessing.by) : t('noneSigned') })}</p>
      ) : null}
      {witnessing.state === 'not_witnessed' && witnessing.by.length > 0 ? (
        <p>{t('soFar', { names: names(witnessing.by), quorum: witnessing.quorum })}</p>
      ) : null}
      {witnessing.problems.length > 0 ? (
        <ul className="mt-1 list-disc pl-5" data-testid="witnessing-problems">
          {witnessing.problems.map((p) => (
            <li key={`${p.kind}-${p.witness}-${p.message}`} data-kind={p.kind}>
              {t('notCounted', { witness: p.witness || '?', message: p.message })}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * The log serves another witness policy than the one this browser pinned: said in plain words,
 * with what changed; the pinned list stays in force until the person chooses to trust the new one.
 */
export function WitnessPolicyStatus({
  check,
  onAccept,
  accepted,
  headingLevel = 2,
}: {
  check: WitnessPolicyCheck | undefined;
  onAccept: () => void;
  accepted?: boolean;
  /** Its title's level where it is shown (2 on /verify, deeper inside an exhibit's section). */
  headingLevel?: 2 | 3 | 4;
}) {
  const Heading = `h${headingLevel}` as const;
  const t = useTranslations('vouched');
  const locale = useLocale();
  const names = useVoucherNames();
  const titleId = useId();
  if (accepted) {
    return (
      <p role="status" className="mb-8 max-w-prose border-l-4 border-slate-600 bg-slate-100 px-3 py-2">
        {t('accepted')}
      </p>
    );
  }
  if (check?.state !== 'changed') return null;
  const line = (change: PolicyChange) => {
    switch (change.kind) {
      case 'quorum':
        return t('change.quorum', { from: change.from, to: change.to });
      case 'renamed':
        return t('change.renamed', { from: names([change.from]), to: names([change.to]) });
      default:
        return t(`change.${change.kind}`, { name: names([change.witness]) });
    }
  };
  return (
    <section
      aria-labelledby={titleId}
      className="mb-8 max-w-prose border-4 border-[#8a6d00] bg-[#fff7db] p-4 text-slate-900"
      data-testid="witness-policy-changed"
    >
      <Heading id={titleId} className="flex items-center gap-2 text-xl font-bold">
        <span aria-hidden="true">⚠</span>
        {t('changedTitle')}
      </Heading>
      <p className="mt-2 break-words">{t('changedBody', { time: formatCourtTime(check.pinned.seenAt, locale) })}</p>
      <p className="mt-2 font-semibold">{t('changedList')}</p>
      <ul className="mt-1 list-disc pl-5 break-words">
        {check.changes.map((change) => (
          <li key={JSON.stringify(change)}>{line(change)}</li>
        ))}
      </ul>
      <p className="mt-2 font-semibold">{t('changedAdvice')}</p>
      <button
        type="button"
        onClick={onAccept}
        className="mt-3 border-2 border-slate-800 bg-white px-3 py-1 font-semibold"
        data-testid="witness-policy-accept"
      >
        {t('accept')}
      </button>
    </section>
  );
}

/** For the technical details: the pinned list, and who vouched for the ledger's current signed state. */
export function WitnessPolicySummary({
  check,
  current,
}: {
  check: WitnessPolicyCheck | undefined;
  current?: Witnessing;
}) {
  const t = useTranslations('vouched');
  const locale = useLocale();
  const names = useVoucherNames();
  if (!check || check.state === 'none') return null;
  const pinned = check.pinned;
  return (
    <div className="max-w-prose space-y-1 break-words" data-testid="witness-policy" data-state={check.state}>
      {check.state === 'unavailable' ? <p>{t('policyUnavailable', { message: check.message })}</p> : null}
      {pinned ? (
        <p>
          {check.state === 'pinned' && check.first
            ? t('policyFirst', {
                names: names(pinned.policy.witnesses),
                quorum: pinned.policy.quorum,
              })
            : t('policy', {
                time: formatCourtTime(pinned.seenAt, locale),
                names: names(pinned.policy.witnesses),
                quorum: pinned.policy.quorum,
              })}
        </p>
      ) : null}
      {current ? (
        <p data-testid="ledger-witnessing" data-state={current.state}>
          {current.state === 'witnessed'
            ? t('ledgerWitnessed', { count: current.by.length, of: current.of, names: names(current.by) })
            : t('ledgerNotWitnessed', { quorum: current.quorum, of: current.of })}
        </p>
      ) : null}
      {current ? <WitnessingDetails witnessing={current} signatures={false} /> : null}
    </div>
  );
}
