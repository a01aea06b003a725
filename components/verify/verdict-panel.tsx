'use client';
import { useLocale, useTranslations } from 'next-intl';
import { type Ref, useId } from 'react';
import { AnchorNote } from '@/components/anchors/anchor-note';
import type { Decision } from '@/lib/verification/decide-verdict';
import { type SubjectKind, VerdictSummary, verdictValues } from './verdict-summary';
import { WitnessingNote } from './witnessing';

/**
 * Where a check's answer is shown: the verdict, and next to it what the verdict can be relied on
 * for. Consistent: what it shows (art. 16 of the Online Litigation Rules) and what it does not.
 * No deposit found: what is known (never deposited, or not the same bytes) and an invitation to
 * compare with the deposit named on the person's receipt; does not match (or an unknown ID): a
 * way to change that ID.
 *
 * The panel takes focus once the verdict is known (tabIndex −1; see verify-tool.tsx), so it is
 * a group named by the row's title and the verdict's word, which is what a screen reader says on
 * arrival (a group, not a region: many rows must not make many landmarks). Scrolled up to, it
 * leaves room above for the row's title, the file the verdict is about.
 */
export function VerdictPanel({
  decision,
  kind,
  titleId,
  panelRef,
  onInvite,
  verifierKey,
}: {
  decision: Decision;
  /** The log key this page pinned: the anchors of a consistent deposit are checked with it. */
  verifierKey?: string;
  kind: SubjectKind;
  titleId: string;
  panelRef?: Ref<HTMLElement>;
  /** Focuses the deposit ID field to compare this row with the deposit on a receipt. */
  onInvite?: () => void;
}) {
  const t = useTranslations('verify.verdict');
  const locale = useLocale();
  const wordId = useId();
  const { verdict, reason } = decision;
  const values = verdictValues(decision, kind, locale);
  const invite = verdict === 'not_found' && reason === 'no_deposit';
  const changeId = reason === 'unknown_deposit_id' || reason === 'digest_differs';
  // Who vouched comes right after the panel, not inside it: the panel (the verdict and what it
  // proves and what not) must fit a phone's window whole when it takes focus (verdict-in-view.spec;
  // with the note inside, the English panel overflowed 390x844 by 8%: CI run h1).
  const witnessing = verdict === 'consistent' ? decision.deposit?.witnessing : undefined;
  return (
    <>
      {/* biome-ignore lint/a11y/useSemanticElements: an answer, not form controls (fieldset); a group names it without a landmark per row */}
      <div
        ref={panelRef as Ref<HTMLDivElement>}
        role="group"
        tabIndex={-1}
        aria-labelledby={`${titleId} ${wordId}`}
        className="scroll-mt-28 scroll-mb-6 space-y-3 focus:outline-3 focus:outline-offset-4 focus:outline-focus"
        data-testid="verdict-panel"
      >
        <VerdictSummary decision={decision} kind={kind} wordId={wordId} />
        {verdict === 'consistent' ? (
          <div className="grid max-w-prose grid-cols-1 gap-3 text-slate-900" data-testid="verdict-limits">
            <div className="border-l-4 border-[#00703c] pl-3">
              <h4 className="font-bold">{t('proves')}</h4>
              <p className="break-words">{t('provesBody', values)}</p>
            </div>
            <div className="border-l-4 border-slate-500 pl-3">
              <h4 className="font-bold">{t('doesNotProve')}</h4>
              <p>{t('doesNotProveBody')}</p>
            </div>
          </div>
        ) : null}
        {(invite || changeId) && onInvite ? (
          <div className="max-w-prose space-y-2 pl-4" data-testid="verdict-invite">
            {invite ? <p>{t('inviteBody', values)}</p> : null}
            <button
              type="button"
              onClick={onInvite}
              className="border-2 border-slate-800 bg-white px-4 py-1.5 text-left font-semibold text-slate-900 hover:bg-slate-100"
            >
              {invite ? t('invite') : t('retryId')}
            </button>
          </div>
        ) : null}
      </div>
      {witnessing ? <WitnessingNote witnessing={witnessing} /> : null}
      {verdict === 'consistent' && decision.deposit?.status === 'sealed' && verifierKey ? (
        <AnchorNote depositId={decision.deposit.id} verifierKey={verifierKey} />
      ) : null}
    </>
  );
}
