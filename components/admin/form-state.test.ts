import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { adminFormErrors, failedState, formValues, INITIAL_FORM_STATE } from './form-state';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
}

describe('adminFormErrors', () => {
  it('names each invalid field once, mapping the setup form’s admin fields to their inputs', () => {
    const schema = z.object({
      adminEmail: z.email(),
      password: z.string().min(12),
      label: z.string().min(1),
      x: z.string(),
    });
    const error = thrown(() => parseInput(schema, { adminEmail: 'no', password: 'short', label: '' }));
    expect(adminFormErrors(error)).toEqual([
      { key: 'field.email', field: 'email' },
      { key: 'field.password', field: 'password' },
      { key: 'field.label', field: 'label' },
      { key: 'field.other', field: 'x' },
    ]);
  });

  it('explains known reasons by their field, and FORBIDDEN and NOT_FOUND for the whole form', () => {
    expect(adminFormErrors(new AppError('CONFLICT', 'x', { reason: 'EMAIL_TAKEN' }))).toEqual([
      { key: 'reason.EMAIL_TAKEN', field: 'email' },
    ]);
    expect(adminFormErrors(new AppError('CONFLICT', 'x', { reason: 'LAST_ADMIN' }))).toEqual([
      { key: 'reason.LAST_ADMIN', field: undefined },
    ]);
    expect(adminFormErrors(new AppError('FORBIDDEN', 'x'))).toEqual([{ key: 'FORBIDDEN' }]);
    expect(adminFormErrors(new AppError('NOT_FOUND', 'x'))).toEqual([{ key: 'NOT_FOUND' }]);
  });

  it('answers null for what is not a known domain error, which the form shows as UNAVAILABLE', () => {
    expect(adminFormErrors(new Error('boom'))).toBeNull();
    expect(adminFormErrors(new AppError('CONFLICT', 'x', { reason: 'SOMETHING_ELSE' }))).toBeNull();
    const original = console.error;
    console.error = () => {};
    try {
      expect(failedState(INITIAL_FORM_STATE, { a: 'b' }, new Error('boom'))).toEqual({
        attempt: 1,
        values: { a: 'b' },
        errors: [{ key: 'UNAVAILABLE' }],
      });
    } finally {
      console.error = original;
    }
  });

  it('reads a form’s fields as strings, missing ones empty', () => {
    const data = new FormData();
    data.set('email', 'a@b.example');
    data.set('file', new Blob(['x']));
    expect(formValues(data, ['email', 'file', 'missing'])).toEqual({ email: 'a@b.example', file: '', missing: '' });
  });
});

describe('a refused character (lib/text/plain-text.ts) in a name or label', () => {
  it('reads "remove the character", in both languages, not the field’s usual sentence', async () => {
    const { ZStaffInvitation } = await import('@/lib/invitations/invitation.schema');
    const { ZCourtSettings } = await import('@/lib/court/court.schema');
    const en = (await import('@/messages/en.json')).default.admin.errors;
    const zh = (await import('@/messages/zh-CN.json')).default.admin.errors;
    const errorOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return adminFormErrors(error);
      }
      throw new Error('accepted');
    };
    const invite = { email: 'a@example.com', name: '张三\u202e', role: 'judge', locale: 'en' };
    expect(errorOf(() => parseInput(ZStaffInvitation, invite))).toEqual([{ key: 'textInvalid', field: 'name' }]);
    const court = { nameZh: '法院\u0000', nameEn: 'Court', code: 'BJ-0491', publicUrl: 'not a url' };
    expect(errorOf(() => parseInput(ZCourtSettings, court))).toEqual([
      { key: 'textInvalid', field: 'nameZh' },
      { key: 'field.publicUrl', field: 'publicUrl' },
    ]);
    expect(en.textInvalid).toMatch(/text-direction/);
    expect(zh.textInvalid).toMatch(/文字方向/);
  });
});
