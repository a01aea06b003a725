import Link from 'next/link';
import { useTranslations } from 'next-intl';

export type ResetLinkProblemReason = 'LINK_EXPIRED' | 'LINK_USED' | 'LINK_INVALID';

export function isResetLinkProblem(value: unknown): value is ResetLinkProblemReason {
  return value === 'LINK_EXPIRED' || value === 'LINK_USED' || value === 'LINK_INVALID';
}

/** Why a password-reset link does not work, and the one way on: ask for a new one. */
export function ResetLinkProblem({ reason }: { reason: ResetLinkProblemReason }) {
  const t = useTranslations('passwordReset.problem');
  return (
    <section aria-labelledby="reset-problem-heading" data-testid="reset-link-problem" data-reason={reason}>
      <h1 id="reset-problem-heading" className="mb-4 text-3xl font-bold">
        {t(`${reason}.heading`)}
      </h1>
      <p className="mb-6 max-w-prose text-lg">{t(`${reason}.body`)}</p>
      <Link href="/forgot-password" className="text-lg text-court-700 underline underline-offset-4">
        {t('askAgain')}
      </Link>
    </section>
  );
}
