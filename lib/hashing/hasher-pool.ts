/**
 * A small pool of streaming hashers (`wasm/wasm-hasher.ts`), one WebAssembly instance each.
 *
 * Creating a hasher instantiates the module (tens of microseconds and a fresh linear memory); a
 * court session verifies exhibit after exhibit, so finished hashers are `init()`-ed and reused.
 * A hasher is never shared by two hashes at once: each caller holds its own until it releases it,
 * which is what makes concurrent `hashStream` calls (two files dropped together) safe.
 *
 * Internal to `lib/hashing`; not part of the public API.
 *
 * @module
 */
import type { Algorithm } from './digests';
import { createWasmHasher, type WasmHasher } from './wasm/wasm-hasher';

/** Idle hashers kept per algorithm; more than a handful of parallel hashes is unusual. */
const MAX_IDLE = 4;

const idle: Record<Algorithm, WasmHasher[]> = { sha256: [], sm3: [] };

/** A hasher for `algorithm` in its initial state, owned by the caller until released. */
export async function acquireHasher(algorithm: Algorithm): Promise<WasmHasher> {
  const hasher = idle[algorithm].pop() ?? (await createWasmHasher(algorithm));
  return hasher.init();
}

/**
 * Gives a hasher back. Safe after an error or abort mid-input: it is `init()`-ed here and again
 * by `acquireHasher`, and the pool never hands out the state of one input to another caller.
 */
export function releaseHasher(hasher: WasmHasher): void {
  const pool = idle[hasher.algorithm];
  if (pool.length < MAX_IDLE) pool.push(hasher.init());
}
