'use client';
import { useEffect, useState } from 'react';
import { type LedgerState, LedgerStatus, LedgerSummary } from '@/components/verify/ledger-status';

/**
 * The check /verify makes when it opens, made here too and sharing its memory: the ledger's current
 * signed state against the pinned log key, and consistency with the one this browser remembered
 * from an earlier visit to either page (lib/verification `checkLedger`, localStorage). A fork this
 * browser can prove is the /verify alarm (components/verify/ledger-status.tsx), at this spot; all
 * being well, one line says what was checked. Uses the `verify.ledger` messages (root provider).
 */
export function RememberedLedgerCheck({ verifierKey }: { verifierKey: string }) {
  const [ledger, setLedger] = useState<LedgerState>({ state: 'checking' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    void attempt;
    import('@/lib/verification/engine')
      .then(({ checkLedger, ledgerClient, localCheckpointStore }) =>
        checkLedger({ verifierKey, api: ledgerClient, store: localCheckpointStore() }),
      )
      .then(({ check }) => {
        if (live) setLedger(check);
      })
      .catch((error: unknown) => {
        if (live) setLedger({ state: 'unavailable', message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      live = false;
    };
  }, [verifierKey, attempt]);

  return (
    <div className="mt-4" data-testid="remembered-ledger-check" data-ledger={ledger.state}>
      <LedgerStatus
        ledger={ledger}
        onRetry={() => {
          setLedger({ state: 'checking' });
          setAttempt((n) => n + 1);
        }}
      />
      {ledger.state === 'ok' ? (
        <div className="text-slate-700">
          <LedgerSummary ledger={ledger} />
        </div>
      ) : null}
    </div>
  );
}
