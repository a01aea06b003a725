/**
 * Every error answer of the API, defined once: `{ "error": { "code", "message", "details"? } }`
 * (the code one of AppError's, mapped to its HTTP status in app-error.ts). Browser-safe; the
 * OpenAPI document's `Error` schema is generated from it (lib/ledger/openapi.ts).
 *
 * @module
 */
import { z } from 'zod';
import { APP_ERROR_STATUS, type AppErrorCode } from './app-error';

export const APP_ERROR_CODES = Object.keys(APP_ERROR_STATUS) as [AppErrorCode, ...AppErrorCode[]];

/** The codes answered with `status` (e.g. 401: UNAUTHENTICATED, KEY_REVOKED). */
export function errorCodesFor(status: number): AppErrorCode[] {
  return APP_ERROR_CODES.filter((code) => APP_ERROR_STATUS[code] === status);
}

export const ZErrorBody = z
  .strictObject({
    error: z.strictObject({
      code: z.enum(APP_ERROR_CODES),
      message: z.string().min(1).meta({ description: 'What was wrong and what is expected, for a person' }),
      details: z
        .record(z.string(), z.unknown())
        .optional()
        .meta({ description: 'VALIDATION_FAILED: { issues: [{ path, message }] }' }),
    }),
  })
  .meta({ description: 'An error: a code from a fixed list (one HTTP status each) and a message' });

export type ErrorBody = z.output<typeof ZErrorBody>;
