/** Test support: the TlogError code a call fails with, or 'OK' (any other error is rethrown). */
import { isTlogError, type TlogErrorCode } from '../errors';

export function codeOf(fn: () => unknown): TlogErrorCode | 'OK' {
  try {
    fn();
    return 'OK';
  } catch (error) {
    if (isTlogError(error)) return error.code;
    throw error;
  }
}
