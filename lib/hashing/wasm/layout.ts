/**
 * The memory layout of the digest module (`digests-wasm.generated.ts`), shared by its source
 * (`*-wat.ts`) and the JavaScript side (`wasm-hasher.ts`): one 64 KiB page per instance, the
 * chaining value first, the message schedule's scratch area, then the input area that the
 * JavaScript side copies bytes into before each call.
 *
 * @module
 */

/** The chaining value: eight i32 words in native (little-endian) order. */
export const STATE_OFFSET = 0;
/** The message schedule: SM3's W0…W67 (plus one spare vector lane), SHA-256's W0…W63. */
export const W_OFFSET = 64;
/** SM3's W'0…W'63, when they are computed before the rounds. */
export const W1_OFFSET = W_OFFSET + 72 * 4;
/** Input bytes start here, after the scratch area, at a 64-byte boundary. */
export const INPUT_OFFSET = 1024;
/**
 * Input bytes staged per call. 32 KiB: the input and the scratch area stay in the core's L1
 * cache, and a 4 MiB read is 128 calls, whose cost is nothing beside the hashing.
 */
export const INPUT_SIZE = 32 * 1024;
/** Memory pages (64 KiB each) the module declares; it never grows. */
export const MEMORY_PAGES = 1;

if (W1_OFFSET + 64 * 4 > INPUT_OFFSET || INPUT_OFFSET + INPUT_SIZE > MEMORY_PAGES * 65536) {
  throw new Error('layout.ts: the scratch and input areas overlap or do not fit the memory');
}
