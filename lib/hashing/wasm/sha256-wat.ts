/**
 * The SHA-256 compression function in WebAssembly text: `sha256(p, n)` runs it (FIPS 180-4
 * §6.2.2) over n 64-byte blocks at p, on the chaining value held at `STATE_OFFSET`. Padding,
 * the length and the digest's bytes are `wasm-hasher.ts`'s.
 *
 * Written like `sm3-wat.ts` (see there why generated, and what made it fast): rounds unrolled with
 * renamed working words, the message schedule interleaved with the rounds (W_{t+lead} in round
 * t), the big-endian words byte-swapped with SIMD, sums ordered so that what depends on E comes
 * last, and Maj(a, b, c) = ((a ⊕ b) ∧ (b ⊕ c)) ⊕ b with b ⊕ c carried over from the round before
 * (it is that round's a ⊕ b).
 *
 * @see https://csrc.nist.gov/pubs/fips/180-4/upd1/final
 * @module
 */
import { STATE_OFFSET } from './layout';
import {
  add,
  and,
  blockFunction,
  type Expr,
  get,
  konst,
  load32,
  loadBigEndianBlock,
  rotr,
  set,
  shr,
  store32,
  tee,
  WORKING_WORDS,
  type Words,
  w,
  xor,
} from './wat';

export interface Sha256WatOptions {
  /** How many rounds ahead the schedule is computed: round t computes W_{t+lead}; 1 to 16. Default 8. */
  lead?: number;
}

/** K_0…K_63 (FIPS 180-4 §4.2.2): the first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
export const SHA256_K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
];

/** W_t = σ1(W_{t-2}) + W_{t-7} + σ0(W_{t-15}) + W_{t-16}, off the rounds' critical path. */
function scheduleWord(t: number): Expr[] {
  return [
    // σ0(x) = (x >>> 7) ⊕ (x >>> 18) ⊕ (x ≫ 3) = ((x ⊕ (x >>> 11)) >>> 7) ⊕ (x ≫ 3): one rotation fewer.
    set('x', load32(w(t - 15))),
    set('s', xor(rotr(xor(get('x'), rotr(get('x'), 11)), 7), shr(get('x'), 3))),
    // σ1(x) = (x >>> 17) ⊕ (x >>> 19) ⊕ (x ≫ 10) = ((x ⊕ (x >>> 2)) >>> 17) ⊕ (x ≫ 10).
    set('x', load32(w(t - 2))),
    store32(
      w(t),
      add(
        load32(w(t - 16)),
        load32(w(t - 7)),
        get('s'),
        xor(rotr(xor(get('x'), rotr(get('x'), 2)), 17), shr(get('x'), 10)),
      ),
    ),
  ];
}

/**
 * Round t on the working words named by `v` (a…h). T1 = h + Σ1(e) + Ch(e, f, g) + K_t + W_t,
 * T2 = Σ0(a) + Maj(a, b, c); new e = d + T1 (in d's local), new a = T1 + T2 (in h's local); the
 * next round's a…h are [h, a, b, c, d, e, f, g] of this one. `ab`/`bc` name the locals holding
 * a ⊕ b (set here) and b ⊕ c (set by the round before).
 */
function round(t: number, v: Words, ab: string, bc: string): Expr[] {
  const [A, B, , D, E, F, G, H] = v.map(get) as unknown as Words;
  const [, , , nameD, , , , nameH] = v;
  // Σ1(e) = (e >>> 6) ⊕ (e >>> 11) ⊕ (e >>> 25): three independent rotations, the short chain.
  const sigma1 = xor(rotr(E, 6), rotr(E, 11), rotr(E, 25));
  // Ch(e, f, g) = (e ∧ f) ⊕ (¬e ∧ g) = ((f ⊕ g) ∧ e) ⊕ g.
  const ch = xor(and(xor(F, G), E), G);
  const sigma0 = xor(rotr(A, 2), rotr(A, 13), rotr(A, 22));
  const maj = xor(and(tee(ab, xor(A, B)), get(bc)), B);
  return [
    set('t1', add(H, konst(SHA256_K[t] as number), load32(w(t)), ch, sigma1)),
    set(nameD, add(D, get('t1'))),
    set(nameH, add(sigma0, maj, get('t1'))),
  ];
}

/** The function `sha256` of the digest module. Deterministic: the same options give the same text. */
export function sha256Function(options: Sha256WatOptions = {}): Expr {
  const lead = options.lead ?? 8;
  if (!Number.isInteger(lead) || lead < 1 || lead > 16) throw new RangeError('lead must be an integer from 1 to 16');
  const body: Expr[] = [...loadBigEndianBlock()];
  WORKING_WORDS.forEach((name, i) => {
    body.push(set(name, load32(STATE_OFFSET + 4 * i)));
  });
  body.push(set('bc0', xor(get('b'), get('c'))));
  let v: Words = WORKING_WORDS;
  for (let t = 0; t < 64; t++) {
    body.push(`;; round ${t}`);
    // Round t uses W_t, computed in round t − lead; W_u needs W_{u-2}, computed 2 rounds before.
    const u = t + lead;
    if (u >= 16 && u <= 63) body.push(...scheduleWord(u));
    // a ⊕ b of round t is b ⊕ c of round t + 1: two locals, taking turns.
    body.push(...round(t, v, t % 2 ? 'bc0' : 'bc1', t % 2 ? 'bc1' : 'bc0'));
    const [a, b, c, d, e, f, g, h] = v;
    v = [h, a, b, c, d, e, f, g];
  }
  // 64 renamings are 8 whole turns: the working words are back in $a…$h. H_i = H_{i-1} + a…h.
  WORKING_WORDS.forEach((name, i) => {
    body.push(store32(STATE_OFFSET + 4 * i, add(load32(STATE_OFFSET + 4 * i), get(name))));
  });
  return blockFunction('sha256', [...WORKING_WORDS, 't1', 's', 'x', 'bc0', 'bc1'], [], body);
}
