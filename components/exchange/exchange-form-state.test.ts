/**
 * The exchange forms' errors come from the server as keys the form writes in the reader's
 * language: each zod issue of the domain functions maps to one key (by field and code), in the
 * order of the fields on the page; refusals map to their own keys; anything else is unexpected.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors/app-error';
import { validationFailed } from '@/lib/errors/zod-issues';
import en from '@/messages/en.json';
import zh from '@/messages/zh-CN.json';
import { exchangeFormErrors } from './exchange-form-state';

const issues = (list: Array<[string, string]>) =>
  validationFailed(list.map(([path, code]) => ({ path, code, message: code })));

describe('exchangeFormErrors', () => {
  it('names each field once, in the page’s order, with the aspect it is about', () => {
    const error = new AppError('VALIDATION_FAILED', 'x', {
      issues: [
        { path: 'relevance', code: 'invalid_value' },
        { path: 'counterExhibitId', code: 'custom' },
        { path: 'authenticityReasons', code: 'custom' },
        { path: 'authenticityReasons', code: 'too_big' },
        { path: 'legalityReasons', code: 'too_big' },
        { path: 'relevanceReasons', code: 'invalid_format' },
      ],
    });
    expect(exchangeFormErrors(error)).toEqual([
      { key: 'REASONS_REQUIRED', field: 'authenticityReasons', aspect: 'authenticity' },
      { key: 'REASONS_TOO_LONG', field: 'legalityReasons', aspect: 'legality' },
      { key: 'POSITION_MISSING', field: 'relevance', aspect: 'relevance' },
      { key: 'TEXT_INVALID', field: 'relevanceReasons', aspect: 'relevance' },
      { key: 'COUNTER_EXHIBIT', field: 'counterExhibitId' },
    ]);
  });

  it('maps a refused character in the determination’s reasoning (lib/text/plain-text.ts) to TEXT_INVALID', () => {
    expect(exchangeFormErrors(issues([['reasoning', 'invalid_format']]))).toEqual([
      { key: 'TEXT_INVALID', field: 'reasoning' },
    ]);
  });

  it('maps the reply, the deadline and the determination’s fields', () => {
    expect(exchangeFormErrors(issues([['reasons', 'too_small']]))).toEqual([
      { key: 'REPLY_MISSING', field: 'reasons' },
    ]);
    expect(exchangeFormErrors(issues([['reasons', 'too_big']]))).toEqual([{ key: 'REPLY_TOO_LONG', field: 'reasons' }]);
    expect(exchangeFormErrors(issues([['date', 'custom']]))).toEqual([{ key: 'DATE_INVALID', field: 'date' }]);
    expect(
      exchangeFormErrors(
        issues([
          ['reasoning', 'too_small'],
          ['answers[0]', 'invalid_format'],
          ['outcome', 'invalid_value'],
        ]),
      ),
    ).toEqual([
      { key: 'OUTCOME_MISSING', field: 'outcome' },
      { key: 'REASONING_MISSING', field: 'reasoning' },
      { key: 'ANSWERS_INVALID', field: 'answers' },
    ]);
    expect(exchangeFormErrors(issues([['reasoning', 'too_big']]))).toEqual([
      { key: 'REASONING_TOO_LONG', field: 'reasoning' },
    ]);
  });

  it('maps refusals, and leaves unexpected errors to the caller', () => {
    expect(exchangeFormErrors(new AppError('FORBIDDEN', 'no'))).toEqual([{ key: 'FORBIDDEN' }]);
    expect(exchangeFormErrors(new AppError('NOT_FOUND', 'no'))).toEqual([{ key: 'NOT_FOUND' }]);
    expect(exchangeFormErrors(new AppError('UNAUTHENTICATED', 'no'))).toEqual([{ key: 'SESSION' }]);
    expect(exchangeFormErrors(issues([['unknown', 'custom']]))).toEqual([{ key: 'UNAVAILABLE' }]);
    expect(exchangeFormErrors(new AppError('INTERNAL', 'boom'))).toBeNull();
    expect(exchangeFormErrors(new Error('boom'))).toBeNull();
  });

  it('has a sentence for every key in both languages', () => {
    const keys = [
      'POSITION_MISSING',
      'REASONS_REQUIRED',
      'REASONS_TOO_LONG',
      'TEXT_INVALID',
      'COUNTER_EXHIBIT',
      'REPLY_MISSING',
      'REPLY_TOO_LONG',
      'DATE_INVALID',
      'OUTCOME_MISSING',
      'REASONING_MISSING',
      'REASONING_TOO_LONG',
      'ANSWERS_INVALID',
      'FORBIDDEN',
      'NOT_FOUND',
      'SESSION',
      'UNAVAILABLE',
    ];
    for (const messages of [en, zh]) {
      expect(Object.keys(messages.exchange.errors).sort()).toEqual([...keys].sort());
    }
  });
});
