import { describe, expect, it } from 'vitest';
import { APP_ERROR_STATUS, AppError, isAppError, toErrorBody } from './app-error';

describe('AppError', () => {
  it('maps every code to its HTTP status and a JSON body', () => {
    for (const [code, status] of Object.entries(APP_ERROR_STATUS)) {
      const error = new AppError(code as keyof typeof APP_ERROR_STATUS, `message for ${code}`);
      expect(toErrorBody(error)).toEqual({ status, body: { error: { code, message: `message for ${code}` } } });
    }
  });

  it('hides the message of an unexpected error', () => {
    const result = toErrorBody(new Error('connection string postgres://secret@db'));
    expect(result.status).toBe(500);
    expect(JSON.stringify(result.body)).not.toContain('secret');
  });

  it('narrows by code', () => {
    const error: unknown = new AppError('FORBIDDEN', 'no');
    expect(isAppError(error, 'FORBIDDEN')).toBe(true);
    expect(isAppError(error, 'NOT_FOUND')).toBe(false);
    expect(isAppError(new Error('x'))).toBe(false);
  });
});
