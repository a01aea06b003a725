/**
 * Streaming SHA-256 (FIPS 180-4) and SM3 (GB/T 32905-2016) on our own WebAssembly compression
 * functions (`digests-wasm.generated.ts`, built from `*-wat.ts`): `init()`, `update(bytes)` any
 * number of times with pieces of any size, `digest()`. Runs in the page, in a Web Worker, in Node
 * and in the CLI; needs `'wasm-unsafe-eval'` in a page's CSP.
 *
 * Why our own rather than hash-wasm, the maintained library lib/hashing used before: hashing both
 * digests of a file on /verify is limited by the slower of the two hashers, and in Chromium 156
 * hash-wasm's SM3 ran at 0.6× and its SHA-256 at 0.8× the speed of the C command-line tools;
 * these, written for speed, run at about 1.0× (figures in lib/hashing/README.md and
 * bench/RESULTS.md).
 *
 * Input is copied into the instance's memory `INPUT_SIZE` bytes at a time and each piece hashed
 * by one call: a `File`'s bytes arrive in ArrayBuffers that the reader owns, and a WebAssembly
 * memory cannot be the target of a read. Padding and the length are added here, in `digest()`.
 *
 * @see https://csrc.nist.gov/pubs/fips/180-4/upd1/final
 * @see https://datatracker.ietf.org/doc/html/draft-shen-sm3-hash
 * @module
 */
import type { Algorithm } from '../digests';
import { DIGESTS_WASM_BASE64 } from './digests-wasm.generated';
import { INPUT_OFFSET, INPUT_SIZE, STATE_OFFSET } from './layout';

/** Initial hash values: FIPS 180-4 §5.3.3 and GB/T 32905-2016 §4.1. */
const INITIAL: Record<Algorithm, readonly number[]> = {
  sha256: [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19],
  sm3: [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e],
};

/** The digest module's exports: its memory and one compression function per algorithm. */
type DigestsExports = { memory: WebAssembly.Memory } & Record<Algorithm, (pointer: number, blocks: number) => void>;

let compiled: Promise<WebAssembly.Module> | undefined;

/** The module, compiled once per realm (page, worker, Node process); each hasher is its own instance. */
export function compileDigestsWasm(): Promise<WebAssembly.Module> {
  compiled ??= WebAssembly.compile(Uint8Array.from(atob(DIGESTS_WASM_BASE64), (c) => c.charCodeAt(0)));
  return compiled;
}

/** A new hasher for `algorithm`, in its initial state. */
export async function createWasmHasher(algorithm: Algorithm): Promise<WasmHasher> {
  const instance = await WebAssembly.instantiate(await compileDigestsWasm());
  return new WasmHasher(algorithm, instance.exports as unknown as DigestsExports);
}

export class WasmHasher {
  readonly algorithm: Algorithm;
  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  private readonly compress: (pointer: number, blocks: number) => void;
  /** Input bytes waiting in the input area for a whole block (fewer than 64 between calls). */
  private pending = 0;
  /** Input bytes since `init()`. */
  private length = 0;

  /** Use `createWasmHasher()`. */
  constructor(algorithm: Algorithm, exports: DigestsExports) {
    this.algorithm = algorithm;
    // The module never grows its memory, so these views stay attached.
    this.bytes = new Uint8Array(exports.memory.buffer);
    this.view = new DataView(exports.memory.buffer);
    this.compress = exports[algorithm];
    this.init();
  }

  /** Back to the initial state, whatever was hashed before. */
  init(): this {
    INITIAL[this.algorithm].forEach((word, i) => {
      this.view.setUint32(STATE_OFFSET + 4 * i, word, true);
    });
    this.pending = 0;
    this.length = 0;
    return this;
  }

  update(data: Uint8Array): this {
    const total = data.byteLength;
    this.length += total;
    for (let offset = 0; offset < total; ) {
      const take = Math.min(INPUT_SIZE - this.pending, total - offset);
      this.bytes.set(take === total ? data : data.subarray(offset, offset + take), INPUT_OFFSET + this.pending);
      offset += take;
      const filled = this.pending + take;
      const blocks = filled >>> 6;
      if (blocks > 0) {
        this.compress(INPUT_OFFSET, blocks);
        // A partial block moves to the front of the input area, for the next piece.
        if (filled & 63) this.bytes.copyWithin(INPUT_OFFSET, INPUT_OFFSET + blocks * 64, INPUT_OFFSET + filled);
      }
      this.pending = filled & 63;
    }
    return this;
  }

  /** The 32-byte digest of everything since `init()`; call `init()` before hashing anything else. */
  digest(): Uint8Array {
    // Padding, the same for both (FIPS 180-4 §5.1.1, GB/T 32905-2016 §5.2): 0x80, zeros up to
    // 56 mod 64, then the length in bits as a 64-bit big-endian number.
    const end = this.pending < 56 ? 64 : 128;
    this.bytes[INPUT_OFFSET + this.pending] = 0x80;
    this.bytes.fill(0, INPUT_OFFSET + this.pending + 1, INPUT_OFFSET + end - 8);
    this.view.setUint32(INPUT_OFFSET + end - 8, Math.floor(this.length / 0x20000000));
    this.view.setUint32(INPUT_OFFSET + end - 4, (this.length % 0x20000000) * 8);
    this.compress(INPUT_OFFSET, end / 64);
    const out = new Uint8Array(32);
    const outView = new DataView(out.buffer);
    for (let i = 0; i < 8; i++) outView.setUint32(4 * i, this.view.getUint32(STATE_OFFSET + 4 * i, true));
    return out;
  }
}
