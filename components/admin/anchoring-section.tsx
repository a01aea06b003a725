/**
 * The court settings page's section on anchoring (issue #19): where the evidence ledger is anchored
 * (the chain, the time-stamping authorities; "demo" when npm start runs them), how far, failures
 * being retried with their last error, and any alarm — the chain holding another root.
 */
import { getFormatter, getTranslations } from 'next-intl/server';
import type { AnchoringStatus } from '@/lib/anchor/get-anchoring-status';
import { COURT_TIME_ZONE } from '@/lib/i18n/config';

export async function AnchoringSection({ status }: { status: AnchoringStatus }) {
  const t = await getTranslations('anchors.admin');
  const ta = await getTranslations('anchors');
  const format = await getFormatter();
  const time = (d: Date) =>
    format.dateTime(new Date(d), { dateStyle: 'medium', timeStyle: 'medium', timeZone: COURT_TIME_ZONE });
  const failing = status.targets.filter((s) => s.failuresInRow > 0);
  return (
    <section aria-labelledby="anchoring-heading" className="mt-10" data-testid="anchoring-section">
      <h2 id="anchoring-heading" className="mb-2 text-2xl font-bold">
        {t('heading')}
      </h2>
      {!status.chain && !status.tsa ? (
        <p className="max-w-prose text-slate-700">{t('none')}</p>
      ) : (
        <dl className="grid max-w-prose grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[10rem_minmax(0,1fr)]">
          <dt className="font-semibold">{t('chain')}</dt>
          <dd className="break-words" data-testid="anchoring-chain">
            {status.chain
              ? t('chainValue', {
                  name: status.chain.demo ? ta('demoChainName') : status.chain.name,
                  chainId: status.chain.chainId,
                })
              : t('noChain')}
            {status.chain?.demo ? <span className="block text-seal-700">{t('demoChain')}</span> : null}
            {status.chain ? (
              <span className="block font-mono text-sm break-all" translate="no">
                {status.chain.contract} · {status.chain.rpcUrl}
              </span>
            ) : null}
          </dd>
          <dt className="font-semibold">{t('tsa')}</dt>
          <dd className="break-words">
            {status.tsa ? (
              <span className="font-mono text-sm break-all" translate="no">
                {status.tsa.urls.join(' · ')}
              </span>
            ) : (
              t('noTsa')
            )}
            {status.tsa?.demo ? <span className="block text-seal-700">{t('demoTsa')}</span> : null}
          </dd>
          <dt className="font-semibold">{t('schedule')}</dt>
          <dd>{t('scheduleValue', { seconds: status.intervalSeconds, records: status.everyLeaves })}</dd>
          <dt className="font-semibold">{t('newest')}</dt>
          <dd data-testid="anchoring-newest">
            {status.newest.evm
              ? t('newestChain', {
                  size: status.newest.evm.treeSize,
                  latest: status.latestSize,
                  block: status.newest.evm.blockNumber,
                  time: time(status.newest.evm.at),
                })
              : t('newestChainNone')}
            <br />
            {status.newest.rfc3161
              ? t('newestTimestamp', { size: status.newest.rfc3161.treeSize, time: time(status.newest.rfc3161.at) })
              : t('newestTimestampNone')}
          </dd>
        </dl>
      )}
      {failing.length > 0 ? (
        <div className="mt-4 border-l-8 border-[#8a6d00] bg-amber-50 p-4" data-testid="anchoring-failures">
          {failing.map((f) => (
            <p key={f.target} className="break-words">
              {t('failing', {
                target: f.target,
                count: f.failuresInRow,
                time: f.lastFailureAt ? time(f.lastFailureAt) : '',
                message: `${f.lastErrorCode ?? ''}: ${f.lastErrorMessage ?? ''}`,
              })}
            </p>
          ))}
        </div>
      ) : null}
      {status.alarms.length > 0 ? (
        <div role="alert" className="mt-6 border-l-8 border-red-700 bg-red-50 p-4" data-testid="anchor-alarms">
          <h3 className="mb-2 text-xl font-bold text-red-800">
            <span aria-hidden="true">⚠ </span>
            {t('alarmsHeading')}
          </h3>
          {status.alarms.map((a) => (
            <p key={`${a.contract}-${a.treeSize}-${a.chainRoot}`} className="font-mono text-sm break-all">
              {t('alarm', {
                chainId: a.chainId,
                contract: a.contract,
                size: a.treeSize,
                log: a.logRoot,
                chain: a.chainRoot,
                time: time(a.detectedAt),
              })}
            </p>
          ))}
        </div>
      ) : null}
    </section>
  );
}
