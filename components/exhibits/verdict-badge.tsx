import { getTranslations } from 'next-intl/server';
import { VerdictIcon } from '@/components/verify/verdict-icon';
import type { Verdict } from '@/lib/verification/decide-verdict';

const TONE: Record<Verdict, string> = {
  consistent: 'border-green-800 bg-green-50 text-green-900',
  tampered: 'border-red-800 bg-red-50 text-red-900',
  not_found: 'border-amber-800 bg-amber-50 text-amber-950',
  pending: 'border-slate-700 bg-slate-50 text-slate-900',
  invalid_proof: 'border-red-800 bg-red-50 text-red-900',
};

/** The verdict as a word and an icon (never colour alone), with `data-verdict` for automated checks. */
export async function VerdictBadge({ verdict }: { verdict: Verdict }) {
  const t = await getTranslations('verify.verdict.word');
  return (
    <span
      data-verdict={verdict}
      className={`inline-flex items-center gap-1 border px-2 py-0.5 font-semibold whitespace-nowrap ${TONE[verdict]}`}
    >
      <VerdictIcon verdict={verdict} className="h-4 w-4" />
      {t(verdict)}
    </span>
  );
}
