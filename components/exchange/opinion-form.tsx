'use client';
/**
 * A party's opinion (质证意见) on an exhibit of the other side: accept / dispute / no opinion on
 * authenticity, legality and relevance, reasons for each (required when disputed), and optional
 * counter-evidence from their own side's exhibits. Checked by the server (lib/exchange), errors
 * in the portal's own summary; works without JavaScript (a plain form post).
 */
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import {
  lodgeOpinionAction,
  type OpinionFormState,
  type OpinionFormValues,
} from '@/app/(portal)/cases/[caseId]/exhibits/[exhibitId]/actions';
import { BUTTON_CLASS, INPUT_CLASS, StatusLine } from '@/components/cases/docket-fields';
import { Field, Fieldset } from '@/components/ui/field';
import { ExchangeErrorSummary, fieldError, useExchangeErrorMessage } from './exchange-fields';
import { EXCHANGE_ASPECTS } from './exchange-form-state';

const POSITIONS = ['accept', 'dispute', 'no_opinion'] as const;
const EMPTY: OpinionFormValues = {
  authenticity: '',
  authenticityReasons: '',
  legality: '',
  legalityReasons: '',
  relevance: '',
  relevanceReasons: '',
  counterExhibitId: '',
};

export function OpinionForm({
  exhibitId,
  counterExhibits,
  late,
  maxReasons,
}: {
  exhibitId: string;
  counterExhibits: Array<{ id: string; number: number; title: string }>;
  /** The deadline has passed: say so before the person lodges. */
  late: boolean;
  maxReasons: number;
}) {
  const t = useTranslations('exchange');
  const message = useExchangeErrorMessage();
  const [state, action, pending] = useActionState<OpinionFormState, FormData>(
    lodgeOpinionAction.bind(null, exhibitId),
    { attempt: 0, values: EMPTY, errors: [] },
  );
  const values = state.values;
  const id = 'opinion';
  const saved = state.done && state.errors.length === 0;
  return (
    <div className="space-y-4" data-testid="opinion-form-block">
      <StatusLine testId={saved ? 'opinion-saved' : undefined}>{saved ? t('lodge.saved') : null}</StatusLine>
      <form key={state.attempt} action={action} noValidate className="space-y-6" data-testid="opinion-form">
        <ExchangeErrorSummary
          id={`${id}-errors`}
          errors={state.errors}
          hrefFor={(field) =>
            (EXCHANGE_ASPECTS as readonly string[]).includes(field) ? `#${id}-${field}-accept` : `#${id}-${field}`
          }
        />
        {late ? (
          <p
            className="border-l-4 border-seal-700 bg-red-50 p-3 font-semibold text-seal-700"
            data-testid="late-warning"
          >
            <span aria-hidden="true">⚠ </span>
            {t('lodge.lateWarning')}
          </p>
        ) : null}
        {EXCHANGE_ASPECTS.map((aspect) => {
          const name = t(`aspect.${aspect}`);
          return (
            <div key={aspect} className="space-y-3 border-l-4 border-slate-300 pl-3" data-aspect={aspect}>
              <Fieldset id={`${id}-${aspect}`} legend={name} error={fieldError(state.errors, aspect, message)}>
                <div className="flex flex-wrap gap-x-6 gap-y-2">
                  {POSITIONS.map((p) => (
                    <label key={p} htmlFor={`${id}-${aspect}-${p}`} className="flex items-center gap-2 py-1">
                      <input
                        id={`${id}-${aspect}-${p}`}
                        type="radio"
                        name={aspect}
                        value={p}
                        defaultChecked={values[aspect] === p}
                        className="size-5 accent-court-700"
                      />
                      {t(`position.${p}`)}
                    </label>
                  ))}
                </div>
              </Fieldset>
              <Field
                id={`${id}-${aspect}Reasons`}
                label={t('lodge.reasonsLabel', { aspect: name })}
                hint={t('lodge.reasonsHint', { max: maxReasons })}
                error={fieldError(state.errors, `${aspect}Reasons`, message)}
              >
                {(control) => (
                  <textarea
                    {...control}
                    name={`${aspect}Reasons`}
                    rows={3}
                    defaultValue={values[`${aspect}Reasons`]}
                    className={`${INPUT_CLASS} max-w-2xl`}
                  />
                )}
              </Field>
            </div>
          );
        })}
        <Field
          id={`${id}-counterExhibitId`}
          label={t('lodge.counterLabel')}
          hint={t('lodge.counterHint')}
          error={fieldError(state.errors, 'counterExhibitId', message)}
        >
          {(control) => (
            <select
              {...control}
              name="counterExhibitId"
              defaultValue={values.counterExhibitId}
              className={`${INPUT_CLASS} max-w-2xl`}
            >
              <option value="">{t('lodge.counterNone')}</option>
              {counterExhibits.map((e) => (
                <option key={e.id} value={e.id}>
                  {t('lodge.counterOption', { number: e.number, title: e.title })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" disabled={pending} className={BUTTON_CLASS}>
          {pending ? t('lodge.submitting') : t('lodge.submit')}
        </button>
      </form>
    </div>
  );
}
