/**
 * `lib/ledger/statement`: what a deposit statement is, as bytes. Pure and browser-safe (no
 * `server-only`, no `node:` modules): the server builds leaves with it, and the public check page
 * and offline verifiers use the same code to show what a leaf commits to.
 *
 * - RFC 8785 canonical JSON
 * - the deposit request schemas (one statement, or a batch of up to 1000)
 * - the signed payload, the leaf statement, building and strict parsing of leaf bytes
 * - depositor signatures: Ed25519 and SM2 (with SM3 and the default user ID)
 *
 * @see ./README.md
 * @see https://www.rfc-editor.org/rfc/rfc8785
 * @module
 */
export {
  type BuildLeafOptions,
  type BuiltLeaf,
  buildLeaf,
  buildLeafFromParsed,
  buildLeavesFromParsed,
} from './build-leaf';
export {
  canonicalJson,
  canonicalJsonBytes,
  isPlainObject,
  type JsonObject,
  type JsonPrimitive,
  type JsonValue,
  MAX_JSON_DEPTH,
} from './canonical-json';
export {
  type DepositBatch,
  type DepositRequest,
  type DepositRequestInput,
  type DepositSignature,
  MAX_BATCH_SIZE,
  MAX_METADATA_BYTES,
  MAX_TITLE_LENGTH,
  SIGNATURE_ALGORITHMS,
  type SignatureAlgorithm,
  ZDepositBatch,
  ZDepositRequest,
} from './deposit-request.schema';
export { isStatementError, STATEMENT_ERROR_CODES, StatementError, type StatementErrorCode } from './errors';
export {
  isCanonicalTimestamp,
  type LeafStatement,
  MAX_DEPOSITOR_ID_LENGTH,
  MAX_DEPOSITOR_NAME_LENGTH,
  ZLeafStatement,
} from './leaf-statement.schema';
export { MAX_LEAF_BYTES, parseLeaf } from './parse-leaf';
export { type DepositorPrivateKey, depositorPublicKey, signDepositRequest } from './sign-deposit-request';
export { PUBLIC_KEY_LENGTH, SIGNATURE_LENGTH, SM2_DEFAULT_USER_ID } from './signature-shape';
export {
  metadataSha256,
  payloadOfParsedRequest,
  type SignedPayload,
  STATEMENT_VERSION,
  signedPayload,
  signedPayloadObject,
  titleSha256,
} from './signed-payload';
export {
  type RegisteredDepositorKey,
  type SignatureCheckFailureCode,
  type VerifyDepositorSignatureResult,
  verifyDepositorSignature,
} from './verify-depositor-signature';
