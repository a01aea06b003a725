import 'server-only';
/**
 * The bytes an audit event is hashed as, and their strict parse. The body is the RFC 8785
 * canonical JSON (UTF-8) of
 *
 *     { "v": 1, "seq": 42, "prev": "<hex SHA-256 of event 41's body; 64 zeros for seq 1>",
 *       "at": "2026-11-27T02:00:00.000Z", "caseId": uuid | null, "actorId": uuid | null,
 *       "action": "exhibit.viewed", "subjectId": uuid | null, "details": { … } }
 *
 * and the event's hash is SHA-256(body). Because `prev` is inside what is hashed, each event
 * commits to the whole chain before it. Every member is always present (null when empty), and
 * identifiers are lowercase, so one event has exactly one body.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8785
 * @see ./README.md
 * @module
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { issueSummary } from '@/lib/errors/zod-issues';
import { canonicalJsonBytes, type JsonObject } from '@/lib/ledger/statement/canonical-json';
import { isCanonicalTimestamp } from '@/lib/ledger/statement/leaf-statement.schema';

export const AUDIT_BODY_VERSION = 1;
/** `prev` of the first event. */
export const GENESIS_PREV = '0'.repeat(64);
/** Bounds work on hostile rows; the database refuses longer bodies too (CHECK). */
export const MAX_BODY_BYTES = 40 * 1024;

const LOWER_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const LOWER_HEX_64 = /^[0-9a-f]{64}$/;
const id = z.string().regex(LOWER_UUID, { error: 'must be a lowercase UUID' }).nullable();

/**
 * Actions are not limited to today's list here: an audit must still check events that a newer
 * version of the portal wrote. What may be appended is limited by ZAuditEventInput.
 */
export const ZAuditEventBody = z.strictObject({
  v: z.literal(AUDIT_BODY_VERSION),
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  prev: z.string().regex(LOWER_HEX_64, { error: 'must be 64 lowercase hexadecimal characters' }),
  at: z.string().refine(isCanonicalTimestamp, { error: 'must be an RFC 3339 UTC time with milliseconds' }),
  caseId: id,
  actorId: id,
  action: z.string().regex(/^[a-z]+(\.[a-z_]+)+$/, { error: 'must look like exhibit.viewed' }),
  subjectId: id,
  details: z.record(z.string(), z.json()),
});

export type AuditEventBody = Omit<z.output<typeof ZAuditEventBody>, 'details'> & { details: JsonObject };

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The canonical bytes of `body` and their SHA-256 (hex). */
export function buildEventBody(body: AuditEventBody): { body: Uint8Array<ArrayBuffer>; hash: string } {
  const checked = ZAuditEventBody.parse(body);
  const bytes = canonicalJsonBytes(checked);
  if (bytes.length > MAX_BODY_BYTES)
    throw new RangeError(`audit event body is ${bytes.length} bytes, more than ${MAX_BODY_BYTES}`);
  return { body: bytes, hash: sha256Hex(bytes) };
}

export type ParsedBody = { ok: true; body: AuditEventBody } | { ok: false; reason: string };

/**
 * The event in `bytes`, if they are exactly the canonical JSON of a valid body: other member
 * order, whitespace, escapes, number spellings or duplicate keys are refused, so that an edit
 * that keeps the meaning but changes the bytes is still an edit.
 */
export function parseEventBody(bytes: Uint8Array): ParsedBody {
  if (bytes.length > MAX_BODY_BYTES) return { ok: false, reason: `the body is longer than ${MAX_BODY_BYTES} bytes` };
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes));
  } catch {
    return { ok: false, reason: 'the body is not UTF-8 JSON' };
  }
  let canonical: Uint8Array;
  try {
    canonical = canonicalJsonBytes(value);
  } catch (error) {
    return { ok: false, reason: `the body has no canonical form (${(error as Error).message})` };
  }
  if (!Buffer.from(canonical).equals(Buffer.from(bytes))) {
    return { ok: false, reason: 'the body is JSON but not RFC 8785 canonical JSON' };
  }
  const parsed = ZAuditEventBody.safeParse(value);
  if (!parsed.success) {
    return { ok: false, reason: `the body is not a valid audit event (${issueSummary(parsed.error)})` };
  }
  return { ok: true, body: parsed.data as AuditEventBody };
}
