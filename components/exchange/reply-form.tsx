'use client';
/** The submitting side replies to one opinion on its exhibit (lib/exchange checks who may). */
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { type ReplyFormState, replyToOpinionAction } from '@/app/(portal)/cases/[caseId]/exhibits/[exhibitId]/actions';
import { BUTTON_CLASS, INPUT_CLASS, StatusLine } from '@/components/cases/docket-fields';
import { Field } from '@/components/ui/field';
import { ExchangeErrorSummary, fieldError, useExchangeErrorMessage } from './exchange-fields';

export function ReplyForm({
  opinionId,
  opinionNumber,
  maxReasons,
}: {
  opinionId: string;
  opinionNumber: number;
  maxReasons: number;
}) {
  const t = useTranslations('exchange');
  const message = useExchangeErrorMessage();
  const [state, action, pending] = useActionState<ReplyFormState, FormData>(
    replyToOpinionAction.bind(null, opinionId),
    { attempt: 0, values: { reasons: '' }, errors: [] },
  );
  const id = `reply-${opinionNumber}`;
  const saved = state.done && state.errors.length === 0;
  return (
    <div className="space-y-3" data-testid="reply-form-block">
      <StatusLine testId={saved ? 'reply-saved' : undefined}>{saved ? t('reply.saved') : null}</StatusLine>
      <form key={state.attempt} action={action} noValidate className="space-y-4" data-testid="reply-form">
        <ExchangeErrorSummary id={`${id}-errors`} errors={state.errors} hrefFor={() => `#${id}-reasons`} />
        <Field
          id={`${id}-reasons`}
          label={t('reply.label')}
          labelExtra={t('reply.summary', { number: opinionNumber })}
          hint={t('reply.hint', { max: maxReasons })}
          error={fieldError(state.errors, 'reasons', message)}
        >
          {(control) => (
            <textarea
              {...control}
              name="reasons"
              rows={4}
              defaultValue={state.values.reasons}
              className={`${INPUT_CLASS} max-w-2xl`}
            />
          )}
        </Field>
        <button type="submit" disabled={pending} className={BUTTON_CLASS}>
          {pending ? t('reply.submitting') : t('reply.submit')}
        </button>
      </form>
    </div>
  );
}
