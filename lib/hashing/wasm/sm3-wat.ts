/**
 * The SM3 compression function in WebAssembly text: `sm3(p, n)` runs it (GB/T 32905-2016 §5.3,
 * draft-shen-sm3-hash §3.3) over n 64-byte blocks at p, on the chaining value held at
 * `STATE_OFFSET`. Padding, the length and the digest's bytes are `wasm-hasher.ts`'s.
 *
 * Why generated rather than written out: speed needs the 64 rounds unrolled (the constants
 * T_j <<< j become immediates, and the eight working words change roles by renaming instead of
 * moving), ~1,500 lines of near-identical text where a slip hides easily. Here each step is
 * written once, beside the formula it implements.
 *
 * What made it fast, measured in Chromium 156 by `npm run bench:hashing -- --kernels` (CPU time,
 * against `openssl dgst -sm3`; figures in bench/RESULTS.md):
 * - the message expansion interleaved with the rounds, W_{j+8} computed in round j: the
 *   out-of-order core runs it in the gaps of the rounds' dependency chain. Computing W16…W67
 *   with SIMD before the rounds (`expansion: 'simd'`, 3 lanes at a time since W_j needs W_{j-3})
 *   was slower than any scalar form: its unaligned 16-byte loads straddle the vector stores
 *   just made, and each such load waits for those stores to retire;
 * - sums ordered so that the operand ready last (E, SS1, SS2) is added last, which shortens the
 *   chain from one round's E to the next;
 * - the big-endian words byte-swapped with one SIMD shuffle per 4 words;
 * - many blocks per call, no copy or allocation per block.
 *
 * @see https://datatracker.ietf.org/doc/html/draft-shen-sm3-hash
 * @module
 */
import { STATE_OFFSET, W1_OFFSET } from './layout';
import {
  add,
  and,
  blockFunction,
  type Expr,
  get,
  konst,
  load32,
  loadBigEndianBlock,
  or,
  rotl,
  set,
  store32,
  tee,
  vload,
  vrotl,
  vstore,
  vxor,
  WORKING_WORDS,
  type Words,
  w,
  xor,
} from './wat';

export interface Sm3WatOptions {
  /**
   * `interleaved` (default): W_{j+lead} computed in round j, W'_j = W_j ⊕ W_{j+4} in the round.
   * `simd`: W16…W67 with vectors before the rounds, then W' 4 at a time (kept for the benchmark).
   */
  expansion?: 'interleaved' | 'simd';
  /** With `interleaved`: how many rounds ahead W is computed; 4 (the least) to 16. Default 8. */
  lead?: number;
}

const T_LOW = 0x79cc4519; // T_j, 0 ≤ j ≤ 15
const T_HIGH = 0x7a879d8a; // T_j, 16 ≤ j ≤ 63

function rotl32(x: number, n: number): number {
  const s = n % 32;
  return s === 0 ? x >>> 0 : ((x << s) | (x >>> (32 - s))) >>> 0;
}

/** T_j <<< (j mod 32). */
export function sm3RoundConstant(j: number): number {
  return rotl32(j < 16 ? T_LOW : T_HIGH, j);
}

/** x ⊕ (x <<< a) ⊕ (x <<< b) of local x: P0 with (9, 17), P1 with (15, 23). */
const permutation = (x: string, a: number, b: number) => xor(get(x), rotl(get(x), a), rotl(get(x), b));

/** W_j = P1(W_{j-16} ⊕ W_{j-9} ⊕ (W_{j-3} <<< 15)) ⊕ (W_{j-13} <<< 7) ⊕ W_{j-6}. */
function expandWord(j: number): Expr[] {
  return [
    set('x', xor(load32(w(j - 16)), load32(w(j - 9)), rotl(load32(w(j - 3)), 15))),
    store32(w(j), xor(permutation('x', 15, 23), rotl(load32(w(j - 13)), 7), load32(w(j - 6)))),
  ];
}

