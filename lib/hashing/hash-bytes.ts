/**
 * Digests of bytes already in memory: a pasted text, a title, a test vector. Files go through
 * `hashBlob` / `hashStream` instead, which never hold the whole input.
 *
 * SHA-256 comes from @noble/hashes (audited, synchronous, no WebAssembly start-up); noble has no
 * SM3, so SM3 uses a pooled WebAssembly hasher — the same implementation `hashStream` uses.
 *
 * @see https://csrc.nist.gov/pubs/fips/180-4/upd1/final
 * @see https://datatracker.ietf.org/doc/html/draft-shen-sm3-hash
 * @module
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { type Algorithm, assertAlgorithms, bytesToHex, type Digests } from './digests';
import { HashingError } from './errors';
import { acquireHasher, releaseHasher } from './hasher-pool';

/** Lowercase hex digests of `bytes` for each of `algorithms`. */
export async function hashBytes(bytes: Uint8Array, algorithms: Algorithm[]): Promise<Digests> {
  if (!(bytes instanceof Uint8Array)) throw new HashingError('INVALID_ARGUMENT', 'bytes must be a Uint8Array');
  const digests: Digests = {};
  for (const algorithm of assertAlgorithms(algorithms)) {
    digests[algorithm] = bytesToHex(algorithm === 'sha256' ? sha256(bytes) : await sm3(bytes));
  }
  return digests;
}

async function sm3(bytes: Uint8Array): Promise<Uint8Array> {
  const hasher = await acquireHasher('sm3');
  try {
    return hasher.update(bytes).digest();
  } finally {
    releaseHasher(hasher);
  }
}
