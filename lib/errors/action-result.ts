/**
 * What a server action answers a form: success with data, or an error a person can act on.
 * AppError and zod messages are shown; anything else is logged and answered generically.
 */
import { z } from 'zod';
import { type AppErrorCode, isAppError } from './app-error';

export type ActionResult<T> = { ok: true; data: T } | { ok: false; code: AppErrorCode; message: string };

export async function toActionResult<T>(work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    if (error instanceof z.ZodError) {
      // The first problem's own words: form schemas write messages for people, without paths.
      return { ok: false, code: 'VALIDATION_FAILED', message: error.issues[0]?.message ?? 'The form is not valid.' };
    }
    if (isAppError(error)) return { ok: false, code: error.code, message: error.message };
    console.error(error);
    return { ok: false, code: 'INTERNAL', message: 'An unexpected error occurred. Nothing was recorded; try again.' };
  }
}
