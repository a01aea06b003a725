/**
 * What a depositor sends over HTTP (JSON) to record one deposit statement, or a batch of them:
 * strict zod schemas that refuse unknown fields at every level (a typo such as `"sha265"` must
 * fail loudly, not be dropped) and normalise what has more than one spelling (digest case, title
 * whitespace), so the signed payload and the leaf are computed from one canonical value.
 *
 * Error messages name the field and say what is expected; `issueLines` (lib/errors/zod-issues.ts)
 * turns them into the `{ path, message }` list API error bodies carry.
 *
 * @see ./README.md (the statement, the leaf and the signed payload)
 * @see https://www.rfc-editor.org/rfc/rfc8785 (metadata size is measured in canonical JSON bytes)
 * @see https://www.rfc-editor.org/rfc/rfc4648#section-4 (base64 of keys and signatures)
 * @module
 */
import { z } from 'zod';
import { type Algorithm, normaliseHexDigest } from '@/lib/hashing';
import { forbiddenCharacter } from '@/lib/text/plain-text';
import { base64ToBytes } from '@/lib/tlog';
import { canonicalJsonText, isPlainObject, type JsonObject } from './canonical-json';
import { isStatementError } from './errors';

import { MAX_BATCH_SIZE, MAX_METADATA_BYTES, MAX_TITLE_LENGTH, SIGNATURE_ALGORITHMS } from './limits';

export {
  MAX_BATCH_SIZE,
  MAX_METADATA_BYTES,
  MAX_TITLE_LENGTH,
  SIGNATURE_ALGORITHMS,
  type SignatureAlgorithm,
} from './limits';

/** Generous bound on base64 key and signature text (an SM2 key is 88 characters); lengths are checked on verify. */
const MAX_BASE64_LENGTH = 128;

const DIGEST_NAMES: Record<Algorithm, string> = { sha256: 'SHA-256', sm3: 'SM3' };
const HEX = /^[0-9a-fA-F]*$/;

/** A strict-object error map: says which fields are unknown and which are allowed. */
function objectError(what: string, allowed: readonly string[], required = `${what} is required`) {
  return (issue: z.core.$ZodRawIssue): string => {
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((key) => JSON.stringify(key)).join(', ');
      return `${what} has unknown field${issue.keys.length > 1 ? 's' : ''} ${keys}; allowed: ${allowed.join(', ')}`;
    }
    return issue.input === undefined ? required : `${what} must be a JSON object`;
  };
}

function requiredString(field: string, expected: string) {
  return (issue: z.core.$ZodRawIssue): string =>
    issue.input === undefined ? `${field} is required: ${expected}` : `${field} must be ${expected}`;
}

function hexDigest(algorithm: Algorithm) {
  const expected = `64 hexadecimal characters (${DIGEST_NAMES[algorithm]})`;
  const field = `digests.${algorithm}`;
  return z
    .string({ error: `${field} must be a string of ${expected}` })
    .superRefine((hex, ctx) => {
      if (hex.length !== 64) ctx.addIssue(`${field} must be ${expected}, got ${hex.length} characters`);
      else if (!HEX.test(hex)) ctx.addIssue(`${field} must be ${expected}; only 0-9, a-f and A-F are allowed`);
    })
    .transform((hex) => normaliseHexDigest(hex, algorithm))
    .meta({ pattern: '^[0-9a-fA-F]{64}$', description: `${DIGEST_NAMES[algorithm]}, hex (stored lowercase)` });
}

const ZDigests = z
  .strictObject(
    { sha256: hexDigest('sha256').optional(), sm3: hexDigest('sm3').optional() },
    {
      error: objectError(
        'digests',
        ['sha256', 'sm3'],
        'digests is required: an object with a sha256 and/or an sm3 digest in hex',
      ),
    },
  )
  .refine((digests) => digests.sha256 !== undefined || digests.sm3 !== undefined, {
    error: 'digests must contain at least one of sha256, sm3',
  })
  .meta({ minProperties: 1 }); // the refinement, as JSON Schema (the OpenAPI document) says it

