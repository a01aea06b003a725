/**
 * TEST SUPPORT ONLY (reads files with `node:fs`, imports Vitest): the known-answer digests in
 * shared/vectors/digests/digests.json expanded to bytes, a `node:crypto` reference hash, and a
 * matcher for a `HashingError` with an exact code and message.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Algorithm, Digests } from './digests';
import type { HashingErrorCode } from './errors';

export const VECTORS_FILE = path.resolve(import.meta.dirname, '../../../shared/vectors/digests/digests.json');

type RawCase = { input: string; repeat: number; sha256: string; sm3: string };

export type DigestVector = { name: string; bytes: Uint8Array<ArrayBuffer>; digests: Required<Digests> };

/** Every case of the vector file; `input` is UTF-8 text repeated `repeat` times. */
export function loadDigestVectors(): DigestVector[] {
  const file = JSON.parse(readFileSync(VECTORS_FILE, 'utf8')) as { cases: RawCase[] };
  if (!Array.isArray(file.cases) || file.cases.length === 0) throw new Error(`no cases in ${VECTORS_FILE}`);
  return file.cases.map((c) => ({
    name: `${JSON.stringify(c.input.length > 8 ? `${c.input.slice(0, 8)}…` : c.input)} × ${c.repeat}`,
    bytes: new TextEncoder().encode(c.input.repeat(c.repeat)),
    digests: { sha256: c.sha256, sm3: c.sm3 },
  }));
}

/** The reference: OpenSSL through `node:crypto`, independent of hash-wasm and noble. */
export function referenceDigests(bytes: Uint8Array, algorithms: Algorithm[] = ['sha256', 'sm3']): Digests {
  const digests: Digests = {};
  for (const algorithm of algorithms) digests[algorithm] = createHash(algorithm).update(bytes).digest('hex');
  return digests;
}

/** Matches a thrown `HashingError` with exactly this code and message. */
export function hashingError(code: HashingErrorCode, message: string) {
  return expect.objectContaining({ name: 'HashingError', code, message });
}
