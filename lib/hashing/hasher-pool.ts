/**
 * A small pool of hash-wasm streaming hashers, one WebAssembly instance each.
 *
 * Creating a hasher instantiates a WASM module (tens of microseconds and a fresh linear memory);
 * a court session verifies exhibit after exhibit, so finished hashers are `init()`-ed and reused.
 * A hasher is never shared by two hashes at once: each caller holds its own until it releases it,
 * which is what makes concurrent `hashStream` calls (two files dropped together) safe.
 *
 * Internal to `lib/hashing`; not part of the public API.
 *
 * @module
 */
import { createSHA256, createSM3, type IHasher } from 'hash-wasm';
import type { Algorithm } from './digests';

/** Idle hashers kept per algorithm; more than a handful of parallel hashes is unusual. */
const MAX_IDLE = 4;

const CREATE: Record<Algorithm, () => Promise<IHasher>> = { sha256: createSHA256, sm3: createSM3 };
const idle: Record<Algorithm, IHasher[]> = { sha256: [], sm3: [] };

/** A hasher for `algorithm` in its initial state, owned by the caller until released. */
export async function acquireHasher(algorithm: Algorithm): Promise<IHasher> {
  const hasher = idle[algorithm].pop() ?? (await CREATE[algorithm]());
  return hasher.init();
}

/**
 * Gives a hasher back. Safe after an error or abort mid-input: `acquireHasher` re-`init()`s it,
 * and the pool never hands out the state of one input to another caller.
 */
export function releaseHasher(algorithm: Algorithm, hasher: IHasher): void {
  if (idle[algorithm].length < MAX_IDLE) idle[algorithm].push(hasher.init());
}
