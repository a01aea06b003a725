'use client';
/**
 * Where a deposit is anchored, checked in this browser: it reads the deposit's receipt
 * (GET /api/v1/deposits/{id}, which carries `anchor` when the log anchors), checks the anchored
 * checkpoint against the log key this page pinned, the RFC 3161 token, and — where the court
 * publishes a chain endpoint — the anchor on the chain by JSON-RPC (lib/anchor/check-deposit-anchor.ts).
 * Then says it in plain words: "anchored on <chain> in block N at <time>", "timestamped by <TSA>
 * at <time>: the deposit existed no later than this". Says nothing for a log that anchors nowhere.
 */
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { formatCourtTime } from '@/components/verify/format';
import type { AnchorState } from './check-anchor-of';

type State = { state: 'checking' } | AnchorState;

export function AnchorNote({ depositId, verifierKey }: { depositId: string; verifierKey: string }) {
  const t = useTranslations('anchors');
  const locale = useLocale();
  const [state, setState] = useState<State>({ state: 'checking' });
  useEffect(() => {
    let live = true;
    // The receipt's schema and the checks load after the page, when a verdict names a deposit.
    import('./check-anchor-of')
      .then(({ checkAnchorOf }) => checkAnchorOf(depositId, verifierKey))
      .then((next) => live && setState(next))
      .catch(
        (error: unknown) =>
          live && setState({ state: 'unavailable', message: String((error as Error)?.message ?? error) }),
      );
    return () => {
      live = false;
    };
  }, [depositId, verifierKey]);

  if (state.state === 'none') return null;
  if (state.state === 'checking') {
    return (
      <p className="text-sm text-slate-700" data-testid="anchors" data-state="checking">
        {t('checking')}
      </p>
    );
  }
  if (state.state === 'not_yet' || state.state === 'unavailable') {
    return (
      <p
        className="max-w-prose border-l-4 border-slate-400 pl-3 text-sm"
        data-testid="anchors"
        data-state={state.state}
      >
        {state.state === 'not_yet' ? t('notYet') : t('unavailable', { message: state.message })}
      </p>
    );
  }
  const { anchor, result } = state;
  const chainCheck = result.checks.find((c) => c.name === 'anchor_chain');
  const failed = result.checks.filter((c) => !c.ok);
  const time = (iso: string) => formatCourtTime(iso, locale);
  return (
    <div
      className={`max-w-prose border-l-4 pl-3 ${failed.length === 0 ? 'border-[#00703c]' : 'border-seal-700'}`}
      data-testid="anchors"
      data-state={failed.length === 0 ? 'checked' : 'failed'}
    >
      {result.facts.chain ? (
        <p className="break-words" data-testid="anchor-chain" data-checked={String(result.facts.chain.checked)}>
          <span className="font-bold">
            {t('chain', {
              chain: result.facts.chain.demo ? t('demoChainName') : result.facts.chain.name,
              block: result.facts.chain.blockNumber,
              time: time(result.facts.chain.at),
            })}
          </span>{' '}
          {chainCheck?.checked ? (chainCheck.ok ? t('chainChecked') : null) : t('chainNotChecked')}{' '}
          {result.facts.chain.demo ? <span className="text-seal-700">{t('chainDemo')}</span> : null}
        </p>
      ) : null}
      {result.facts.timestamp ? (
        <p className="break-words" data-testid="anchor-timestamp">
          <span className="font-bold">
            {t('timestamp', { tsa: result.facts.timestamp.tsa, time: time(result.facts.timestamp.at) })}
          </span>{' '}
          {result.facts.timestamp.demo ? <span className="text-seal-700">{t('timestampDemo')}</span> : null}
        </p>
      ) : null}
      {failed.map((c) => (
        <p key={c.name} role="alert" className="font-semibold break-words text-red-900" data-check={c.name}>
          {t('failed', { message: c.message })}
        </p>
      ))}
      <details className="text-sm text-slate-700">
        <summary className="cursor-pointer underline">{t('technicalDetails')}</summary>
        <div className="font-mono text-xs break-all" translate="no">
          {anchor.evm ? (
            <p>
              {t('technical.transaction', {
                hash: anchor.evm.transactionHash,
                contract: anchor.evm.contract,
                chainId: anchor.evm.chainId,
                blockHash: anchor.evm.blockHash,
              })}
            </p>
          ) : null}
          <p>
            {t('technical.checkpoint', {
              size: anchor.evm?.treeSize ?? anchor.timestamp?.treeSize ?? 0,
              from: anchor.consistency.from,
              to: anchor.consistency.to,
            })}
          </p>
          {anchor.timestamp ? (
            <p>
              {t('technical.tsa', {
                count: anchor.timestamp.certificates.length,
                root: anchor.timestamp.certificates.at(-1)?.split('\n')[1]?.slice(0, 32) ?? '',
              })}
            </p>
          ) : null}
          {result.checks.map((c) => (
            <p key={c.name} data-check={c.name} data-ok={String(c.ok)}>
              {c.name}: {c.message}
            </p>
          ))}
        </div>
      </details>
    </div>
  );
}
