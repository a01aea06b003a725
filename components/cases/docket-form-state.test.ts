import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors/app-error';
import { docketFormErrors } from './docket-form-state';

describe('docketFormErrors', () => {
  it('turns validation issues into one error per field', () => {
    const error = new AppError('VALIDATION_FAILED', 'bad', {
      issues: [
        { path: 'caseNumber', code: 'too_small', message: '' },
        { path: 'caseNumber', code: 'invalid_format', message: '' },
        { path: 'title', code: 'too_big', message: '' },
        { path: 'causeOfAction', code: 'too_small', message: '' },
        { path: 'role', code: 'invalid_value', message: '' },
      ],
    });
    expect(docketFormErrors(error)).toEqual([
      { key: 'CASE_NUMBER_MISSING', field: 'caseNumber' },
      { key: 'TITLE_TOO_LONG', field: 'title' },
      { key: 'CAUSE_MISSING', field: 'causeOfAction' },
      { key: 'ROLE_MISSING', field: 'role' },
    ]);
  });

  it('names the reason of a refusal, with the field it concerns', () => {
    expect(
      docketFormErrors(
        new AppError('CONFLICT', 'taken', { reason: 'CASE_NUMBER_TAKEN', caseNumber: '（2026）京0491民初1号' }),
      ),
    ).toEqual([
      { key: 'CASE_NUMBER_TAKEN', field: 'caseNumber', caseNumber: '（2026）京0491民初1号', role: undefined },
    ]);
    expect(docketFormErrors(new AppError('CONFLICT', 'x', { reason: 'HAS_EXHIBITS', role: 'plaintiff' }))).toEqual([
      { key: 'HAS_EXHIBITS', field: undefined, role: 'plaintiff', caseNumber: undefined },
    ]);
    expect(docketFormErrors(new AppError('FORBIDDEN', 'no'))).toEqual([{ key: 'FORBIDDEN' }]);
  });

  it('answers null for anything unexpected', () => {
    expect(docketFormErrors(new Error('boom'))).toBeNull();
    expect(docketFormErrors(new AppError('INTERNAL', 'boom'))).toBeNull();
  });
});
