'use client';
import { useTranslations } from 'next-intl';
import { type DragEvent, type FormEvent, type ReactNode, useState } from 'react';
import { ErrorSummary } from '@/components/ui/error-summary';
import { parseDepositId, parseDigestInput } from './format';

type Errors = { depositId?: string; digest?: string; form?: string };

export interface VerifyFormProps {
  onFiles: (files: File[], depositId: string | undefined) => void;
  onDigest: (hex: string, depositId: string | undefined) => void;
  onDeposit: (depositId: string) => void;
}

/**
 * The three ways in: choose or drop files, paste a digest, or type a deposit ID — the ID also
 * names the deposit that files and digests are checked against. Errors follow the GOV.UK
 * pattern: a summary that takes focus, linking to each field, and the message by the field.
 */
export function VerifyForm({ onFiles, onDigest, onDeposit }: VerifyFormProps) {
  const t = useTranslations('verify.form');
  const [depositIdText, setDepositIdText] = useState('');
  const [digestText, setDigestText] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [dragging, setDragging] = useState(false);

  /** The typed deposit ID: undefined when empty, null (and an error shown) when malformed. */
  function readDepositId(): string | undefined | null {
    if (depositIdText.trim() === '') return undefined;
    const id = parseDepositId(depositIdText);
    if (!id) setErrors({ depositId: t('errors.depositIdInvalid') });
    return id;
  }

  function takeFiles(list: FileList | null) {
    const files = list ? [...list] : [];
    if (files.length === 0) return;
    setErrors({});
    const id = readDepositId();
    if (id === null) return;
    onFiles(files, id);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setErrors({});
    const id = readDepositId();
    if (id === null) return;
    if (digestText.trim() !== '') {
      const digest = parseDigestInput(digestText);
      if (!digest.ok) {
        setErrors({
          digest:
            digest.error === 'length'
              ? t('errors.digestLength', { count: digest.length })
              : t('errors.digestCharacters'),
        });
        return;
      }
      onDigest(digest.hex, id);
      setDigestText('');
      return;
    }
    if (id) {
      onDeposit(id);
      return;
    }
    setErrors({ form: t('errors.nothing') });
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    takeFiles(event.dataTransfer.files);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-8" aria-label={t('label')}>
      <ErrorSummary
        id="verify-error-summary"
        title={t('errorSummary')}
        testId="verify-errors"
        items={[
          ...(errors.form ? [{ message: errors.form, href: '#verify-files' }] : []),
          ...(errors.depositId ? [{ message: errors.depositId, href: '#deposit-id' }] : []),
          ...(errors.digest ? [{ message: errors.digest, href: '#digest' }] : []),
        ]}
      />

      <Field id="deposit-id" label={t('depositIdLabel')} hint={t('depositIdHint')} error={errors.depositId}>
        <input
          id="deposit-id"
          name="depositId"
          type="text"
          value={depositIdText}
          onChange={(e) => setDepositIdText(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          inputMode="text"
          aria-invalid={errors.depositId ? true : undefined}
          aria-describedby={`deposit-id-hint${errors.depositId ? ' deposit-id-error' : ''}`}
          className="block w-full max-w-xl border-2 border-slate-800 px-3 py-2 font-mono text-base aria-[invalid]:border-seal-700"
        />
      </Field>

      <fieldset className="space-y-6">
        <legend className="mb-2 text-xl font-bold">{t('whatLegend')}</legend>
        <Field id="verify-files" label={t('filesLabel')} hint={t('filesHint')} error={errors.form}>
          <div
            onDragEnter={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragOver={(e) => e.preventDefault()}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            className={`max-w-xl border-2 border-dashed p-4 ${dragging ? 'border-court-700 bg-court-50' : 'border-slate-600 bg-slate-50'}`}
            data-testid="drop-zone"
          >
            <p className="mb-3 text-slate-800" aria-hidden="true">
              {dragging ? t('dropNow') : t('dropHere')}
            </p>
            <input
              id="verify-files"
              name="files"
              type="file"
              multiple
              onChange={(e) => {
                takeFiles(e.target.files);
                e.target.value = '';
              }}
              aria-describedby={`verify-files-hint${errors.form ? ' verify-files-error' : ''}`}
              className="peer sr-only"
            />
            {/* The browser's own button speaks the browser's language, not the page's: this one is the page's. */}
            <label
              htmlFor="verify-files"
              className="inline-block cursor-pointer border-2 border-slate-800 bg-white px-4 py-2 font-semibold text-slate-900 hover:bg-slate-100 peer-focus-visible:shadow-[0_0_0_3px_var(--color-focus),0_0_0_5px_var(--color-court-900)]"
            >
              {t('chooseFiles')}
            </label>
          </div>
        </Field>

        <p className="text-lg font-semibold" aria-hidden="true">
          {t('or')}
        </p>

        <Field id="digest" label={t('digestLabel')} hint={t('digestHint')} error={errors.digest}>
          <textarea
            id="digest"
            name="digest"
            rows={2}
            value={digestText}
            onChange={(e) => setDigestText(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={errors.digest ? true : undefined}
            aria-describedby={`digest-hint${errors.digest ? ' digest-error' : ''}`}
            className="block w-full max-w-xl border-2 border-slate-800 px-3 py-2 font-mono text-base aria-[invalid]:border-seal-700"
          />
        </Field>
      </fieldset>

      <button
        type="submit"
        className="bg-court-700 px-5 py-2.5 text-base font-semibold text-white shadow-[0_2px_0_#0b2545] hover:bg-court-800"
      >
        {t('submit')}
      </button>
    </form>
  );
}

function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className={error ? 'border-l-4 border-seal-700 pl-4' : undefined}>
      <label htmlFor={id} className="mb-1 block text-lg font-semibold">
        {label}
      </label>
      <p id={`${id}-hint`} className="mb-2 max-w-prose text-slate-700">
        {hint}
      </p>
      {error ? (
        <p id={`${id}-error`} className="mb-2 font-semibold text-seal-700">
          <span className="sr-only">{`${label}: `}</span>
          {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}
