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

describe('a refused character (lib/text/plain-text.ts) in the title or cause of action', () => {
  it('reads "remove the character", in both languages', async () => {
    const { parseInput } = await import('@/lib/errors/zod-issues');
    const { ZCreateCaseInput } = await import('@/lib/cases/case.schema');
    const en = (await import('@/messages/en.json')).default.docket.errors;
    const zh = (await import('@/messages/zh-CN.json')).default.docket.errors;
    let errors: ReturnType<typeof docketFormErrors> = null;
    try {
      parseInput(ZCreateCaseInput, {
        caseNumber: '（2026）京0491民初1号',
        title: '张三\u202e',
        causeOfAction: '合同\u0000',
      });
    } catch (error) {
      errors = docketFormErrors(error);
    }
    expect(errors).toEqual([
      { key: 'TEXT_INVALID', field: 'title' },
      { key: 'TEXT_INVALID', field: 'causeOfAction' },
    ]);
    expect([en.TEXT_INVALID, zh.TEXT_INVALID]).toEqual([
      expect.stringMatching(/text-direction/),
      expect.stringMatching(/文字方向/),
    ]);
  });
});
