'use client';
import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { type DeterminationFormState, recordDeterminationAction } from '@/app/(portal)/cases/[caseId]/actions';
import { Field } from '@/components/ui/field';

const OUTCOMES = ['accepted', 'rejected', 'expert_review'] as const;

/** The judge records a determination with reasoning; works without JavaScript (a plain form post). */
export function DeterminationForm({ exhibitId }: { exhibitId: string }) {
  const t = useTranslations('exhibits.determination');
  const action = recordDeterminationAction.bind(null, exhibitId);
  const [state, formAction, pending] = useActionState<DeterminationFormState, FormData>(action, {});
  const reasoningId = useId();
  const errorId = useId();
  const failed = state.result && !state.result.ok ? state.result : null;
  return (
    <form action={formAction} className="space-y-4" data-testid="determination-form">
      {failed ? (
        <p id={errorId} role="alert" className="border-l-4 border-red-800 bg-red-50 p-3 text-red-900">
          {failed.message}
        </p>
      ) : null}
      {state.result?.ok ? (
        <p role="status" className="border-l-4 border-court-700 bg-slate-50 p-3" data-testid="determination-saved">
          {t('saved')}
        </p>
      ) : null}
      <fieldset>
        <legend className="font-semibold">{t('outcomeLegend')}</legend>
        {OUTCOMES.map((outcome) => (
          <label key={outcome} className="mt-1 flex items-start gap-2">
            <input type="radio" name="outcome" value={outcome} required className="mt-1" />
            <span>{t(`outcome.${outcome}`)}</span>
          </label>
        ))}
      </fieldset>
      <Field
        id={reasoningId}
        label={t('reasoningLabel')}
        hint={t('reasoningHint')}
        describedBy={failed ? errorId : undefined}
      >
        {(control) => (
          <textarea
            {...control}
            name="reasoning"
            required
            maxLength={5000}
            rows={5}
            className="mt-1 block w-full max-w-2xl border border-slate-700 p-2"
          />
        )}
      </Field>
      <button
        type="submit"
        disabled={pending}
        className="bg-court-700 px-4 py-2 font-semibold text-white hover:bg-court-900 disabled:opacity-60"
      >
        {t('submit')}
      </button>
    </form>
  );
}
