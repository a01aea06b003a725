import { getLocale, getTranslations } from 'next-intl/server';
import { formatCourtTime } from '@/components/verify/format';
import type { PublicAlarm } from '@/lib/public-ledger/get-ledger-overview';

/**
 * A witness's refusal that shows another history, at the top of the public ledger page: plain
 * words first (what a witness saw, what it means, what to do), one line per alarm, the evidence
 * (both checkpoints, the proof, the witness's answer) in a technical-details disclosure.
 */
export async function LedgerAlarm({ total, alarms }: { total: number; alarms: PublicAlarm[] }) {
  const [t, locale] = await Promise.all([getTranslations('ledgerPage'), getLocale()]);
  const name = (a: PublicAlarm) => (locale.startsWith('en') && a.witness.nameEn ? a.witness.nameEn : a.witness.name);
  const pre = 'mt-1 max-w-full overflow-x-auto bg-white p-2 text-sm whitespace-pre-wrap break-all';
  return (
    <section
      role="alert"
      aria-labelledby="witness-alarm-heading"
      className="mb-8 border-4 border-seal-700 bg-[#fcefef] p-4 text-slate-900"
      data-testid="witness-alarm"
    >
      <h2 id="witness-alarm-heading" className="flex items-start gap-2 text-2xl font-bold text-seal-700">
        <span aria-hidden="true">⚠</span>
        <span>{t('alarm.heading')}</span>
      </h2>
      <p className="mt-2 max-w-prose text-lg font-semibold" data-testid="witness-alarm-lead">
        {t('alarm.lead', { total })}
      </p>
      <p className="mt-2 max-w-prose">{t('alarm.body')}</p>
      <ul className="mt-3 space-y-3">
        {alarms.map((a) => (
          <li key={a.id} className="border-t border-seal-700/40 pt-3" data-testid="witness-alarm-item">
            <p className="max-w-prose break-words">
              {t('alarm.line', {
                time: formatCourtTime(a.detectedAt, locale),
                name: name(a),
                what: t(`alarm.kinds.${a.kind}`),
              })}
            </p>
            <details className="mt-2">
              <summary className="cursor-pointer text-court-700 underline underline-offset-4">
                {t('technical.alarmSummary')}
              </summary>
              <p className="mt-2 text-sm break-words" translate="no">
                {t('technical.alarmFacts', {
                  kind: a.kind,
                  status: a.status,
                  size: a.checkpointSize,
                  old: a.oldSize,
                  count: a.proof.length,
                  witnessSize: a.witnessSize ?? '—',
                  id: a.id,
                })}
              </p>
              <p className="mt-2 font-semibold">{t('technical.alarmSent')}</p>
              <pre className={pre} translate="no">
                {a.checkpoint}
              </pre>
              <p className="mt-2 font-semibold">{t('technical.alarmHeld')}</p>
              <pre className={pre} translate="no">
                {a.witnessCheckpoint ?? t('technical.alarmHeldNone')}
              </pre>
              {a.proof.length > 0 ? (
                <>
                  <p className="mt-2 font-semibold">{t('technical.alarmProof')}</p>
                  <pre className={pre} translate="no">
                    {a.proof.join('\n')}
                  </pre>
                </>
              ) : null}
              <p className="mt-2 font-semibold">{t('technical.alarmAnswer')}</p>
              <pre className={pre} translate="no">
                {a.responseBody || '—'}
              </pre>
            </details>
          </li>
        ))}
      </ul>
      {total > alarms.length ? <p className="mt-3 text-sm">{t('alarm.more', { count: alarms.length })}</p> : null}
    </section>
  );
}
