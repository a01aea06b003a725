'use client';
/**
 * A party submits an exhibit: the file is hashed in their browser (Web Workers, progress shown),
 * then uploaded in resumable chunks while the server hashes the bytes itself; the server keeps
 * the exhibit only if its digests equal the browser's, and decides the verdict from its own.
 * "Hash only" sends no bytes at all: the exhibit rests on this browser's digests until the
 * original is shown in court.
 */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { submitFileExhibitAction, submitHashOnlyExhibitAction } from '@/app/(portal)/cases/[caseId]/actions';
import { ErrorSummary, type ErrorSummaryItem } from '@/components/ui/error-summary';
import { Field } from '@/components/ui/field';
import { formatBytes, formatRate } from '@/components/verify/format';
import { HashProgress } from '@/components/verify/hash-progress';
import { type UploadProgress, uploadFile } from '@/lib/evidence/upload-client';
import type { SubmittedExhibit } from '@/lib/exhibits/submit-exhibit';
import { useFileHashing } from '@/lib/hashing/use-file-hashing';
import { isPlainText } from '@/lib/text/plain-text';
import { uploadErrorMessage } from './upload-error-message';

type Phase =
  | { step: 'form' }
  | { step: 'hashing'; jobId: string }
  | { step: 'uploading'; progress: UploadProgress | null }
  | { step: 'submitting' }
  | { step: 'done'; exhibit: SubmittedExhibit }
  | { step: 'error'; message: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function SubmitExhibit({ caseId, maxBytes }: { caseId: string; maxBytes: number }) {
  const t = useTranslations('exhibits.submit');
  const tv = useTranslations('verify.verdict.word');
  const locale = useLocale();
  const router = useRouter();
  const { jobs, add, cancel, remove } = useFileHashing();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<'file' | 'hash_only'>('file');
  const [phase, setPhase] = useState<Phase>({ step: 'form' });
  const [errors, setErrors] = useState<ErrorSummaryItem[]>([]);
  const abort = useRef<AbortController | null>(null);
  const fields = useRef<{ title: string; depositId: string }>({ title: '', depositId: '' });
  const ids = { file: useId(), title: useId(), deposit: useId(), mode: useId(), summary: useId() };

  const job = phase.step === 'hashing' ? jobs.find((j) => j.id === phase.jobId) : undefined;
  const errorAt = (id: string) => errors.find((e) => e.href === `#${id}`)?.message;

  // Hashing finished (or failed): go on to the upload, or straight to submission for hash-only.
  useEffect(() => {
    if (phase.step !== 'hashing' || !job || !file) return;
    if (job.state === 'error' || job.state === 'cancelled') {
      remove(job.id);
      setPhase(
        job.state === 'error'
          ? { step: 'error', message: t('hashFailed', { message: job.error?.message ?? '' }) }
          : { step: 'form' },
      );
      return;
    }
    if (job.state !== 'done' || !job.digests?.sha256 || !job.digests.sm3) return;
    const digests = { sha256: job.digests.sha256, sm3: job.digests.sm3 };
    remove(job.id);
    void send(file, digests);
  });

  async function send(chosen: File, digests: { sha256: string; sm3: string }) {
    const { title, depositId } = fields.current;
    try {
      let result: Awaited<ReturnType<typeof submitFileExhibitAction>>;
      if (mode === 'hash_only') {
        setPhase({ step: 'submitting' });
        result = await submitHashOnlyExhibitAction(caseId, {
          title,
          fileName: chosen.name,
          size: chosen.size,
          ...digests,
          claimedDepositId: depositId,
        });
      } else {
        abort.current = new AbortController();
        setPhase({ step: 'uploading', progress: null });
        const { id: uploadId } = await uploadFile(chosen, {
          caseId,
          ...digests,
          signal: abort.current.signal,
          onProgress: (progress) => setPhase({ step: 'uploading', progress }),
        });
        setPhase({ step: 'submitting' });
        result = await submitFileExhibitAction(caseId, { uploadId, title, claimedDepositId: depositId });
      }
      if (!result.ok) {
        setPhase({ step: 'error', message: result.message });
        return;
      }
      setPhase({ step: 'done', exhibit: result.data });
      router.refresh();
    } catch (error) {
      if (abort.current?.signal.aborted) {
        setPhase({ step: 'form' });
        return;
      }
      setPhase({ step: 'error', message: uploadErrorMessage(error, t, locale) });
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const title = String(form.get('title') ?? '').trim();
    const depositId = String(form.get('depositId') ?? '').trim();
    const problems: ErrorSummaryItem[] = [];
    if (!file) problems.push({ href: `#${ids.file}`, message: t('errors.file') });
    else if (mode === 'file' && file.size > maxBytes) {
      problems.push({ href: `#${ids.file}`, message: t('errors.tooLarge', { max: formatBytes(maxBytes, locale) }) });
    }
    // The server's rule (lib/text/plain-text.ts), checked here first so the reader gets their own language.
    else if (!isPlainText(file.name)) problems.push({ href: `#${ids.file}`, message: t('errors.fileNameInvalid') });
    if (!title) problems.push({ href: `#${ids.title}`, message: t('errors.title') });
    else if (!isPlainText(title)) problems.push({ href: `#${ids.title}`, message: t('errors.titleInvalid') });
    if (depositId && !UUID.test(depositId)) problems.push({ href: `#${ids.deposit}`, message: t('errors.depositId') });
    setErrors(problems);
    if (problems.length > 0 || !file) return;
    fields.current = { title, depositId };
    const [jobId] = add([file]);
    if (jobId) setPhase({ step: 'hashing', jobId });
  }

  const busy = phase.step === 'hashing' || phase.step === 'uploading' || phase.step === 'submitting';

  return (
    <div className="space-y-4" data-testid="submit-exhibit">
      <ErrorSummary id={ids.summary} title={t('errors.summary')} items={errors} testId="submit-errors" />
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <fieldset disabled={busy} className="space-y-4">
          <Field id={ids.file} label={t('fileLabel')} hint={t('fileHint')} error={errorAt(ids.file)}>
            {(control) => (
              <input
                {...control}
                type="file"
                name="file"
                data-testid="exhibit-file"
                onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
                className="mt-1 block w-full max-w-xl border border-slate-700 p-2"
              />
            )}
          </Field>
          <Field id={ids.title} label={t('titleLabel')} error={errorAt(ids.title)}>
            {(control) => (
              <input
                {...control}
                name="title"
                data-testid="exhibit-title"
                maxLength={200}
                className="mt-1 block w-full max-w-xl border border-slate-700 p-2"
              />
            )}
          </Field>
          <Field id={ids.deposit} label={t('depositLabel')} hint={t('depositHint')} error={errorAt(ids.deposit)}>
            {(control) => (
              <input
                {...control}
                name="depositId"
                data-testid="exhibit-deposit-id"
                autoComplete="off"
                spellCheck={false}
                placeholder="xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
                className="mt-1 block w-full max-w-xl border border-slate-700 p-2 font-mono"
              />
            )}
          </Field>
          <fieldset>
            <legend className="font-semibold">{t('modeLegend')}</legend>
            <label className="mt-1 flex items-start gap-2">
              <input
                type="radio"
                name="mode"
                value="file"
                checked={mode === 'file'}
                onChange={() => setMode('file')}
                className="mt-1"
              />
              <span>{t('modeFile')}</span>
            </label>
            <label className="mt-1 flex items-start gap-2">
              <input
                type="radio"
                name="mode"
                value="hash_only"
                checked={mode === 'hash_only'}
                onChange={() => setMode('hash_only')}
                className="mt-1"
              />
              <span>{t('modeHashOnly')}</span>
            </label>
          </fieldset>
          <button type="submit" className="bg-court-700 px-4 py-2 font-semibold text-white hover:bg-court-900">
            {t('submit')}
          </button>
        </fieldset>
      </form>

      <div aria-live="polite" data-testid="submit-status">
        {phase.step === 'hashing' && job ? (
          <HashProgress job={job} name={file?.name ?? ''} onCancel={() => cancel(job.id)} />
        ) : null}
        {phase.step === 'uploading' ? (
          <div className="space-y-2">
            <p className="font-semibold">{t('uploading')}</p>
            <progress
              aria-label={t('uploading')}
              value={phase.progress?.bytesSent ?? 0}
              max={Math.max(phase.progress?.totalBytes ?? 1, 1)}
              className="block h-4 w-full max-w-xl"
            />
            {phase.progress ? (
              <p className="text-sm tabular-nums">
                {formatBytes(phase.progress.bytesSent, locale)} / {formatBytes(phase.progress.totalBytes, locale)}
                {phase.progress.bytesPerSecond ? ` · ${formatRate(phase.progress.bytesPerSecond, locale)}` : ''}
              </p>
            ) : null}
            <button type="button" className="border border-slate-700 px-3 py-1" onClick={() => abort.current?.abort()}>
              {t('cancelUpload')}
            </button>
          </div>
        ) : null}
        {phase.step === 'submitting' ? <p className="font-semibold">{t('submitting')}</p> : null}
        {phase.step === 'done' ? (
          <p
            className="border-l-4 border-court-700 bg-slate-50 p-3"
            data-testid="submitted"
            data-verdict={phase.exhibit.verdict}
          >
            {t('done', { number: phase.exhibit.number, verdict: tv(phase.exhibit.verdict) })}{' '}
            <Link className="underline" href={`/cases/${caseId}/exhibits/${phase.exhibit.id}`}>
              {t('open')}
            </Link>
          </p>
        ) : null}
        {phase.step === 'error' ? (
          <p role="alert" className="border-l-4 border-red-800 bg-red-50 p-3 text-red-900" data-testid="submit-error">
            {phase.message}
          </p>
        ) : null}
      </div>
    </div>
  );
}
