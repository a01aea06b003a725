/**
 * Parses leaf bytes back into the deposit statement, for verifiers, receipts and the public check
 * page. Strict in both directions: the bytes must be exactly the RFC 8785 canonical JSON of the
 * value they decode to (so one statement has one leaf, and a re-encoded leaf — other key order,
 * whitespace, escapes, duplicate keys, a byte-order mark — is refused rather than silently
 * accepted with a different hash), and the value must be a valid statement with no unknown fields.
 *
 * @see ./README.md
 * @see https://www.rfc-editor.org/rfc/rfc8785
 * @module
 */

import { issueSummary } from '@/lib/errors/zod-issues';
import { bytesEqual } from '@/lib/tlog';
import { canonicalJsonBytes } from './canonical-json';
import { StatementError } from './errors';
import { leafJson } from './leaf-json';
import { type LeafStatement, ZLeafStatement } from './leaf-statement.schema';

/** Far above any real statement (about 600 bytes with a signature); bounds work on hostile input. */
export const MAX_LEAF_BYTES = 16 * 1024;

/**
 * The statement in `leaf`. Throws `StatementError`: `INVALID_ARGUMENT` (not bytes, too large),
 * `NOT_CANONICAL` (not UTF-8 JSON, or not in canonical form), `INVALID_STATEMENT` (schema).
 */
export function parseLeaf(leaf: Uint8Array): LeafStatement {
  if (!(leaf instanceof Uint8Array)) throw new StatementError('INVALID_ARGUMENT', 'leaf must be a Uint8Array');
  if (leaf.length > MAX_LEAF_BYTES) {
    throw new StatementError('INVALID_ARGUMENT', `leaf must be at most ${MAX_LEAF_BYTES} bytes, got ${leaf.length}`);
  }
  let value: unknown;
  let text: string;
  try {
    // fatal: invalid UTF-8 is an error, not U+FFFD; ignoreBOM: keep a BOM so it fails the comparison.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(leaf);
    value = JSON.parse(text);
  } catch {
    throw new StatementError('NOT_CANONICAL', 'leaf is not UTF-8 JSON text');
  }
  // The usual case, cheaply: a valid statement whose canonical text is exactly the leaf (UTF-8
  // is one-to-one, so equal text is equal bytes). Anything else takes the general path below,
  // which names what is wrong.
  const quick = ZLeafStatement.safeParse(value);
  if (quick.success && leafJson(quick.data) === text) return quick.data;

  let canonical: Uint8Array;
  try {
    canonical = canonicalJsonBytes(value);
  } catch (error) {
    throw new StatementError('NOT_CANONICAL', `leaf has no canonical form: ${(error as Error).message}`);
  }
  if (!bytesEqual(canonical, leaf)) {
    throw new StatementError(
      'NOT_CANONICAL',
      'leaf is JSON but not RFC 8785 canonical JSON (member order, whitespace, escapes, number form or duplicate keys differ)',
    );
  }
  const result = ZLeafStatement.safeParse(value);
  if (!result.success) {
    throw new StatementError(
      'INVALID_STATEMENT',
      `leaf is not a valid deposit statement: ${issueSummary(result.error)}`,
    );
  }
  return result.data;
}
