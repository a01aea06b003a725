import 'server-only';
/**
 * What a caller may put in the chain-of-custody log, validated before anything is hashed:
 * known action, lowercase UUIDs (PostgreSQL prints them lowercase, and the body must say what
 * the columns say), and `details` that are a plain JSON object of at most 32 KiB as canonical
 * JSON, which PostgreSQL's jsonb can hold unchanged (no U+0000).
 * @module
 */
import { z } from 'zod';
import {
  canonicalJsonText,
  isPlainObject,
  type JsonObject,
  type JsonValue,
} from '@/lib/ledger/statement/canonical-json';
import { isCanonicalTimestamp } from '@/lib/ledger/statement/leaf-statement.schema';
import { AUDIT_ACTIONS, type AuditAction } from './actions';

export type { JsonValue };

/**
 * Canonical JSON bytes of `details`, at most. Room for names, digests and a judge's reasoning
 * (5,000 characters: up to 30,000 bytes once escaped), not for documents: put a digest of
 * anything larger, never the thing itself.
 */
export const MAX_DETAILS_BYTES = 32 * 1024;

export interface AuditEventInput {
  action: AuditAction;
  /** Who acted; null for the portal itself (e.g. an automatic step). */
  actorId: string | null;
  /** The case the event belongs to; null for events outside any case. */
  caseId: string | null;
  /** What the event is about: an exhibit, a certificate, a person added to the case… */
  subjectId?: string | null;
  details?: Record<string, JsonValue>;
  /** When it happened; by default the database's clock when the event is appended. */
  at?: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuid(field: string) {
  return z
    .string({ error: `${field} must be a UUID string or null` })
    .regex(UUID, { error: `${field} must be a UUID, like 0b0e7f52-3c1a-4c5e-9a51-6a3b2f1d9e77` })
    .transform((value) => value.toLowerCase());
}

function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(hasNul);
  if (isPlainObject(value)) return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v));
  return false;
}

/**
 * A plain JSON object, returned as the parse of its canonical JSON: exactly what is hashed and
 * stored (undefined members dropped, -0 written 0), never the caller's object itself.
 */
export const ZAuditDetails = z.unknown().transform((value, ctx): JsonObject => {
  if (!isPlainObject(value)) {
    ctx.addIssue({ code: 'custom', message: 'details must be a plain JSON object' });
    return z.NEVER;
  }
  let text: string;
  try {
    text = canonicalJsonText(value, 'details');
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
  const size = Buffer.byteLength(text, 'utf8');
  if (size > MAX_DETAILS_BYTES) {
    ctx.addIssue({
      code: 'custom',
      message: `details must be at most ${MAX_DETAILS_BYTES} bytes as canonical JSON, got ${size}`,
    });
    return z.NEVER;
  }
  if (hasNul(value)) {
    ctx.addIssue({ code: 'custom', message: 'details must not contain the character U+0000' });
    return z.NEVER;
  }
  return JSON.parse(text) as JsonObject;
});

export const ZAuditEventInput = z.strictObject({
  action: z.enum(AUDIT_ACTIONS, { error: `action must be one of ${AUDIT_ACTIONS.join(', ')}` }),
  actorId: uuid('actorId').nullable(),
  caseId: uuid('caseId').nullable(),
  subjectId: uuid('subjectId')
    .nullish()
    .transform((value) => value ?? null),
  details: ZAuditDetails.optional().transform((value): JsonObject => value ?? {}),
  at: z
    .date({ error: 'at must be a valid Date' })
    .refine((date) => isCanonicalTimestamp(date.toISOString()), { error: 'at must lie in the years 0000–9999' })
    .optional(),
});

export type ParsedAuditEventInput = z.output<typeof ZAuditEventInput>;
