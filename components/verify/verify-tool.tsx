'use client';
import { useLocale, useTranslations } from 'next-intl';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { type FileHashJob, useFileHashing } from '@/lib/hashing/use-file-hashing';
import type { checkLedger } from '@/lib/verification/check-ledger';
import { isLedgerSuspect } from '@/lib/verification/ledger-suspect';
import type { Subject } from '@/lib/verification/subject-match';
import type { WitnessPolicyCheck } from '@/lib/verification/witness-policy';
import type { Witnessing } from '@/lib/verification/witnessed-by';
import { CertificateRow, type CertificateRowData } from './certificate-row';
import { sniffCertificate } from './certificate-sniff';
import { type LedgerState, LedgerStatus, LedgerSummary } from './ledger-status';
import { type HashedFile, pickOriginal } from './pick-original';
import { ResultRow, type Row, type RowCheck } from './result-row';
import { verdictValues } from './verdict-summary';
import { VerifyForm } from './verify-form';
import { WitnessPolicyStatus, WitnessPolicySummary } from './witnessing';

type LedgerResult = Awaited<ReturnType<typeof checkLedger>> & { witnesses?: WitnessPolicyCheck };

const loadEngine = () => import('@/lib/verification/engine');
const loadCertificateEngine = () => import('./certificate-engine');
type CertificateEngine = Awaited<ReturnType<typeof loadCertificateEngine>>;

/**
 * The interactive part of /verify: the form, the ledger's own check, and one row per file,
 * digest or deposit ID. Files are hashed in Web Workers (`useFileHashing`); everything sent to
 * the server is a digest or an ID; every proof is checked here against `verifierKey`, the log
 * key the server pinned into the page.
 *
 * A dropped Verity certificate (a PDF with certificate.json attached, or that JSON) is not
 * hashed: it is checked here against `courtPublicKey` and `verifierKey` — a verification
 * certificate compared with the original file when that is dropped with it or already in the list
 * (./pick-original.ts), a deposit certificate (存证证书) deposit by deposit. Its checker (pdf-lib
 * and the rest) is imported only when a certificate is dropped.
 *
 * The answer is shown where the person is looking: rows appear right under the file question,
 * and the first verdict of what the person just asked for takes focus (its panel scrolls into
 * view) unless they have moved on meanwhile; the verdict's sentence is also announced (the
 * status region). A verdict can invite the deposit ID from the receipt: the row is then checked
 * again against that one deposit.
 */
