'use client';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { createCaseAction, type NewCaseState } from '@/app/(portal)/cases/new/actions';
import { Field } from '@/components/ui/field';
import { BUTTON_CLASS, DocketErrorSummary, INPUT_CLASS, useDocketErrorMessage } from './docket-fields';

const INITIAL: NewCaseState = { attempt: 0, values: { caseNumber: '', title: '', causeOfAction: '' }, errors: [] };

/** Opens a case: number, title, cause of action. Works without JavaScript (a plain form post). */
export function NewCaseForm() {
  const t = useTranslations('docket');
  const message = useDocketErrorMessage();
  const [state, action, pending] = useActionState(createCaseAction, INITIAL);
  const errorOf = (field: string) => {
    const error = state.errors.find((e) => e.field === field);
    return error ? message(error) : undefined;
  };
  const fields = [
    { name: 'caseNumber', label: t('fields.caseNumber'), hint: t('fields.caseNumberHint'), mono: true },
    { name: 'title', label: t('fields.title'), hint: t('fields.titleHint'), mono: false },
    { name: 'causeOfAction', label: t('fields.causeOfAction'), hint: t('fields.causeOfActionHint'), mono: false },
  ] as const;
  return (
    <form key={state.attempt} action={action} noValidate className="space-y-6" data-testid="new-case-form">
      <DocketErrorSummary id="new-case-errors" errors={state.errors} />
      {fields.map((f) => {
        const error = errorOf(f.name);
        return (
          <Field key={f.name} id={f.name} label={f.label} hint={f.hint} error={error}>
            {(control) => (
              <input
                {...control}
                name={f.name}
                type="text"
                defaultValue={state.values[f.name]}
                autoComplete="off"
                spellCheck={false}
                className={`${INPUT_CLASS} ${f.mono ? 'max-w-md font-mono' : 'max-w-2xl'}`}
              />
            )}
          </Field>
        );
      })}
      <button type="submit" disabled={pending} className={BUTTON_CLASS}>
        {pending ? t('new.submitting') : t('new.submit')}
      </button>
    </form>
  );
}
