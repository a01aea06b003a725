'use client';
import { useLocale, useTranslations } from 'next-intl';
import type { Decision, Verdict } from '@/lib/verification/decide-verdict';
import { formatCourtTime } from './format';
import { VerdictIcon } from './verdict-icon';

const STYLE: Record<Verdict, string> = {
  consistent: 'border-[#00703c] bg-[#eef7f1] text-[#005a30]',
  tampered: 'border-seal-700 bg-[#fcefef] text-seal-700',
  not_found: 'border-slate-600 bg-slate-100 text-slate-800',
  pending: 'border-[#8a6d00] bg-[#fff7db] text-[#5c4800]',
  invalid_proof: 'border-seal-700 bg-seal-700 text-white',
};

export type SubjectKind = 'file' | 'digest';

/** The values every verdict sentence may use (the deposit's ID, time in Beijing time, depositor). */
export function verdictValues(decision: Decision, kind: SubjectKind, locale: string) {
  const { deposit } = decision;
  return {
    id: deposit?.id ?? '',
    time: deposit ? formatCourtTime(deposit.depositedAt, locale) : '',
    depositor: deposit?.depositor.name ?? '',
    kind,
  };
}

/** The verdict in plain words first: icon, word and colour, then one sentence saying what it means. */
export function VerdictSummary({
  decision,
  kind,
  wordId,
}: {
  decision: Decision;
  kind: SubjectKind;
  /** The word's element id, for the panel that names itself by it. */
  wordId?: string;
}) {
  const t = useTranslations('verify.verdict');
  const locale = useLocale();
  const { verdict, reason } = decision;
  return (
    <div className={`border-l-8 px-4 py-3 ${STYLE[verdict]}`} data-testid="verdict">
      <p className="flex items-center gap-2 text-2xl font-bold">
        <VerdictIcon verdict={verdict} />
        <span id={wordId} data-testid="verdict-word">
          {t(`word.${verdict}`)}
        </span>
      </p>
      <p className="mt-1 max-w-prose text-base font-medium break-words" data-testid="verdict-sentence">
        {t(`reason.${reason}`, verdictValues(decision, kind, locale))}
      </p>
    </div>
  );
}