export function VerifyTool({
  verifierKey,
  courtPublicKey,
  technicalDetails,
  initialDepositId,
}: {
  verifierKey: string;
  courtPublicKey: string;
  /** A deposit to look up as the page opens (/verify?deposit=<id>, a deposit certificate's QR code). */
  initialDepositId?: string;
  /** Shown in the "technical details" disclosure after what the page checked about the ledger. */
  technicalDetails?: ReactNode;
}) {
  const t = useTranslations('verify');
  const tc = useTranslations('certificate.check');
  const locale = useLocale();
  const { jobs, add, cancel } = useFileHashing();
  const jobsRef = useRef(jobs);
  jobsRef.current = jobs;
  const [certificates, setCertificates] = useState<CertificateRowData[]>([]);
  const certificateEngine = useRef<CertificateEngine | null>(null);
  const [ledger, setLedger] = useState<LedgerState>({ state: 'checking' });
  const [rows, setRows] = useState<Row[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const ledgerRef = useRef<Promise<LedgerResult> | null>(null);
  /** The witness policy as checked on opening (pinned, changed, …): cosignatures are counted against the pinned one. */
  const [witnessPolicy, setWitnessPolicy] = useState<WitnessPolicyCheck | undefined>(undefined);
  const witnessPolicyRef = useRef<WitnessPolicyCheck | undefined>(undefined);
  const [policyAccepted, setPolicyAccepted] = useState(false);
  /** Who vouched for the ledger's current signed state (technical details), once a check has loaded the code. */
  const [ledgerWitnessing, setLedgerWitnessing] = useState<Witnessing | undefined>(undefined);
  const ledgerWitnessingAsked = useRef(false);
  const started = useRef(new Set<string>());
  const nextKey = useRef(1);
  /** The row that a verdict's invitation will compare with the typed deposit ID. */
  const [target, setTarget] = useState<string | null>(null);
  /** Rows of the person's latest request, and what had focus when they made it. */
  const focusWanted = useRef<{ keys: Set<string>; from: Element | null } | null>(null);
  const panels = useRef(new Map<string, HTMLElement>());

  /** The next of these rows to get an answer takes focus (see the effect below). */
  const expectAnswer = useCallback((keys: string[]) => {
    focusWanted.current = { keys: new Set(keys), from: document.activeElement };
  }, []);

  const ensureLedger = useCallback((): Promise<LedgerResult> => {
    if (!ledgerRef.current) {
      const run = loadEngine()
        .then(
          async ({
            checkLedger,
            checkWitnessPolicy,
            fetchWitnessPolicy,
            ledgerClient,
            localCheckpointStore,
            localWitnessPolicyStore,
          }): Promise<LedgerResult> => {
            const [ledger, witnesses] = await Promise.all([
              checkLedger({ verifierKey, api: ledgerClient, store: localCheckpointStore() }),
              checkWitnessPolicy({ fetchPolicy: fetchWitnessPolicy, store: localWitnessPolicyStore() }),
            ]);
            return { ...ledger, witnesses };
          },
        )
        .catch(
          (error: unknown): LedgerResult => ({
            check: { state: 'unavailable', message: error instanceof Error ? error.message : String(error) },
          }),
        );
      ledgerRef.current = run;
      void run.then(({ check, witnesses }) => {
        setLedger(check);
        witnessPolicyRef.current = witnesses;
        setWitnessPolicy(witnesses);
        // A ledger that could not be reached is asked again next time; any other answer stands.
        if (check.state === 'unavailable') ledgerRef.current = null;
      });
    }
    return ledgerRef.current;
  }, [verifierKey]);

  useEffect(() => {
    void ensureLedger();
  }, [ensureLedger]);

  const setCheck = useCallback((key: string, check: RowCheck) => {
    setRows((current) => current.map((row) => (row.key === key ? { ...row, check } : row)));
  }, []);

  const runCheck = useCallback(
    async (key: string, label: string, subject: Subject | undefined, depositId: string | undefined) => {
      setCheck(key, { state: 'checking' });
      try {
        const { check, memory, witnesses: opened } = await ensureLedger();
        if (!memory) throw new Error(check.state === 'unavailable' ? check.message : check.state);
        const { ledgerClient, lookUpDeposit, verifySubject, policyInForce, witnessedBy } = await loadEngine();
        // The pinned list (or the new one, once the person trusted it).
        const witnesses = policyInForce(witnessPolicyRef.current ?? opened);
        const options = { api: ledgerClient, memory, witnesses };
        if (witnesses && check.state === 'ok' && !ledgerWitnessingAsked.current) {
          ledgerWitnessingAsked.current = true;
          void witnessedBy(check.currentNote, witnesses, verifierKey).then(setLedgerWitnessing);
        }
        if (!subject) {
          const deposit = await lookUpDeposit(depositId ?? '', options);
          setCheck(key, { state: 'looked_up', deposit });
          return;
        }
        const verification = await verifySubject(subject, depositId, {
          ...options,
          ledgerSuspect: isLedgerSuspect(check),
        });
        setCheck(key, { state: 'verified', verification });
        const { decision } = verification;
        setAnnouncement(
          t('announce', {
            name: label,
            verdict: t(`verdict.word.${decision.verdict}`),
            sentence: t(
              `verdict.reason.${decision.reason}`,
              verdictValues(decision, subject.kind === 'file' ? 'file' : 'digest', locale),
            ),
          }),
        );
      } catch (error) {
        setCheck(key, { state: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    },
    [ensureLedger, setCheck, t, locale, verifierKey],
  );

  // The first answer to the person's latest request takes focus and comes into view — unless the
  // person has moved on (focus is elsewhere than where it was when they asked).
  useEffect(() => {
    const wanted = focusWanted.current;
    if (!wanted) return;
    const answered = rows.find(
      (row) => wanted.keys.has(row.key) && (row.check.state === 'verified' || row.check.state === 'looked_up'),
    );
    const panel = answered ? panels.current.get(answered.key) : undefined;
    if (!panel) return;
    focusWanted.current = null;
    const active = document.activeElement;
    const stayed = !active || active === document.body || active === wanted.from || !wanted.from?.isConnected;
    if (!stayed) return;
    panel.focus({ preventScroll: true });
    panel.scrollIntoView({ block: 'nearest' });
  }, [rows]);

  // One ref callback per row, kept, so that re-rendering a row (progress, every few frames) does not detach it.
  const panelRefs = useRef(new Map<string, (element: HTMLElement | null) => void>());
  function panelRef(key: string): (element: HTMLElement | null) => void {
    let ref = panelRefs.current.get(key);
    if (!ref) {
      ref = (element) => {
        if (element) panels.current.set(key, element);
        else panels.current.delete(key);
      };
      panelRefs.current.set(key, ref);
    }
    return ref;
  }

  // A file's check starts as soon as its digests are ready.
  useEffect(() => {
    for (const row of rows) {
      if (row.subject.kind !== 'file' || row.check.state !== 'waiting' || started.current.has(row.key)) continue;
      const { jobId } = row.subject;
      const job = jobs.find((j) => j.id === jobId);
      if (job?.state !== 'done' || !job.digests) continue;
      started.current.add(row.key);
      void runCheck(row.key, job.name, { kind: 'file', digests: job.digests }, row.depositId);
    }
  }, [jobs, rows, runCheck]);

  function addRows(newRows: Row[]) {
    setRows((current) => [...newRows, ...current]);
  }

  // A certificate is checked once the files dropped with it are hashed (one may be its original).
  useEffect(() => {
    const engine = certificateEngine.current;
    if (!engine) return;
    const pending = certificates.filter((row) => !row.result);
    const ready = pending.filter((row) =>
      row.droppedWith.every((id) => {
        const state = jobs.find((j) => j.id === id)?.state;
        return state !== 'queued' && state !== 'hashing';
      }),
    );
    if (ready.length === 0) return;
    const results = new Map(
      ready.map((row) => [row.key, checkCertificate(engine, row, jobs, courtPublicKey, verifierKey)]),
    );
    setCertificates((current) =>
      current.map((row) => (results.has(row.key) && !row.result ? { ...row, result: results.get(row.key) } : row)),
    );
    const last = ready.at(-1);
    const result = last ? results.get(last.key) : undefined;
    if (last && result) {
      setAnnouncement(t('announce', { name: last.name, verdict: tc(result.ok ? 'state.passed' : 'state.failed') }));
    }
  }, [certificates, jobs, courtPublicKey, verifierKey, t, tc]);

  async function onFiles(files: File[], depositId: string | undefined) {
    const kinds = await Promise.all(files.map((file) => sniffCertificate(file).catch(() => null)));
    const evidence: File[] = [];
    const found: Omit<CertificateRowData, 'droppedWith' | 'earlier'>[] = [];
    for (const [i, file] of files.entries()) {
      const kind = kinds[i];
      if (!kind) {
        evidence.push(file);
        continue;
      }
      try {
        certificateEngine.current ??= await loadCertificateEngine();
        const read = await certificateEngine.current.readCertificateFile(file, kind);
        if (read.kind === 'not_certificate') evidence.push(file);
        else {
          const json = read.kind === 'certificate' ? read.json : null;
          found.push({
            key: `certificate-${nextKey.current++}`,
            name: file.name,
            size: file.size,
            json,
            attachment: read.attachment,
          });
        }
      } catch {
        // The checker could not be loaded or the file not read: it is hashed as evidence, which reports a read error.
        evidence.push(file);
      }
    }
    const earlier = jobsRef.current.filter((j) => j.state === 'done').map((j) => j.id);
    const ids = evidence.length > 0 ? add(evidence) : [];
    // The checking code loads while the files hash (a failure shows when a check needs it).
    if (ids.length > 0) {
      void loadEngine()
        .then(({ prepareChecks }) => prepareChecks())
        .catch(() => undefined);
    }
    if (found.length > 0) {
      setCertificates((current) => [...found.map((row) => ({ ...row, droppedWith: ids, earlier })), ...current]);
    }
    setTarget(null);
    expectAnswer(ids);
    addRows(
      ids.map((jobId) => ({ key: jobId, subject: { kind: 'file', jobId }, depositId, check: { state: 'waiting' } })),
    );
  }

  function onDigest(hex: string, depositId: string | undefined) {
    const key = `digest-${nextKey.current++}`;
    expectAnswer([key]);
    addRows([{ key, subject: { kind: 'digest', hex }, depositId, check: { state: 'waiting' } }]);
    void runCheck(key, t('result.digestTitle'), { kind: 'digest', hex }, depositId);
  }

  const openedWith = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, as the page opens
  useEffect(() => {
    if (openedWith.current || !initialDepositId) return;
    openedWith.current = true;
    onDeposit(initialDepositId);
  }, [initialDepositId]);

  function onDeposit(depositId: string) {
    const key = `deposit-${nextKey.current++}`;
    expectAnswer([key]);
    addRows([{ key, subject: { kind: 'deposit' }, depositId, check: { state: 'waiting' } }]);
    void runCheck(key, t('result.depositTitle'), undefined, depositId);
  }

  /** A verdict's invitation: the deposit ID field takes focus, and its submit compares this row. */
  function invite(row: Row) {
    setTarget(row.key);
    const field = document.getElementById('deposit-id');
    field?.focus();
    field?.scrollIntoView({ block: 'center' });
  }

  /** The invited row, checked again against the typed deposit ID (its digests are already known). */
  function onCompare(depositId: string) {
    const row = rows.find((r) => r.key === target);
    setTarget(null);
    if (!row) return onDeposit(depositId);
    const compared = { ...row, depositId };
    setRows((current) => current.map((r) => (r.key === row.key ? compared : r)));
    expectAnswer([row.key]);
    retry(compared);
  }

  function rowName(row: Row): string {
    if (row.subject.kind === 'digest') return t('result.digestTitle');
    const { subject } = row;
    const job = subject.kind === 'file' ? jobs.find((j) => j.id === subject.jobId) : undefined;
    return job?.name || t('result.unnamedFile');
  }

  function retry(row: Row) {
    const job =
      row.subject.kind === 'file' ? jobs.find((j) => j.id === (row.subject as { jobId: string }).jobId) : undefined;
    const subject: Subject | undefined =
      row.subject.kind === 'digest'
        ? { kind: 'digest', hex: row.subject.hex }
        : job?.digests
          ? { kind: 'file', digests: job.digests }
          : undefined;
    if (row.subject.kind === 'file' && !subject) return;
    void runCheck(row.key, rowName(row), subject, row.depositId);
  }

  const targetRow = target ? rows.find((r) => r.key === target) : undefined;

  /** The person trusts the log's new list of witnesses: pinned from now on, used by the next checks. */
  async function acceptPolicy() {
    const current = witnessPolicyRef.current;
    if (current?.state !== 'changed') return;
    const { acceptWitnessPolicy, localWitnessPolicyStore } = await loadEngine();
    const pinned = acceptWitnessPolicy(localWitnessPolicyStore(), current.served);
    const next: WitnessPolicyCheck = { state: 'pinned', pinned, first: false };
    witnessPolicyRef.current = next;
    setWitnessPolicy(next);
    setPolicyAccepted(true);
    ledgerWitnessingAsked.current = false;
    setLedgerWitnessing(undefined);
  }

  const results =
    rows.length > 0 || certificates.length > 0 ? (
      <section aria-labelledby="results-heading" data-testid="verify-results">
        <h2 id="results-heading" className="mb-4 text-2xl font-bold">
          {t('result.heading')}
        </h2>
        <ol className="space-y-6">
          {certificates.map((row) => (
            <CertificateRow key={row.key} row={row} />
          ))}
          {rows.map((row) => (
            <ResultRow
              key={row.key}
              row={row}
              verifierKey={verifierKey}
              job={
                row.subject.kind === 'file'
                  ? jobs.find((j) => j.id === (row.subject as { jobId: string }).jobId)
                  : undefined
              }
              onCancel={() => row.subject.kind === 'file' && cancel(row.subject.jobId)}
              onRetry={() => retry(row)}
              onInvite={row.subject.kind === 'deposit' ? undefined : () => invite(row)}
              panelRef={panelRef(row.key)}
            />
          ))}
        </ol>
      </section>
    ) : null;

  return (
    <>
      <LedgerStatus
        ledger={ledger}
        onRetry={() => {
          setLedger({ state: 'checking' });
          void ensureLedger();
        }}
      />
      <WitnessPolicyStatus check={witnessPolicy} onAccept={() => void acceptPolicy()} accepted={policyAccepted} />
      <VerifyForm
        onFiles={onFiles}
        onDigest={onDigest}
        onDeposit={onDeposit}
        onCompare={onCompare}
        compareWith={targetRow ? rowName(targetRow) : undefined}
        results={results}
        initialDepositId={initialDepositId}
      />
      <p className="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="announcement">
        {announcement}
      </p>
      <p className="mt-10 max-w-prose text-slate-800" data-testid="certificate-hint">
        {t('certificateHint')}
      </p>
      <details className="mt-6 max-w-prose text-slate-700" data-testid="technical-details">
        <summary className="cursor-pointer text-court-700 underline underline-offset-4">{t('technicalTitle')}</summary>
        <div className="mt-2 space-y-2">
          <LedgerSummary ledger={ledger} />
          <WitnessPolicySummary check={witnessPolicy} current={ledgerWitnessing} />
          {technicalDetails}
        </div>
      </details>
    </>
  );
}

/**
 * Checks a certificate against the pinned keys: a deposit certificate (存证证书) with its own
 * checker, each deposit apart; a verification certificate with, when one is found, its original's
 * digests. The file's format picks the checker, and each refuses the other's files.
 */
function checkCertificate(
  engine: CertificateEngine,
  row: CertificateRowData,
  jobs: readonly FileHashJob[],
  courtPublicKey: string,
  logVerifierKey: string,
): NonNullable<CertificateRowData['result']> {
  const head = row.attachment ? [row.attachment] : [];
  if (!row.json) return { kind: 'verification', ok: false, lines: head, body: null, original: null };
  const options = { courtPublicKey, logVerifierKey };
  if (engine.certificateKindOf(row.json) === 'deposit') {
    return { kind: 'deposit', ...engine.checkDepositCertificate(row.json, options, head) };
  }
  const first = engine.verifyCertificate(row.json, options);
  const body = first.file?.body ?? null;
  const hashed = (ids: readonly string[]): HashedFile[] =>
    ids.flatMap((id) => {
      const job = jobs.find((j) => j.id === id);
      return job?.state === 'done' && job.digests ? [{ id, name: job.name, digests: job.digests }] : [];
    });
  const original = body
    ? pickOriginal(
        { fileName: body.exhibit.fileName, digests: body.digests },
        hashed(row.droppedWith),
        hashed(row.earlier),
      )
    : null;
  const check = original ? engine.verifyCertificate(row.json, { ...options, fileDigests: original.digests }) : first;
  const lines = [...head, ...check.checks];
  return { kind: 'verification', ok: lines.every((l) => l.ok), lines, body, original: original?.name ?? null };
}