const ZTitle = z
  .string({ error: 'title must be a string' })
  .trim()
  .superRefine((title, ctx) => {
    const length = [...title].length; // characters as a person counts them, not UTF-16 units
    if (length === 0) ctx.addIssue('title must not be empty or only whitespace; omit it instead');
    else if (length > MAX_TITLE_LENGTH) {
      ctx.addIssue(`title must be at most ${MAX_TITLE_LENGTH} characters, got ${length}`);
    } else {
      // The portal's one rule for typed text (lib/text/plain-text.ts): a lone surrogate would
      // silently become U+FFFD in UTF-8 (two titles, one digest), a bidi override makes the title a
      // judge reads differ from its bytes.
      const found = forbiddenCharacter(title);
      if (found) {
        ctx.addIssue(
          `title must not contain control characters, bidirectional overrides or lone surrogates (found ${found})`,
        );
      }
    }
  })
  .meta({
    description: `1–${MAX_TITLE_LENGTH} characters after trimming, no control or bidi characters; only its SHA-256 enters the leaf`,
  });

const ZMetadata = z
  .unknown()
  .transform((value, ctx): JsonObject => {
    if (!isPlainObject(value)) {
      ctx.addIssue('metadata must be a JSON object');
      return z.NEVER;
    }
    let text: string;
    try {
      text = canonicalJsonText(value, 'metadata');
    } catch (error) {
      if (!isStatementError(error)) throw error;
      ctx.addIssue(error.message);
      return z.NEVER;
    }
    const size = new TextEncoder().encode(text).length;
    if (size > MAX_METADATA_BYTES) {
      ctx.addIssue(`metadata must be at most ${MAX_METADATA_BYTES} bytes as canonical JSON (RFC 8785), got ${size}`);
      return z.NEVER;
    }
    return value as JsonObject;
  })
  .meta({
    type: 'object',
    description: `Free JSON, at most ${MAX_METADATA_BYTES} bytes as canonical JSON; only its SHA-256 enters the leaf`,
  });

function base64Field(field: string, expected: string) {
  return z
    .string({ error: requiredString(field, `${expected} in base64`) })
    .superRefine((text, ctx) => {
      if (text.length === 0 || text.length > MAX_BASE64_LENGTH) {
        ctx.addIssue(`${field} must be ${expected} in base64, 1 to ${MAX_BASE64_LENGTH} characters`);
        return;
      }
      try {
        base64ToBytes(text);
      } catch {
        ctx.addIssue(`${field} must be standard base64 (RFC 4648 §4: A-Z a-z 0-9 + / with = padding)`);
      }
    })
    .meta({ contentEncoding: 'base64' });
}

const ZSignature = z.strictObject(
  {
    algorithm: z.enum(SIGNATURE_ALGORITHMS, {
      error: requiredString('signature.algorithm', `one of ${SIGNATURE_ALGORITHMS.map((a) => `"${a}"`).join(', ')}`),
    }),
    publicKey: base64Field('signature.publicKey', 'the public key (Ed25519: 32 bytes, SM2: 65 bytes 04||x||y)'),
    value: base64Field('signature.value', 'the signature (64 bytes; SM2: r||s)'),
  },
  { error: objectError('signature', ['algorithm', 'publicKey', 'value']) },
);

/** One deposit statement as a depositor sends it. Output: digests lowercase, title trimmed. */
export const ZDepositRequest = z.strictObject(
  {
    digests: ZDigests,
    title: ZTitle.optional(),
    metadata: ZMetadata.optional(),
    signature: ZSignature.optional(),
  },
  { error: objectError('the deposit statement', ['digests', 'title', 'metadata', 'signature']) },
);

/** A batch of deposit statements; the length is checked before any statement is parsed. */
export const ZDepositBatch = z.strictObject(
  {
    deposits: z
      .array(z.unknown(), { error: requiredString('deposits', 'an array of deposit statements') })
      .min(1, { error: 'deposits must contain at least 1 deposit statement' })
      .max(MAX_BATCH_SIZE, {
        error: (issue) =>
          `deposits must contain at most ${MAX_BATCH_SIZE} deposit statements, got ${Array.isArray(issue.input) ? issue.input.length : 'more'}; split the batch into several requests`,
      })
      .pipe(z.array(ZDepositRequest)),
  },
  { error: objectError('the batch', ['deposits']) },
);

export type DepositRequestInput = z.input<typeof ZDepositRequest>;
export type DepositRequest = z.output<typeof ZDepositRequest>;
export type DepositSignature = z.output<typeof ZSignature>;
export type DepositBatch = z.output<typeof ZDepositBatch>;
