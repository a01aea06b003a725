'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ErrorSummary, type ErrorSummaryItem } from '@/components/ui/error-summary';
import { FileDropZone } from '@/components/ui/file-drop-zone';
import { type FileHashJob, useFileHashing } from '@/lib/hashing/use-file-hashing';
import type { BrowserDeposit, DepositAction, DepositActionResult, Receipt } from './deposit-action';
import { browserDeposit, titleProblem } from './deposit-input';
import { DepositRow, type DepositState } from './deposit-row';
import { downloadDepositCertificate } from './download-certificate';
import { additionsOf, receiptFile, receiptsFile, saveJson } from './receipt-file';

interface Entry {
  jobId: string;
  title: string;
  deposit: DepositState;
  /** What was sent for this file (title, name and size as the ledger recorded their digests). */
  sent?: BrowserDeposit;
}

/**
 * Keeps each call well under Next.js's 1 MB server-action body limit (a deposit with a
 * 500-character title and a long name is under 3 KB); the ledger's own limit is 1000.
 */
const FILES_PER_CALL = 100;

/**
 * The deposit page's interactive part: files are hashed in Web Workers on this device
 * (`useFileHashing`), and `action` is sent only their digests, titles, names and sizes. Each
 * file then shows its receipt, which downloads as the JSON the deposit API returns.
 */
