import { forbidden, notFound } from 'next/navigation';
import { isAppError } from './app-error';

/**
 * Awaits a domain call for a page: NOT_FOUND becomes the 404 page and FORBIDDEN the 403 page
 * (Next.js auth interrupts); anything else propagates to the error boundary.
 */
export async function forPage<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (isAppError(error, 'NOT_FOUND')) notFound();
    if (isAppError(error, 'FORBIDDEN')) forbidden();
    throw error;
  }
}
