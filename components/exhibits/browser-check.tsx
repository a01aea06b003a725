'use client';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { recordBrowserVerificationAction } from '@/app/(portal)/cases/[caseId]/actions';
/**
 * The exhibit page's checks that run in the viewer's own browser, trusting the server for
 * nothing but bytes:
 *
 * - the ledger proof: the deposit's receipt is fetched from the public ledger API and its
 *   checkpoint signature (against the log key pinned in the page), inclusion proof and
 *   consistency with checkpoints this browser saw before are checked here;
 * - "re-verify in my browser" (judges): the stored file is downloaded and hashed in this
 *   browser's workers; the digests are compared with the record and with the ledger here, and
 *   the verification is recorded in the history.
 */
import { AnchorNote } from '@/components/anchors/anchor-note';
import { formatBytes } from '@/components/verify/format';
import { HashProgress } from '@/components/verify/hash-progress';
import { WitnessingDetails, WitnessingNote, WitnessPolicyStatus } from '@/components/verify/witnessing';
import { useFileHashing } from '@/lib/hashing/use-file-hashing';
import { isLedgerSuspect } from '@/lib/verification/ledger-suspect';
import type { Verification } from '@/lib/verification/verify-subject';
import type { WitnessPolicyCheck } from '@/lib/verification/witness-policy';

const loadEngine = () => import('@/lib/verification/engine');

interface Digests {
  sha256: string;
  sm3: string;
}

type ProofState =
  | { state: 'checking' }
  | { state: 'done'; verification: Verification; ledger: string; witnesses: WitnessPolicyCheck }
  | { state: 'failed'; message: string };

/**
 * The ledger's check, the witness policy pinned in this browser (as on /verify: a changed one is
 * flagged and the pinned one stays in force), then the deposit's proof and who cosigned it.
 */
async function checkInBrowser(verifierKey: string, digests: Digests, depositId: string | null) {
  const engine = await loadEngine();
  const { checkLedger, ledgerClient, localCheckpointStore, verifySubject } = engine;
  const [{ check, memory }, witnesses] = await Promise.all([
    checkLedger({ verifierKey, api: ledgerClient, store: localCheckpointStore() }),
    engine.checkWitnessPolicy({ fetchPolicy: engine.fetchWitnessPolicy, store: engine.localWitnessPolicyStore() }),
  ]);
  if (!memory) throw new Error(check.state === 'unavailable' ? check.message : check.state);
  const verification = await verifySubject({ kind: 'file', digests }, depositId ?? undefined, {
    api: ledgerClient,
    memory,
    ledgerSuspect: isLedgerSuspect(check),
    witnesses: engine.policyInForce(witnesses),
  });
  return { verification, ledger: check.state, witnesses };
}

