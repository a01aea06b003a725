import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { DigestText } from '@/components/verify/digest-text';
import { formatCourtTime } from '@/components/verify/format';
import type { PublicDeposit } from '@/lib/public-ledger/public-deposit';

/**
 * Deposits as the public ledger page lists them (the newest, or what a search found): record N of
 * M, the time, the depositor organisation, the deposit ID and the digests whole, grouped by 8 with
 * a copy button, and a link to check the deposit on /verify (its proof is checked there, in the
 * browser). One card per deposit, so long names and digests wrap at 360 px.
 */
export async function DepositList({
  deposits,
  total,
  testId,
}: {
  deposits: PublicDeposit[];
  /** The ledger's size, for "record N of M". */
  total: number;
  testId: string;
}) {
  const [t, locale] = await Promise.all([getTranslations('ledgerPage.deposits'), getLocale()]);
  return (
    <ol className="space-y-4" data-testid={testId}>
      {deposits.map((d) => (
        <li
          key={d.id}
          className="border border-slate-300 bg-white p-4"
          data-testid="ledger-deposit"
          data-deposit-id={d.id}
        >
          <p className="text-lg font-semibold">
            {d.recordNumber === null
              ? t('pending')
              : t('record', { number: d.recordNumber, total: Math.max(total, d.recordNumber) })}
          </p>
          <dl className="mt-2 grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
            <dt className="font-semibold">{t('depositedAt')}</dt>
            <dd>{t('timeValue', { time: formatCourtTime(d.depositedAt, locale) })}</dd>
            <dt className="font-semibold">{t('depositor')}</dt>
            <dd className="break-words" data-testid="ledger-deposit-depositor">
              {d.depositor ?? '—'}
            </dd>
            <dt className="font-semibold">{t('depositId')}</dt>
            <dd>
              <code className="font-mono break-all" translate="no">
                {d.id}
              </code>
            </dd>
          </dl>
          {d.depositor === null ? <p className="mt-2 font-semibold text-seal-700">{t('unreadable')}</p> : null}
          {d.digests.sha256 || d.digests.sm3 ? (
            <dl className="mt-2">
              {d.digests.sha256 ? <DigestText label="SHA-256" hex={d.digests.sha256} /> : null}
              {d.digests.sm3 ? <DigestText label="SM3" hex={d.digests.sm3} /> : null}
            </dl>
          ) : null}
          <p className="mt-2">
            <Link
              href={`/verify?deposit=${d.id}`}
              className="text-court-700 underline underline-offset-4 hover:no-underline"
            >
              {t('verifyLink')}
            </Link>
          </p>
        </li>
      ))}
    </ol>
  );
}
