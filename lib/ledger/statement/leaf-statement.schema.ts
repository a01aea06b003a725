/**
 * The deposit statement a leaf commits to, as a strict zod schema: what `buildLeaf` writes and
 * what `parseLeaf` accepts. Everything is in its one canonical spelling (lowercase hex, RFC 3339
 * UTC with milliseconds, canonical base64) so that equal statements are equal bytes.
 *
 *     { "version": 1,
 *       "digests": { "sha256"?: hex, "sm3"?: hex },          // at least one
 *       "depositor": { "id": string, "name": string },
 *       "depositedAt": "2026-11-23T20:05:56.123Z",
 *       "titleSha256"?: hex, "metadataSha256"?: hex,
 *       "signature"?: { "algorithm": "ed25519" | "sm2", "publicKey": base64, "value": base64 } }
 *
 * @see ./README.md
 * @see https://www.rfc-editor.org/rfc/rfc3339#section-5.6
 * @module
 */
import { z } from 'zod';
import { SIGNATURE_ALGORITHMS, STATEMENT_VERSION } from './limits';
import { decodeSignature } from './signature-shape';

export const MAX_DEPOSITOR_ID_LENGTH = 200;
export const MAX_DEPOSITOR_NAME_LENGTH = 500;

const LOWER_HEX_64 = /^[0-9a-f]{64}$/;
const RFC3339_UTC_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
// Same rule as titles: no control characters, lone surrogates or bidi overrides in what a court reads.
const FORBIDDEN_TEXT = /[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069]/u;

function lowerHex(field: string) {
  return z.string().regex(LOWER_HEX_64, { error: `${field} must be 64 lowercase hexadecimal characters` });
}

function text(field: string, max: number) {
  return z
    .string({ error: `${field} must be a string` })
    .min(1, { error: `${field} must not be empty` })
    .max(max, { error: `${field} must be at most ${max} characters` })
    .refine((value) => !FORBIDDEN_TEXT.test(value), {
      error: `${field} must not contain control characters, bidirectional overrides or lone surrogates`,
    })
    .refine((value) => value.trim() === value, { error: `${field} must not start or end with whitespace` });
}

/** True for a real instant written exactly as `Date.prototype.toISOString` writes it. */
export function isCanonicalTimestamp(value: string): boolean {
  if (!RFC3339_UTC_MILLIS.test(value)) return false;
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString() === value;
}

const DEPOSITED_AT_ERROR = 'depositedAt must be an RFC 3339 UTC time with milliseconds, e.g. 2026-11-23T20:05:56.123Z';

const ZLeafSignature = z
  .strictObject({
    algorithm: z.enum(SIGNATURE_ALGORITHMS),
    publicKey: z.string().meta({ contentEncoding: 'base64' }),
    value: z.string().meta({ contentEncoding: 'base64' }),
  })
  .superRefine((signature, ctx) => {
    const shape = decodeSignature(signature);
    if (!shape.ok) ctx.addIssue(shape.message);
  });

export const ZLeafStatement = z.strictObject({
  version: z.literal(STATEMENT_VERSION, { error: `version must be ${STATEMENT_VERSION}` }),
  digests: z
    .strictObject({ sha256: lowerHex('digests.sha256').optional(), sm3: lowerHex('digests.sm3').optional() })
    .refine((digests) => digests.sha256 !== undefined || digests.sm3 !== undefined, {
      error: 'digests must contain at least one of sha256, sm3',
    })
    .meta({ minProperties: 1 }), // the refinement, as JSON Schema says it (receipt.schema.ts)
  depositor: z.strictObject({
    id: text('depositor.id', MAX_DEPOSITOR_ID_LENGTH),
    name: text('depositor.name', MAX_DEPOSITOR_NAME_LENGTH),
  }),
  // The ISO format first (it is what JSON Schema can say: format date-time and a pattern), then
  // the exact spelling Date#toISOString gives.
  depositedAt: z.iso
    .datetime({ precision: 3, error: DEPOSITED_AT_ERROR })
    .refine(isCanonicalTimestamp, { error: DEPOSITED_AT_ERROR }),
  titleSha256: lowerHex('titleSha256').optional(),
  metadataSha256: lowerHex('metadataSha256').optional(),
  signature: ZLeafSignature.optional(),
});

export type LeafStatement = z.output<typeof ZLeafStatement>;
