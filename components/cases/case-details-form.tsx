'use client';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { type CaseDetailsState, updateCaseAction } from '@/app/(portal)/cases/[caseId]/manage/actions';
import { Field } from '@/components/ui/field';
import type { CaseStatus } from '@/lib/db/generated/enums';
import {
  BUTTON_CLASS,
  DocketErrorSummary,
  INPUT_CLASS,
  RadioGroup,
  StatusLine,
  useDocketErrorMessage,
} from './docket-fields';

/** Edits a case's title, cause of action and status. */
export function CaseDetailsForm({
  caseId,
  initial,
}: {
  caseId: string;
  initial: { title: string; causeOfAction: string; status: CaseStatus };
}) {
  const t = useTranslations('docket');
  const statuses = useTranslations('cases.statuses');
  const message = useDocketErrorMessage();
  const [state, action, pending] = useActionState(updateCaseAction, {
    attempt: 0,
    values: initial,
    errors: [],
  } satisfies CaseDetailsState);
  // After a save the page re-renders with the stored values; after a refusal, show what was typed.
  const values = state.errors.length > 0 ? state.values : initial;
  const errorOf = (field: string) => {
    const error = state.errors.find((e) => e.field === field);
    return error ? message(error) : undefined;
  };
  const titleError = errorOf('title');
  const causeError = errorOf('causeOfAction');
  return (
    <div className="space-y-4">
      <StatusLine testId="case-details-status">
        {state.done && state.errors.length === 0
          ? t(`manage.${state.done.key === 'saved' ? 'saved' : 'unchanged'}`)
          : null}
      </StatusLine>
      <form key={state.attempt} action={action} noValidate className="space-y-6" data-testid="case-details-form">
        <DocketErrorSummary
          id="case-details-errors"
          errors={state.errors}
          hrefFor={(f) => (f === 'status' ? '#status-open' : `#${f}`)}
        />
        <input type="hidden" name="caseId" value={caseId} />
        <Field id="title" label={t('fields.title')} hint={t('fields.titleHint')} error={titleError}>
          {(control) => (
            <input
              {...control}
              name="title"
              type="text"
              defaultValue={values.title}
              autoComplete="off"
              className={`${INPUT_CLASS} max-w-2xl`}
            />
          )}
        </Field>
        <Field
          id="causeOfAction"
          label={t('fields.causeOfAction')}
          hint={t('fields.causeOfActionHint')}
          error={causeError}
        >
          {(control) => (
            <input
              {...control}
              name="causeOfAction"
              type="text"
              defaultValue={values.causeOfAction}
              autoComplete="off"
              className={`${INPUT_CLASS} max-w-2xl`}
            />
          )}
        </Field>
        <RadioGroup
          name="status"
          legend={t('fields.status')}
          hint={t('fields.statusHint')}
          error={errorOf('status')}
          defaultValue={values.status}
          options={(['open', 'closed'] as const).map((s) => ({ value: s, label: statuses(s) }))}
        />
        <button type="submit" disabled={pending} className={BUTTON_CLASS}>
          {pending ? t('manage.saving') : t('manage.save')}
        </button>
      </form>
    </div>
  );
}
