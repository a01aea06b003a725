/**
 * The exact bytes a depositor signs: the RFC 8785 canonical JSON of
 *
 *     { "version": 1, "digests": { "sha256"?, "sm3"? },
 *       "titleSha256"?: hex SHA-256 of the UTF-8 title, "metadataSha256"?: hex SHA-256 of canonical metadata }
 *
 * The payload commits to digests of the title and metadata rather than their text: the same
 * digests go into the public leaf, which binds the depositor's words without publishing text that
 * may be confidential (a contract's title, a client's name). The depositor's identity and the time
 * are not signed: the ledger adds them, and a key is only accepted from the account it is
 * registered to.
 *
 * The request is re-parsed with `ZDepositRequest` first, so what is signed is always the
 * normalised form (lowercase digests, trimmed title) whatever spelling the caller holds.
 *
 * @see ./README.md
 * @see https://www.rfc-editor.org/rfc/rfc8785
 * @module
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, type Digests } from '@/lib/hashing';
import { canonicalJsonBytes, type JsonObject } from './canonical-json';
import { type DepositRequest, type DepositRequestInput, ZDepositRequest } from './deposit-request.schema';
import { STATEMENT_VERSION } from './limits';

export { STATEMENT_VERSION } from './limits';

export type SignedPayload = {
  version: typeof STATEMENT_VERSION;
  digests: Digests;
  titleSha256?: string;
  metadataSha256?: string;
};

/** Hex SHA-256 of the UTF-8 bytes of a (trimmed) title. */
export function titleSha256(title: string): string {
  return bytesToHex(sha256(new TextEncoder().encode(title)));
}

/** Hex SHA-256 of the canonical JSON (RFC 8785) of the metadata object. */
export function metadataSha256(metadata: JsonObject): string {
  return bytesToHex(sha256(canonicalJsonBytes(metadata)));
}

/**
 * The signed-payload object of a request, normalised. Only the fields that are signed are
 * parsed, so a request whose `signature` is itself malformed still has a payload to report on.
 * Throws a `ZodError` if digests, title or metadata are invalid.
 */
export function signedPayloadObject(request: DepositRequestInput): SignedPayload {
  return payloadOfParsedRequest(
    ZDepositRequest.parse({ digests: request.digests, title: request.title, metadata: request.metadata }),
  );
}

/** The signed-payload object of a request `ZDepositRequest` has already parsed (no second pass). */
export function payloadOfParsedRequest({ digests, title, metadata }: DepositRequest): SignedPayload {
  const payload: SignedPayload = { version: STATEMENT_VERSION, digests: {} };
  // Only the algorithms present: an absent digest must not appear as `null`.
  if (digests.sha256 !== undefined) payload.digests.sha256 = digests.sha256;
  if (digests.sm3 !== undefined) payload.digests.sm3 = digests.sm3;
  if (title !== undefined) payload.titleSha256 = titleSha256(title);
  if (metadata !== undefined) payload.metadataSha256 = metadataSha256(metadata);
  return payload;
}

/** The bytes a depositor signs for `request` (canonical JSON of `signedPayloadObject`). */
export function signedPayload(request: DepositRequestInput): Uint8Array<ArrayBuffer> {
  return canonicalJsonBytes(signedPayloadObject(request));
}
