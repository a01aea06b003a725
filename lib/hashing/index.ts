/**
 * Browser-safe entry of `lib/hashing`: runs in the page, in a module Web Worker, in Node and in
 * the CLI. Node-only helpers (files, upload bodies, `node:crypto`) are in `./node`.
 *
 * @module
 */
export {
  ALGORITHMS,
  type Algorithm,
  assertAlgorithms,
  bytesToHex,
  DIGEST_SIZE,
  type Digests,
  digestsEqual,
  hexToBytes,
  isAlgorithm,
  normaliseHexDigest,
} from './digests';
export { abortError, HASHING_ERROR_CODES, HashingError, type HashingErrorCode, isHashingError } from './errors';
export { groupDigest } from './format';
export { type HashBlobOptions, hashBlob } from './hash-blob';
export { hashBytes } from './hash-bytes';
export { DEFAULT_CHUNK_SIZE, type HashStreamOptions, hashStream, MAX_CHUNK_SIZE } from './hash-stream';
