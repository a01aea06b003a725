/**
 * BENCHMARK ONLY: stands in for lib/hashing/wasm/wasm-hasher.ts in the harness's "before" builds of
 * the real `hash.worker.ts` (serve-hashing-harness.ts swaps it in when bundling), so the steps of
 * bench/browser-hashing.ts `--steps` run lib/hashing's own worker, queue and relay with hash-wasm's
 * hashers — what lib/hashing used before its own WebAssembly — for the algorithms in
 * `HASH_WASM_ALGORITHMS`, and the real hashers for the others.
 *
 * @module
 */
import { createSHA256, createSM3, type IHasher } from 'hash-wasm';
import type { Algorithm } from '../../lib/hashing/digests';
import { createWasmHasher as createOwnHasher } from '../../lib/hashing/wasm/wasm-hasher';

/** Set by the bundler (`define`): the algorithms hashed by hash-wasm in this build. */
declare const HASH_WASM_ALGORITHMS: Algorithm[];

interface Hasher {
  init(): unknown;
  update(data: Uint8Array): unknown;
  digest(): Uint8Array;
}

/** The same surface as the real `WasmHasher`, over either implementation. */
export class WasmHasher {
  readonly algorithm: Algorithm;
  private readonly inner: Hasher;

  constructor(algorithm: Algorithm, inner: Hasher) {
    this.algorithm = algorithm;
    this.inner = inner;
  }

  init(): this {
    this.inner.init();
    return this;
  }

  update(data: Uint8Array): this {
    this.inner.update(data);
    return this;
  }

  digest(): Uint8Array {
    return this.inner.digest();
  }
}

export async function createWasmHasher(algorithm: Algorithm): Promise<WasmHasher> {
  if (!HASH_WASM_ALGORITHMS.includes(algorithm)) return new WasmHasher(algorithm, await createOwnHasher(algorithm));
  const hasher: IHasher = await (algorithm === 'sha256' ? createSHA256() : createSM3());
  return new WasmHasher(algorithm, {
    init: () => hasher.init(),
    update: (data) => hasher.update(data),
    digest: () => hasher.digest('binary'),
  });
}
