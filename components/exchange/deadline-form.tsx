'use client';
/** A clerk sets or removes the case's deadline for opinions (质证期限): a day, Beijing time. */
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import {
  type DeadlineFormState,
  setExchangeDeadlineAction,
} from '@/app/(portal)/cases/[caseId]/manage/exchange/actions';
import { BUTTON_CLASS, INPUT_CLASS, StatusLine } from '@/components/cases/docket-fields';
import { Field } from '@/components/ui/field';
import { ExchangeErrorSummary, fieldError, useExchangeErrorMessage } from './exchange-fields';

export function DeadlineForm({ caseId, initialDate }: { caseId: string; initialDate: string }) {
  const t = useTranslations('exchange');
  const message = useExchangeErrorMessage();
  const [state, action, pending] = useActionState<DeadlineFormState, FormData>(
    setExchangeDeadlineAction.bind(null, caseId),
    { attempt: 0, values: { date: initialDate }, errors: [] },
  );
  const saved = state.done && state.errors.length === 0;
  return (
    <div className="space-y-3">
      <StatusLine testId={saved ? 'deadline-saved' : undefined}>
        {saved ? t(state.changed ? 'manage.saved' : 'manage.unchanged') : null}
      </StatusLine>
      <form key={state.attempt} action={action} noValidate className="space-y-4" data-testid="deadline-form">
        <ExchangeErrorSummary id="deadline-errors" errors={state.errors} hrefFor={() => '#deadline-date'} />
        <Field
          id="deadline-date"
          label={t('manage.dateLabel')}
          hint={t('manage.dateHint')}
          error={fieldError(state.errors, 'date', message)}
        >
          {(control) => (
            <input
              {...control}
              type="date"
              name="date"
              defaultValue={state.values.date}
              className={`${INPUT_CLASS} max-w-xs`}
            />
          )}
        </Field>
        <button type="submit" disabled={pending} className={BUTTON_CLASS}>
          {t('manage.submit')}
        </button>
      </form>
    </div>
  );
}
