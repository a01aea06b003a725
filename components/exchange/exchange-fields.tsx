'use client';
/**
 * The exchange forms' shared parts: the sentence for each error in the reader's language, and the
 * portal's own error summary fed by an action's state (never the browser's tooltip: the forms are
 * `noValidate` and carry no `required`).
 */
import { useTranslations } from 'next-intl';
import { ErrorSummary } from '@/components/ui/error-summary';
import type { ExchangeFormError } from './exchange-form-state';

export function useExchangeErrorMessage(): (error: ExchangeFormError) => string {
  const t = useTranslations('exchange');
  return (error) => t(`errors.${error.key}`, { aspect: error.aspect ? t(`aspect.${error.aspect}`) : '' });
}

/** Keyed by the submission count by its caller's form, so it takes focus after every refusal. */
export function ExchangeErrorSummary({
  id,
  errors,
  hrefFor,
}: {
  id: string;
  errors: ExchangeFormError[];
  /** The element an error about `field` links to (default: `#<id>-<field>`). */
  hrefFor?: (field: string) => string;
}) {
  const t = useTranslations('exchange');
  const message = useExchangeErrorMessage();
  return (
    <ErrorSummary
      id={`${id}-summary`}
      title={t('errorSummary')}
      testId={id}
      items={errors.map((e) => ({
        message: message(e),
        href: e.field ? (hrefFor?.(e.field) ?? `#${id}-${e.field}`) : undefined,
        testId: `${id}-${e.key}`,
      }))}
    />
  );
}

/** The field's own error, by the field (GOV.UK: the same words as in the summary). */
export function fieldError(
  errors: ExchangeFormError[],
  field: string,
  message: (e: ExchangeFormError) => string,
): string | undefined {
  const error = errors.find((e) => e.field === field);
  return error ? message(error) : undefined;
}
