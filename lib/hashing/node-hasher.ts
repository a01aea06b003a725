/**
 * NODE-ONLY. Imports `node:crypto`; browser and worker code must never import this file (use
 * `hashStream` / `hashBlob`). Reached through `lib/hashing/node`.
 *
 * A multi-algorithm hasher fed chunk by chunk with OpenSSL's SHA-256 and SM3 through
 * `node:crypto`, for server code that hashes bytes while doing something else with them (an
 * upload written to storage as it arrives, a CLI reading a file).
 *
 * Node builds whose OpenSSL lacks SM3 (some distribution or FIPS builds) fall back to lib/hashing's
 * WebAssembly SM3 (`wasm/`), so a deployment never silently records SHA-256 alone.
 *
 * @see https://csrc.nist.gov/pubs/fips/180-4/upd1/final
 * @see https://datatracker.ietf.org/doc/html/draft-shen-sm3-hash
 * @module
 */
import { createHash, getHashes } from 'node:crypto';
import { type Algorithm, assertAlgorithms, bytesToHex, type Digests } from './digests';
import { HashingError } from './errors';
import { createWasmHasher } from './wasm/wasm-hasher';

/** Whether this Node's OpenSSL implements each algorithm (checked once, at import). */
export const NODE_NATIVE: Readonly<Record<Algorithm, boolean>> = (() => {
  const names = new Set(getHashes());
  return { sha256: names.has('sha256'), sm3: names.has('sm3') };
})();

/** Digests of an input and how many bytes it had, so a caller can check a declared size. */
export type NodeHashResult = { digests: Digests; bytes: number };

export type NodeHasher = {
  /** Feeds the same chunk to every algorithm. */
  update(chunk: Uint8Array): void;
  /** Bytes fed so far. */
  readonly bytes: number;
  /** Finishes every algorithm; the hasher cannot be used afterwards. */
  digest(): NodeHashResult;
};

type Sink = { update(chunk: Uint8Array): unknown; digest(): Uint8Array };

async function createSink(algorithm: Algorithm): Promise<Sink> {
  if (NODE_NATIVE[algorithm]) return createHash(algorithm);
  if (algorithm !== 'sm3') throw new HashingError('INVALID_ARGUMENT', `this Node has no ${algorithm} implementation`);
  return createWasmHasher('sm3');
}

/** A fresh hasher computing each of `algorithms` over the chunks it is given. */
export async function createNodeHasher(algorithms: Algorithm[]): Promise<NodeHasher> {
  const sinks: [Algorithm, Sink][] = [];
  for (const algorithm of assertAlgorithms(algorithms)) sinks.push([algorithm, await createSink(algorithm)]);
  let bytes = 0;
  let finished = false;
  return {
    update(chunk) {
      if (finished) throw new HashingError('INVALID_ARGUMENT', 'update after digest: create a new hasher');
      if (!(chunk instanceof Uint8Array)) throw new HashingError('INVALID_ARGUMENT', 'chunk must be a Uint8Array');
      for (const [, sink] of sinks) sink.update(chunk);
      bytes += chunk.byteLength;
    },
    get bytes() {
      return bytes;
    },
    digest() {
      if (finished) throw new HashingError('INVALID_ARGUMENT', 'digest called twice: create a new hasher');
      finished = true;
      const digests: Digests = {};
      for (const [algorithm, sink] of sinks) digests[algorithm] = bytesToHex(sink.digest());
      return { digests, bytes };
    },
  };
}