export function DepositTool({ action }: { action: DepositAction }) {
  const t = useTranslations('deposit');
  const { jobs, add, cancel, remove } = useFileHashing();
  const [entries, setEntries] = useState<Entry[]>([]);
  const [errors, setErrors] = useState<ErrorSummaryItem[]>([]);
  const [titleErrors, setTitleErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [certificate, setCertificate] = useState<
    { state: 'idle' | 'preparing' } | { state: 'failed'; message: string }
  >({ state: 'idle' });
  const tc = useTranslations('depositCertificate');

  const jobOf = (entry: Entry): FileHashJob | undefined => jobs.find((j) => j.id === entry.jobId);
  const ready = entries.filter(
    (e) => jobOf(e)?.state === 'done' && (e.deposit.state === 'idle' || e.deposit.state === 'failed'),
  );
  const stillHashing = entries.some((e) => {
    const state = jobOf(e)?.state;
    return state === 'queued' || state === 'hashing';
  });
  const deposited = entries.flatMap((e) =>
    e.deposit.state === 'deposited' ? [{ receipt: e.deposit.receipt, additions: additionsOf(e.sent ?? {}) }] : [],
  );

  async function onCertificate(receipts: readonly Receipt[]) {
    if (certificate.state === 'preparing') return;
    setCertificate({ state: 'preparing' });
    const sentOf = new Map(entries.map((e) => [e.deposit.state === 'deposited' ? e.deposit.receipt.id : '', e.sent]));
    const result = await downloadDepositCertificate(receipts.map((r) => ({ id: r.id, file: sentOf.get(r.id)?.file })));
    if (result.ok) setCertificate({ state: 'idle' });
    else {
      const reason = result.code === 'CONFLICT' ? tc('recording') : t('errors.technical', { message: result.message });
      setCertificate({ state: 'failed', message: `${tc('failed')} ${reason}` });
    }
  }

  function update(jobIds: ReadonlySet<string>, change: (entry: Entry) => Entry) {
    setEntries((current) => current.map((e) => (jobIds.has(e.jobId) ? change(e) : e)));
  }

  function onFiles(files: File[]) {
    setErrors([]);
    const ids = add(files);
    const added = ids.map((jobId): Entry => ({ jobId, title: '', deposit: { state: 'idle' } }));
    setEntries((current) => [...current, ...added]);
  }

  function onRemove(jobId: string) {
    remove(jobId);
    setEntries((current) => current.filter((e) => e.jobId !== jobId));
    setTitleErrors(({ [jobId]: _, ...rest }) => rest);
  }

  function checkTitles(batch: Entry[]): boolean {
    const found: Record<string, string> = {};
    for (const entry of batch) {
      const problem = titleProblem(entry.title);
      if (!problem) continue;
      const name = jobOf(entry)?.name || t('file.unnamed');
      found[entry.jobId] =
        problem.kind === 'too_long'
          ? t('form.errors.titleTooLong', { name, count: problem.count, max: problem.max })
          : t('form.errors.titleCharacters', { name });
    }
    setTitleErrors(found);
    setErrors(Object.entries(found).map(([jobId, message]) => ({ message, href: `#title-${jobId}` })));
    return Object.keys(found).length === 0;
  }

  async function onDeposit() {
    if (busy) return;
    if (ready.length === 0) {
      setTitleErrors({});
      setErrors([{ message: t('form.errors.nothing'), href: '#deposit-files' }]);
      return;
    }
    if (!checkTitles(ready)) return;
    const batch = ready;
    setBusy(true);
    setAnnouncement('');
    update(new Set(batch.map((e) => e.jobId)), (e) => ({ ...e, deposit: { state: 'depositing' } }));
    let deposited = 0;
    for (let start = 0; start < batch.length; start += FILES_PER_CALL) {
      const chunk = batch.slice(start, start + FILES_PER_CALL);
      const inputs = chunk.map((entry) => {
        const job = jobOf(entry) as FileHashJob;
        return browserDeposit({ name: job.name, size: job.totalBytes, digests: job.digests ?? {} }, entry.title);
      });
      let result: DepositActionResult;
      try {
        result = await action({ deposits: inputs });
      } catch (error) {
        // The server could not be reached or failed before answering: the deposit may or may not exist.
        result = { ok: false, code: 'UNAVAILABLE', message: error instanceof Error ? error.message : String(error) };
      }
      if (result.ok) {
        const byJob = new Map(chunk.map((e, i) => [e.jobId, i]));
        update(new Set(byJob.keys()), (e) => {
          const i = byJob.get(e.jobId) as number;
          return { ...e, sent: inputs[i], deposit: { state: 'deposited', receipt: result.receipts[i] as Receipt } };
        });
        deposited += chunk.length;
      } else {
        const { code, message } = result;
        update(new Set(chunk.map((e) => e.jobId)), (e) => ({ ...e, deposit: { state: 'failed', code, message } }));
      }
    }
    setBusy(false);
    if (deposited > 0) setAnnouncement(t('receipts.announce', { count: deposited }));
  }

  return (
    <div className="space-y-8">
      <ErrorSummary id="deposit-error-summary" title={t('form.errorSummary')} items={errors} testId="deposit-errors" />
      <FileDropZone
        id="deposit-files"
        words={{
          label: t('form.filesLabel'),
          hint: t('form.filesHint'),
          dropHere: t('form.dropHere'),
          dropNow: t('form.dropNow'),
          chooseFiles: t('form.chooseFiles'),
        }}
        error={errors.find((e) => e.href === '#deposit-files')?.message}
        onFiles={onFiles}
        testId="deposit-drop-zone"
      />

      {entries.length > 0 ? (
        <ol className="space-y-6" aria-label={t('form.label')}>
          {entries.map((entry) => {
            const job = jobOf(entry);
            if (!job) return null;
            return (
              <DepositRow
                key={entry.jobId}
                job={job}
                title={entry.title}
                titleError={titleErrors[entry.jobId]}
                deposit={entry.deposit}
                onTitle={(title) => update(new Set([entry.jobId]), (e) => ({ ...e, title }))}
                onCancel={() => cancel(entry.jobId)}
                onRemove={() => onRemove(entry.jobId)}
                onDownload={(receipt) => saveJson(receiptFile(receipt, additionsOf(entry.sent ?? {})))}
                onCertificate={(receipt) => onCertificate([receipt])}
              />
            );
          })}
        </ol>
      ) : null}

      <div className="space-y-2">
        <button
          type="button"
          onClick={onDeposit}
          disabled={busy}
          aria-describedby={stillHashing ? 'deposit-wait' : undefined}
          className="bg-court-700 px-5 py-2.5 text-base font-semibold text-white shadow-[0_2px_0_#0b2545] hover:bg-court-800 disabled:bg-slate-500"
          data-testid="deposit-submit"
        >
          {busy ? t('form.depositing') : t('form.submit', { count: ready.length })}
        </button>
        {stillHashing ? (
          <p id="deposit-wait" className="max-w-prose text-sm text-slate-700">
            {t('form.waitForHashing')}
          </p>
        ) : null}
      </div>

      <p className="sr-only" aria-live="polite" data-testid="deposit-announcement">
        {announcement}
      </p>
      <p role="status" className="font-semibold empty:hidden" data-testid="certificate-status">
        {certificate.state === 'preparing' ? tc('preparing') : ''}
      </p>
      {certificate.state === 'failed' ? (
        <div role="alert" className="border-l-4 border-seal-700 bg-[#fcefef] px-3 py-2" data-testid="certificate-error">
          <p className="font-semibold text-seal-700 break-words">{certificate.message}</p>
        </div>
      ) : null}

      {deposited.length > 0 ? (
        <section aria-labelledby="receipts-heading" className="border-t-2 border-slate-300 pt-6">
          <h2 id="receipts-heading" className="text-2xl font-bold">
            {t('receipts.heading')}
          </h2>
          <p className="mt-1 mb-4 max-w-prose text-slate-700">{t('receipts.body')}</p>
          <div className="flex flex-wrap gap-3">
            <button
              type="button"
              onClick={() => saveJson(receiptsFile(deposited))}
              className="border-2 border-slate-800 bg-white px-4 py-2 font-semibold text-slate-900 hover:bg-slate-100"
              data-testid="download-all"
            >
              {t('receipts.downloadAll')}
            </button>
            <button
              type="button"
              onClick={() => onCertificate(deposited.map((d) => d.receipt))}
              className="border-2 border-slate-800 bg-white px-4 py-2 font-semibold text-slate-900 hover:bg-slate-100"
              data-testid="download-all-certificates"
            >
              {tc('downloadAll')}
            </button>
          </div>
          <p className="mt-3 max-w-prose text-sm text-slate-700">{tc('body')}</p>
        </section>
      ) : null}
    </div>
  );
}
