'use client';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type FileHashJob, useFileHashing } from '@/lib/hashing/use-file-hashing';
import type { checkLedger } from '@/lib/verification/check-ledger';
import { isLedgerSuspect } from '@/lib/verification/ledger-suspect';
import type { Subject } from '@/lib/verification/subject-match';
import { CertificateRow, type CertificateRowData } from './certificate-row';
import { sniffCertificate } from './certificate-sniff';
import { type LedgerState, LedgerStatus } from './ledger-status';
import { type HashedFile, pickOriginal } from './pick-original';
import { ResultRow, type Row, type RowCheck } from './result-row';
import { VerifyForm } from './verify-form';

type LedgerResult = Awaited<ReturnType<typeof checkLedger>>;

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
 * hashed: it is checked here against `courtPublicKey` and `verifierKey`, and compared with the
 * original file when that is dropped with it or already in the list (./pick-original.ts). Its
 * checker (pdf-lib and the rest) is imported only when a certificate is dropped.
 */
export function VerifyTool({ verifierKey, courtPublicKey }: { verifierKey: string; courtPublicKey: string }) {
  const t = useTranslations('verify');
  const tc = useTranslations('certificate.check');
  const { jobs, add, cancel } = useFileHashing();
  const jobsRef = useRef(jobs);
  jobsRef.current = jobs;
  const [certificates, setCertificates] = useState<CertificateRowData[]>([]);
  const certificateEngine = useRef<CertificateEngine | null>(null);
  const [ledger, setLedger] = useState<LedgerState>({ state: 'checking' });
  const [rows, setRows] = useState<Row[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const ledgerRef = useRef<Promise<LedgerResult> | null>(null);
  const started = useRef(new Set<string>());
  const nextKey = useRef(1);

  const ensureLedger = useCallback((): Promise<LedgerResult> => {
    if (!ledgerRef.current) {
      const run = loadEngine()
        .then(({ checkLedger, ledgerClient, localCheckpointStore }) =>
          checkLedger({ verifierKey, api: ledgerClient, store: localCheckpointStore() }),
        )
        .catch(
          (error: unknown): LedgerResult => ({
            check: { state: 'unavailable', message: error instanceof Error ? error.message : String(error) },
          }),
        );
      ledgerRef.current = run;
      void run.then(({ check }) => {
        setLedger(check);
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
        const { check, memory } = await ensureLedger();
        if (!memory) throw new Error(check.state === 'unavailable' ? check.message : check.state);
        const { ledgerClient, lookUpDeposit, verifySubject } = await loadEngine();
        const options = { api: ledgerClient, memory };
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
        setAnnouncement(t('announce', { name: label, verdict: t(`verdict.word.${verification.decision.verdict}`) }));
      } catch (error) {
        setCheck(key, { state: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    },
    [ensureLedger, setCheck, t],
  );

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
    if (found.length > 0) {
      setCertificates((current) => [...found.map((row) => ({ ...row, droppedWith: ids, earlier })), ...current]);
    }
    addRows(
      ids.map((jobId) => ({ key: jobId, subject: { kind: 'file', jobId }, depositId, check: { state: 'waiting' } })),
    );
  }

  function onDigest(hex: string, depositId: string | undefined) {
    const key = `digest-${nextKey.current++}`;
    addRows([{ key, subject: { kind: 'digest', hex }, depositId, check: { state: 'waiting' } }]);
    void runCheck(key, t('result.digestTitle'), { kind: 'digest', hex }, depositId);
  }

  function onDeposit(depositId: string) {
    const key = `deposit-${nextKey.current++}`;
    addRows([{ key, subject: { kind: 'deposit' }, depositId, check: { state: 'waiting' } }]);
    void runCheck(key, t('result.depositTitle'), undefined, depositId);
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
    void runCheck(row.key, job?.name ?? '', subject, row.depositId);
  }

  return (
    <>
      <LedgerStatus
        ledger={ledger}
        onRetry={() => {
          setLedger({ state: 'checking' });
          void ensureLedger();
        }}
      />
      <VerifyForm onFiles={onFiles} onDigest={onDigest} onDeposit={onDeposit} />
      <p className="sr-only" aria-live="polite" data-testid="announcement">
        {announcement}
      </p>
      {rows.length > 0 || certificates.length > 0 ? (
        <section aria-labelledby="results-heading" className="mt-12">
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
                job={
                  row.subject.kind === 'file'
                    ? jobs.find((j) => j.id === (row.subject as { jobId: string }).jobId)
                    : undefined
                }
                onCancel={() => row.subject.kind === 'file' && cancel(row.subject.jobId)}
                onRetry={() => retry(row)}
              />
            ))}
          </ol>
        </section>
      ) : null}
    </>
  );
}

/** Checks a certificate against the pinned keys and, when one is found, its original's digests. */
function checkCertificate(
  engine: CertificateEngine,
  row: CertificateRowData,
  jobs: readonly FileHashJob[],
  courtPublicKey: string,
  logVerifierKey: string,
): NonNullable<CertificateRowData['result']> {
  const head = row.attachment ? [row.attachment] : [];
  if (!row.json) return { ok: false, lines: head, body: null, original: null };
  const options = { courtPublicKey, logVerifierKey };
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
  return { ok: lines.every((l) => l.ok), lines, body, original: original?.name ?? null };
}
