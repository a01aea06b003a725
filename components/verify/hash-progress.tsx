'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useId } from 'react';
import type { FileHashJob } from '@/lib/hashing/use-file-hashing';
import { formatBytes, formatDuration, formatRate } from './format';

/** Bytes, percent, MB/s and time left while a file is hashed, with a cancel button. */
export function HashProgress({ job, name, onCancel }: { job: FileHashJob; name: string; onCancel: () => void }) {
  const t = useTranslations('verify.progress');
  const locale = useLocale();
  const labelId = useId();
  const queued = job.state === 'queued';
  return (
    <div className="space-y-2" data-testid="hash-progress">
      <p id={labelId} className="font-semibold">
        {queued ? t('queued') : t('hashing')}
      </p>
      <progress
        aria-labelledby={labelId}
        value={job.bytesDone}
        max={Math.max(job.totalBytes, 1)}
        className="block h-4 w-full max-w-xl overflow-hidden border border-slate-700 [&::-webkit-progress-bar]:bg-slate-100 [&::-webkit-progress-value]:bg-court-700"
      />
      <p className="text-sm text-slate-800 tabular-nums" data-testid="progress-text">
        {t('bytes', {
          done: formatBytes(job.bytesDone, locale),
          total: formatBytes(job.totalBytes, locale),
          percent: job.percent,
        })}
        {job.bytesPerSecond ? ` · ${formatRate(job.bytesPerSecond, locale)}` : ''}
        {job.secondsLeft !== null && job.bytesPerSecond
          ? ` · ${t('timeLeft', { time: formatDuration(job.secondsLeft, locale) })}`
          : ''}
      </p>
      <button
        type="button"
        onClick={onCancel}
        aria-label={t('cancelLabel', { name })}
        className="border-2 border-slate-800 bg-white px-4 py-1.5 text-base font-semibold text-slate-900 hover:bg-slate-100"
      >
        {t('cancel')}
      </button>
    </div>
  );
}
