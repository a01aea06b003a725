import 'server-only';
/**
 * Turns a zod failure into one VALIDATION_FAILED error whose message names each bad field and
 * what it should be, so an API response or the operator CLI can show it as it is.
 */
import type { z } from 'zod';
import { AppError } from '@/lib/errors/app-error';

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
  throw new AppError('VALIDATION_FAILED', message);
}
