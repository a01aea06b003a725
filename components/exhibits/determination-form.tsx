'use client';
/**
 * The judge records a determination with reasons, ticking the parties' opinions (质证意见) it
 * answers; every opinion lodged so far is listed. The server checks everything (an empty outcome
 * or reasons too); its refusal is shown in the portal's own error summary, in the reader's
 * language — the form is `noValidate`, with no `required`, so the browser never answers in its own
 * words. Works without JavaScript (a plain form post).
 */
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { type DeterminationFormState, recordDeterminationAction } from '@/app/(portal)/cases/[caseId]/actions';
import { BUTTON_CLASS, INPUT_CLASS, StatusLine } from '@/components/cases/docket-fields';
import { ExchangeErrorSummary, fieldError, useExchangeErrorMessage } from '@/components/exchange/exchange-fields';
import { Field, Fieldset } from '@/components/ui/field';

const OUTCOMES = ['accepted', 'rejected', 'expert_review'] as const;

export interface AnswerableOpinion {
  id: string;
  number: number;
  /** "Defendant 张三, 2026-12-06 10:00" as the page writes it. */
  label: string;
  late: boolean;
}

export function DeterminationForm({ exhibitId, opinions }: { exhibitId: string; opinions: AnswerableOpinion[] }) {
  const t = useTranslations('exhibits.determination');
  const tx = useTranslations('exchange');
  const message = useExchangeErrorMessage();
  const action = recordDeterminationAction.bind(null, exhibitId);
  const [state, formAction, pending] = useActionState<DeterminationFormState, FormData>(action, {
    attempt: 0,
    values: { outcome: '', reasoning: '', answers: [] },
    errors: [],
  });
  const values = state.values;
  const saved = state.done && state.errors.length === 0;
  return (
    <div className="space-y-4">
      <StatusLine testId={saved ? 'determination-saved' : undefined}>{saved ? t('saved') : null}</StatusLine>
      <form key={state.attempt} action={formAction} noValidate className="space-y-6" data-testid="determination-form">
        <ExchangeErrorSummary
          id="determination-errors"
          errors={state.errors}
          hrefFor={(field) =>
            field === 'outcome'
              ? '#determination-outcome-accepted'
              : field === 'answers'
                ? '#determination-answer-1'
                : `#determination-${field}`
          }
        />
        <Fieldset
          id="determination-outcome"
          legend={t('outcomeLegend')}
          error={fieldError(state.errors, 'outcome', message)}
        >
          {OUTCOMES.map((outcome) => (
            <label
              key={outcome}
              htmlFor={`determination-outcome-${outcome}`}
              className="mt-1 flex items-start gap-2 py-1"
            >
              <input
                id={`determination-outcome-${outcome}`}
                type="radio"
                name="outcome"
                value={outcome}
                defaultChecked={values.outcome === outcome}
                className="mt-1 size-5 shrink-0 accent-court-700"
              />
              <span>{t(`outcome.${outcome}`)}</span>
            </label>
          ))}
        </Fieldset>
        <Fieldset
          id="determination-answers"
          legend={tx('determination.answersLegend')}
          hint={opinions.length > 0 ? tx('determination.answersHint') : tx('determination.answersNone')}
          error={fieldError(state.errors, 'answers', message)}
        >
          {opinions.map((o) => (
            <label
              key={o.id}
              htmlFor={`determination-answer-${o.number}`}
              className="mt-1 flex min-w-0 items-start gap-2 py-1"
            >
              <input
                id={`determination-answer-${o.number}`}
                type="checkbox"
                name="answers"
                value={o.id}
                defaultChecked={values.answers.includes(o.id)}
                className="mt-1 size-5 shrink-0 accent-court-700"
              />
              <span className="min-w-0 break-words">
                {o.label}
                {o.late ? <strong className="ml-2 text-seal-700">{tx('opinion.late')}</strong> : null}
              </span>
            </label>
          ))}
        </Fieldset>
        <Field
          id="determination-reasoning"
          label={t('reasoningLabel')}
          hint={t('reasoningHint')}
          error={fieldError(state.errors, 'reasoning', message)}
        >
          {(control) => (
            <textarea
              {...control}
              name="reasoning"
              rows={5}
              defaultValue={values.reasoning}
              className={`${INPUT_CLASS} max-w-2xl`}
            />
          )}
        </Field>
        <button type="submit" disabled={pending} className={BUTTON_CLASS}>
          {t('submit')}
        </button>
      </form>
    </div>
  );
}
