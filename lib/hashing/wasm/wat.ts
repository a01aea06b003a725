/**
 * Small builders of WebAssembly text (folded S-expressions) for the digest generators
 * (`sm3-wat.ts`, `sha256-wat.ts`). Build-time only.
 *
 * Memory accesses use a constant address (`offset=` with base 0): the scratch area is at a fixed
 * place, so every access is one instruction with no address arithmetic.
 *
 * @module
 */
import { W_OFFSET } from './layout';

export type Expr = string;

export const get = (name: string): Expr => `(local.get $${name})`;
export const set = (name: string, value: Expr): Expr => `(local.set $${name} ${value})`;
export const tee = (name: string, value: Expr): Expr => `(local.tee $${name} ${value})`;
export const konst = (value: number): Expr => `(i32.const ${value | 0})`;
export const rotl = (x: Expr, n: number): Expr => `(i32.rotl ${x} ${konst(n)})`;
export const rotr = (x: Expr, n: number): Expr => `(i32.rotr ${x} ${konst(n)})`;
export const shr = (x: Expr, n: number): Expr => `(i32.shr_u ${x} ${konst(n)})`;
export const and = (x: Expr, y: Expr): Expr => `(i32.and ${x} ${y})`;
export const or = (x: Expr, y: Expr): Expr => `(i32.or ${x} ${y})`;
/** Left to right: xor(a, b, c) = (a ⊕ b) ⊕ c. The order is the order of evaluation. */
export const xor = (...xs: Expr[]): Expr => xs.reduce((acc, x) => `(i32.xor ${acc} ${x})`);
/** Left to right: add(a, b, c) = (a + b) + c; put the operand that is ready last, last. */
export const add = (...xs: Expr[]): Expr => xs.reduce((acc, x) => `(i32.add ${acc} ${x})`);
export const load32 = (offset: number): Expr => `(i32.load offset=${offset} (i32.const 0))`;
export const store32 = (offset: number, value: Expr): Expr => `(i32.store offset=${offset} (i32.const 0) ${value})`;
export const vload = (offset: number): Expr => `(v128.load offset=${offset} (i32.const 0))`;
export const vstore = (offset: number, value: Expr): Expr => `(v128.store offset=${offset} (i32.const 0) ${value})`;
export const vxor = (...xs: Expr[]): Expr => xs.reduce((acc, x) => `(v128.xor ${acc} ${x})`);
/** WebAssembly SIMD has no lane rotate: shift both ways and or. */
export const vrotl = (x: Expr, n: number): Expr =>
  `(v128.or (i32x4.shl ${x} ${konst(n)}) (i32x4.shr_u ${x} ${konst(32 - n)}))`;

/** The address of message word W_j in the scratch area. */
export const w = (j: number): number => W_OFFSET + 4 * j;

/**
 * Copies the 16 big-endian words of the block at $p into W0…W15 in native order: one
 * `i8x16.shuffle` per 4 words (WebAssembly has no scalar byte swap; it would take four shifts
 * and masks per word).
 */
export function loadBigEndianBlock(): Expr[] {
  const swap = '3 2 1 0 7 6 5 4 11 10 9 8 15 14 13 12';
  return [0, 1, 2, 3].map((i) =>
    vstore(w(4 * i), `(i8x16.shuffle ${swap} (v128.load offset=${16 * i} (local.get $p)) (v128.const i64x2 0 0))`),
  );
}

/** The working words a…h, renamed round by round rather than moved. */
export const WORKING_WORDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] as const;
export type Words = readonly [string, string, string, string, string, string, string, string];

/**
 * A compression function `name(p, n)`: `body` once per 64-byte block for `n` blocks from `p`.
 * `locals` are the i32 locals the body uses besides $p and $n; `vectors` its v128 locals.
 */
export function blockFunction(name: string, locals: readonly string[], vectors: readonly string[], body: Expr[]): Expr {
  const declared = [...locals.map((l) => `(local $${l} i32)`), ...vectors.map((v) => `(local $${v} v128)`)].join(' ');
  return `  ;; ${name}(p, n): n 64-byte blocks at p into the chaining value.
  (func (export "${name}") (param $p i32) (param $n i32)
    ${declared}
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $block
        ${body.join('\n        ')}
        (local.set $p (i32.add (local.get $p) (i32.const 64)))
        (br_if $block (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))`;
}