/** The proof of the exhibit's recorded digests, checked in this browser. */
export function ProofCheck({
  verifierKey,
  digests,
  depositId,
}: {
  verifierKey: string;
  digests: Digests;
  depositId: string | null;
}) {
  const t = useTranslations('exhibits.browser');
  const tg = useTranslations('glossary');
  const tv = useTranslations('verify.verdict.word');
  const [proof, setProof] = useState<ProofState>({ state: 'checking' });
  const [accepted, setAccepted] = useState(false);
  const [run, setRun] = useState(0);
  useEffect(() => {
    let live = true;
    void run; // checked again once the person trusted a new list of witnesses (accept below)
    checkInBrowser(verifierKey, digests, depositId)
      .then((r) => live && setProof({ state: 'done', ...r }))
      .catch(
        (e: unknown) => live && setProof({ state: 'failed', message: e instanceof Error ? e.message : String(e) }),
      );
    return () => {
      live = false;
    };
  }, [verifierKey, digests, depositId, run]);
  async function accept() {
    if (proof.state !== 'done' || proof.witnesses.state !== 'changed') return;
    const { acceptWitnessPolicy, localWitnessPolicyStore } = await loadEngine();
    acceptWitnessPolicy(localWitnessPolicyStore(), proof.witnesses.served);
    setAccepted(true);
    setRun((n) => n + 1);
  }
  if (proof.state === 'checking')
    return (
      <p data-testid="browser-proof" data-state="checking">
        {t('checking')}
      </p>
    );
  if (proof.state === 'failed') {
    return (
      <p role="alert" data-testid="browser-proof" data-state="failed" className="text-red-900">
        {t('failed', { message: proof.message })}
      </p>
    );
  }
  const { decision } = proof.verification;
  const deposit = decision.deposit;
  return (
    <>
      <div data-testid="browser-proof" data-state="done" data-verdict={decision.verdict} className="space-y-1">
        <WitnessPolicyStatus
          check={proof.witnesses}
          onAccept={() => void accept()}
          accepted={accepted}
          headingLevel={4}
        />
        <p className="font-semibold">{t('result', { verdict: tv(decision.verdict) })}</p>
        {deposit?.proof.ok && deposit.checkpointSize && deposit.leafIndex !== undefined ? (
          <>
            <p className="text-sm text-slate-800">
              {t('proofOk', { n: deposit.leafIndex + 1, size: Number(deposit.checkpointSize) })}
            </p>
            {deposit.witnessing ? <WitnessingNote witnessing={deposit.witnessing} /> : null}
            <details className="text-sm text-slate-700">
              <summary className="cursor-pointer underline">{tg('technicalDetails')}</summary>
              <p className="tabular-nums">{tg('technical.leafIndex', { index: deposit.leafIndex })}</p>
              {deposit.witnessing ? <WitnessingDetails witnessing={deposit.witnessing} /> : null}
            </details>
          </>
        ) : null}
        {deposit && !deposit.proof.ok ? (
          <p className="text-sm text-red-900">
            {t('proofFailed', { step: deposit.proof.step, message: deposit.proof.message })}
          </p>
        ) : null}
        {proof.ledger === 'inconsistent' ? (
          <p className="font-semibold text-red-900">{t('ledgerInconsistent')}</p>
        ) : null}
      </div>
      {/* Where the deposit is anchored: beside the proof, not inside it (its own technical details). */}
      {deposit?.proof.ok && deposit.status === 'sealed' ? (
        <div className="mt-2">
          <AnchorNote depositId={deposit.id} verifierKey={verifierKey} />
        </div>
      ) : null}
    </>
  );
}

type Reverify =
  | { step: 'idle' }
  | { step: 'downloading'; received: number; total: number }
  | { step: 'hashing'; jobId: string }
  | { step: 'checking' }
  | { step: 'done'; digests: Digests; verification: Verification; recorded: boolean }
  | { step: 'failed'; message: string };

