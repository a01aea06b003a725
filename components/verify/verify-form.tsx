'use client';
import { useTranslations } from 'next-intl';
import { type FormEvent, type ReactNode, useState } from 'react';
import { CodeField } from '@/components/ui/code-field';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Field } from '@/components/ui/field';
import { FileDropZone } from '@/components/ui/file-drop-zone';
import { parseDepositId, parseDigestInput } from './format';

type Errors = { depositId?: string; digest?: string; form?: string };

export interface VerifyFormProps {
  onFiles: (files: File[], depositId: string | undefined) => void;
  onDigest: (hex: string, depositId: string | undefined) => void;
  onDeposit: (depositId: string) => void;
  /** The deposit ID the page was opened with (/verify?deposit=<id>), already in the field. */
  initialDepositId?: string;
  /** Compares the row a verdict invited to compare (`compareWith` names it) with the typed deposit. */
  onCompare: (depositId: string) => void;
  /** The file or digest that the typed deposit ID will be compared with, once submitted. */
  compareWith?: string;
  /** The results, shown right under the file question, where the person is looking. */
  results?: ReactNode;
}

/**
 * One question first: the file (or, without it, a pasted digest); its result right under it;
 * then the optional deposit ID from the person's receipt, which names the one deposit that files
 * and digests are compared with (alone, it looks the deposit up). Errors follow the GOV.UK
 * pattern: a summary that takes focus, linking to each field, and the message by the field.
 */
export function VerifyForm({
  onFiles,
  onDigest,
  onDeposit,
  onCompare,
  compareWith,
  results,
  initialDepositId,
}: VerifyFormProps) {
  const t = useTranslations('verify.form');
  const [depositIdText, setDepositIdText] = useState(initialDepositId ?? '');
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
      if (compareWith) onCompare(id);
      else onDeposit(id);
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

      {results}

      <div>
        <p className="mb-2 text-lg font-semibold" aria-hidden="true">
          {t('or')}
        </p>
        <Field id="digest" label={t('digestLabel')} hint={t('digestHint')} error={errors.digest}>
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
      </div>

      {/* The file a verdict's invitation will compare is named in the field's hint, so it is read with the field. */}
      <CodeField
        id="deposit-id"
        name="depositId"
        label={t('depositIdLabel')}
        hint={
          compareWith ? (
            <>
              {t('depositIdHint')}
              <span
                className="mt-2 block border-l-4 border-court-700 pl-3 font-semibold text-slate-900 break-words"
                data-testid="compare-with"
              >
                {t('compareWith', { name: compareWith })}
              </span>
            </>
          ) : (
            t('depositIdHint')
          )
        }
        error={errors.depositId}
        value={depositIdText}
        onChange={setDepositIdText}
        className="scroll-my-24"
      />

      <button
        type="submit"
        className="bg-court-700 px-5 py-2.5 text-base font-semibold text-white shadow-[0_2px_0_#0b2545] hover:bg-court-800"
      >
        {compareWith ? t('compareSubmit') : t('submit')}
      </button>
    </form>
  );
}