/** The `simd` expansion: W16…W67 three lanes at a time, then W'0…W'63 four at a time. */
function expandWithVectors(): Expr[] {
  const lines: Expr[] = [];
  // Lanes j, j+1, j+2 are right; lane j+3 read W_j before it existed and is overwritten by the
  // next step (the last step's spare lane lands in W68, which nothing reads).
  for (let j = 16; j < 68; j += 3) {
    lines.push(`(local.set $v ${vxor(vload(w(j - 16)), vload(w(j - 9)), vrotl(vload(w(j - 3)), 15))})`);
    lines.push(
      vstore(
        w(j),
        vxor(get('v'), vrotl(get('v'), 15), vrotl(get('v'), 23), vrotl(vload(w(j - 13)), 7), vload(w(j - 6))),
      ),
    );
  }
  for (let j = 0; j < 64; j += 4) lines.push(vstore(W1_OFFSET + 4 * j, vxor(vload(w(j)), vload(w(j + 4)))));
  return lines;
}

/**
 * Round j on the working words named by `v` (A…H). New A and E are written over the dead D and
 * H, B and F are rotated in place; the next round's A…H are [D, A, B, C, H, E, F, G] of this one.
 */
function round(j: number, v: Words, interleaved: boolean): Expr[] {
  const [A, B, C, D, E, F, G, H] = v.map(get) as unknown as Words;
  const [, nameB, , nameD, , nameF, , nameH] = v;
  // FF_j: x ⊕ y ⊕ z, then majority (x∧y) ∨ (x∧z) ∨ (y∧z) = (x∧y) ∨ (z∧(x∨y)).
  const ff = j < 16 ? xor(A, B, C) : or(and(A, B), and(C, or(A, B)));
  // GG_j: x ⊕ y ⊕ z, then choice (x∧y) ∨ (¬x∧z) = ((y ⊕ z) ∧ x) ⊕ z.
  const gg = j < 16 ? xor(E, F, G) : xor(and(xor(F, G), E), G);
  const wj = interleaved ? tee('w', load32(w(j))) : load32(w(j));
  const wPrime = interleaved ? xor(get('w'), load32(w(j + 4))) : load32(W1_OFFSET + 4 * j);
  return [
    // SS1 = ((A <<< 12) + E + (T_j <<< j)) <<< 7, SS2 = SS1 ⊕ (A <<< 12).
    set('a12', rotl(A, 12)),
    set('ss1', rotl(add(get('a12'), konst(sm3RoundConstant(j)), E), 7)),
    // TT2 = GG + H + SS1 + W_j; new E = P0(TT2) (in H's local).
    set('tt2', add(H, wj, gg, get('ss1'))),
    // TT1 = FF + D + SS2 + W'_j: new A (in D's local).
    set(nameD, add(D, wPrime, ff, xor(get('ss1'), get('a12')))),
    set(nameH, permutation('tt2', 9, 17)),
    // C = B <<< 9, G = F <<< 19.
    set(nameB, rotl(B, 9)),
    set(nameF, rotl(F, 19)),
  ];
}

/** The function `sm3` of the digest module. Deterministic: the same options give the same text. */
export function sm3Function(options: Sm3WatOptions = {}): Expr {
  const interleaved = (options.expansion ?? 'interleaved') === 'interleaved';
  const lead = options.lead ?? 8;
  if (!Number.isInteger(lead) || lead < 4 || lead > 16) throw new RangeError('lead must be an integer from 4 to 16');
  const body: Expr[] = [...loadBigEndianBlock()];
  if (!interleaved) body.push(...expandWithVectors());
  WORKING_WORDS.forEach((name, i) => {
    body.push(set(name, load32(STATE_OFFSET + 4 * i)));
  });
  let v: Words = WORKING_WORDS;
  for (let j = 0; j < 64; j++) {
    body.push(`;; round ${j}`);
    if (interleaved) {
      // Round j uses W_{j+4}, computed in round j + 4 − lead; W_t needs W_{t-3}, computed 3
      // rounds before it. Round 67 − lead computes the last, W67.
      const t = j + lead;
      if (t >= 16 && t <= 67) body.push(...expandWord(t));
    }
    body.push(...round(j, v, interleaved));
    const [a, b, c, d, e, f, g, h] = v;
    v = [d, a, b, c, h, e, f, g];
  }
  // 64 renamings are 16 whole turns: the working words are back in $a…$h. V_{i+1} = ABCDEFGH ⊕ V_i.
  WORKING_WORDS.forEach((name, i) => {
    body.push(store32(STATE_OFFSET + 4 * i, xor(load32(STATE_OFFSET + 4 * i), get(name))));
  });
  return blockFunction('sm3', [...WORKING_WORDS, 'a12', 'ss1', 'tt2', 'w', 'x'], ['v'], body);
}