/** A judge re-verifies the stored file in their own browser, independent of the server's result. */
export function ReverifyInBrowser({
  exhibitId,
  fileName,
  verifierKey,
  recorded,
  depositId,
}: {
  exhibitId: string;
  fileName: string;
  verifierKey: string;
  recorded: Digests;
  depositId: string | null;
}) {
  const t = useTranslations('exhibits.reverify');
  const tv = useTranslations('verify.verdict.word');
  const locale = useLocale();
  const router = useRouter();
  const { jobs, add, cancel, remove } = useFileHashing();
  const [state, setState] = useState<Reverify>({ step: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const job = state.step === 'hashing' ? jobs.find((j) => j.id === state.jobId) : undefined;

  const finish = useCallback(
    async (digests: Digests) => {
      setState({ step: 'checking' });
      try {
        const { verification } = await checkInBrowser(verifierKey, digests, depositId);
        const saved = await recordBrowserVerificationAction(exhibitId, digests);
        if (!saved.ok) throw new Error(saved.message);
        setState({ step: 'done', digests, verification, recorded: true });
        router.refresh();
      } catch (error) {
        setState({ step: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    },
    [verifierKey, depositId, exhibitId, router],
  );

  useEffect(() => {
    if (!job) return;
    if (job.state === 'done' && job.digests?.sha256 && job.digests.sm3) {
      const digests = { sha256: job.digests.sha256, sm3: job.digests.sm3 };
      remove(job.id);
      void finish(digests);
    } else if (job.state === 'error' || job.state === 'cancelled') {
      remove(job.id);
      setState(job.state === 'error' ? { step: 'failed', message: job.error?.message ?? '' } : { step: 'idle' });
    }
  }, [job, remove, finish]);

  async function start() {
    abort.current = new AbortController();
    try {
      const response = await fetch(`/api/v1/exhibits/${exhibitId}/file`, { signal: abort.current.signal });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
      }
      const total = Number(response.headers.get('content-length') ?? 0);
      const reader = response.body.getReader();
      const parts: Uint8Array<ArrayBuffer>[] = [];
      let received = 0;
      setState({ step: 'downloading', received, total });
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value as Uint8Array<ArrayBuffer>);
        received += value.byteLength;
        setState({ step: 'downloading', received, total });
      }
      // Chromium keeps large blobs out of the renderer's heap (on disk when needed).
      const file = new File(parts, fileName, { type: 'application/octet-stream' });
      parts.length = 0;
      const [jobId] = add([file]);
      if (jobId) setState({ step: 'hashing', jobId });
      // The checking code loads while the file hashes (a failure shows when the check needs it).
      void loadEngine()
        .then(({ prepareChecks }) => prepareChecks())
        .catch(() => undefined);
    } catch (error) {
      if (abort.current?.signal.aborted) setState({ step: 'idle' });
      else setState({ step: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }

  const busy = state.step === 'downloading' || state.step === 'hashing' || state.step === 'checking';
  return (
    <div className="space-y-3" data-testid="reverify">
      <p className="text-slate-800">{t('intro')}</p>
      <button
        type="button"
        disabled={busy}
        onClick={() => void start()}
        className="bg-court-700 px-4 py-2 font-semibold text-white hover:bg-court-900 disabled:opacity-60"
        data-testid="reverify-button"
      >
        {t('button')}
      </button>
      <div aria-live="polite">
        {state.step === 'downloading' ? (
          <div className="space-y-1">
            <p>{t('downloading')}</p>
            <progress value={state.received} max={Math.max(state.total, 1)} className="block h-4 w-full max-w-xl" />
            <p className="text-sm tabular-nums">
              {formatBytes(state.received, locale)} / {formatBytes(state.total, locale)}
            </p>
            <button type="button" className="border border-slate-700 px-3 py-1" onClick={() => abort.current?.abort()}>
              {t('cancel')}
            </button>
          </div>
        ) : null}
        {state.step === 'hashing' && job ? (
          <HashProgress job={job} name={fileName} onCancel={() => cancel(job.id)} />
        ) : null}
        {state.step === 'checking' ? <p>{t('checking')}</p> : null}
        {state.step === 'failed' ? (
          <p role="alert" className="text-red-900" data-testid="reverify-error">
            {t('failed', { message: state.message })}
          </p>
        ) : null}
        {state.step === 'done' ? (
          <div
            className="space-y-2 border-l-4 border-court-700 bg-slate-50 p-3"
            data-testid="reverify-result"
            data-verdict={state.verification.decision.verdict}
            data-matches-record={String(state.digests.sha256 === recorded.sha256 && state.digests.sm3 === recorded.sm3)}
          >
            <p className="font-semibold">
              {state.digests.sha256 === recorded.sha256 && state.digests.sm3 === recorded.sm3
                ? t('sameDigests')
                : t('differentDigests')}
            </p>
            <p>{t('verdict', { verdict: tv(state.verification.decision.verdict) })}</p>
            {state.verification.decision.verdict === 'consistent' && state.verification.decision.deposit?.witnessing ? (
              <WitnessingNote witnessing={state.verification.decision.deposit.witnessing} />
            ) : null}
            <dl className="font-mono text-sm break-all">
              <dt className="font-sans text-slate-600">SHA-256</dt>
              <dd data-testid="reverify-sha256">{state.digests.sha256}</dd>
              <dt className="font-sans text-slate-600">SM3</dt>
              <dd data-testid="reverify-sm3">{state.digests.sm3}</dd>
            </dl>
            {state.recorded ? <p className="text-sm text-slate-700">{t('recorded')}</p> : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}
