/**
 * Zod issues as people read them, written once: where each problem is (one path rule) and what
 * it is, as a list (API error bodies, `details.issues`) or one line (error messages, start-up
 * errors, verifier reasons). Pure and browser-safe: the check page and the CLI use it too.
 *
 * Path rule: object keys joined by dots, array indexes in brackets, the value itself `""` —
 * `deposits[3].digests.sha256`, as a JavaScript or jq reader would write it.
 */
import type { z } from 'zod';
import { AppError } from './app-error';

/** One problem: where (`""` for the value itself) and what is wrong with it. */
export interface IssueLine {
  path: string;
  message: string;
}

/** `['deposits', 3, 'digests', 'sha256']` → `deposits[3].digests.sha256`; `[]` → `""`. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Every issue of `error` as `{ path, message }`, in zod's order; `at` places them inside a larger value. */
export function issueLines(error: z.ZodError, at: readonly PropertyKey[] = []): IssueLine[] {
  return error.issues.map((issue) => ({ path: issuePath([...at, ...issue.path]), message: issue.message }));
}

/** `path: message`, or the message alone for the value itself. */
export function issueText(line: IssueLine): string {
  return line.path ? `${line.path}: ${line.message}` : line.message;
}

/**
 * All issues on one line: each as `issueText`, separated by `; ` — or by a space after an issue
 * whose message already ends a sentence ("Enter the title. Enter the cause of action.").
 */
export function issueSummary(issues: z.ZodError | readonly IssueLine[]): string {
  const lines = Array.isArray(issues) ? (issues as readonly IssueLine[]) : issueLines(issues as z.ZodError);
  let out = '';
  for (const [i, line] of lines.entries()) {
    if (i > 0) out += /[.!?。！？]$/u.test(out) ? ' ' : '; ';
    out += issueText(line);
  }
  return out;
}

/**
 * The VALIDATION_FAILED error for `issues`: the summary as its message, and the list (with each
 * issue's zod code when known, which forms map to sentences in the reader's language) as
 * `details.issues`.
 */
export function validationFailed(issues: z.ZodError | readonly IssueLine[]): AppError {
  const lines: Array<IssueLine & { code?: string }> = Array.isArray(issues)
    ? [...(issues as readonly IssueLine[])]
    : (issues as z.ZodError).issues.map((issue) => ({
        path: issuePath(issue.path),
        code: issue.code,
        message: issue.message,
      }));
  return new AppError('VALIDATION_FAILED', issueSummary(lines), { issues: lines });
}

/** Parses `input` with `schema`, or throws `validationFailed` naming every problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw validationFailed(parsed.error);
}
