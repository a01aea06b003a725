'use client';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Field } from '@/components/ui/field';
import { FileDropZone } from '@/components/ui/file-drop-zone';
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

  /** The typed deposit ID: undefined when empty, null (and an error shown) when malformed. */
  function readDepositId(): string | undefined | null {
    if (depositIdText.trim() === '') return undefined;
    const id = parseDepositId(depositIdText);
    if (!id) setErrors({ depositId: t('errors.depositIdInvalid') });
    return id;
  }

  function takeFiles(files: File[]) {
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

      <Field id="deposit-id" label={t('depositIdLabel')} hint={t('depositIdHint')} error={errors.depositId} size="l">
        {(control) => (
          <input
            {...control}
            name="depositId"
            type="text"
            value={depositIdText}
            onChange={(e) => setDepositIdText(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            inputMode="text"
            className="block w-full max-w-xl border-2 border-slate-800 px-3 py-2 font-mono text-base aria-[invalid]:border-seal-700"
          />
        )}
      </Field>

      <fieldset className="space-y-6">
        <legend className="mb-2 text-xl font-bold">{t('whatLegend')}</legend>
        <FileDropZone
          id="verify-files"
          words={{
            label: t('filesLabel'),
            hint: t('filesHint'),
            dropHere: t('dropHere'),
            dropNow: t('dropNow'),
            chooseFiles: t('chooseFiles'),
          }}
          error={errors.form}
          onFiles={takeFiles}
          testId="drop-zone"
        />

        <p className="text-lg font-semibold" aria-hidden="true">
          {t('or')}
        </p>

        <Field id="digest" label={t('digestLabel')} hint={t('digestHint')} error={errors.digest} size="l">
          {(control) => (
            <textarea
              {...control}
              name="digest"
              rows={2}
              value={digestText}
              onChange={(e) => setDigestText(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              className="block w-full max-w-xl border-2 border-slate-800 px-3 py-2 font-mono text-base aria-[invalid]:border-seal-700"
            />
          )}
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
