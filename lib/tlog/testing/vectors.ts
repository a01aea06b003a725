/**
 * Test support only: loads the RFC 6962 proof vectors from transparency-dev/merkle that the
 * project keeps in /work/shared/vectors/rfc6962 (see its README.md for the JSON format).
 *
 * Sizes and indexes are read as bigint from the raw JSON text: JSON.parse would round
 * 18446744073709551615 (a "leafIdx sub 1" case) to 18446744073709552000.
 *
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const VECTORS_DIR = path.resolve(import.meta.dirname, '../../../../shared/vectors/rfc6962');

/** Every `*.json` file under `dir`, as paths relative to it, sorted. */
export function listVectorFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json'))
    .sort();
}

/** Parses vector JSON, turning the listed integer fields into bigints. */
export function readVector(file: string, bigintFields: readonly string[]): Record<string, unknown> {
  let text = readFileSync(file, 'utf8');
  for (const field of bigintFields) {
    text = text.replace(new RegExp(`"${field}"\\s*:\\s*(\\d+)`, 'g'), `"${field}": "$1"`);
  }
  const json = JSON.parse(text) as Record<string, unknown>;
  for (const field of bigintFields) {
    if (typeof json[field] !== 'string') throw new Error(`${file}: ${field} is not an integer`);
    json[field] = BigInt(json[field] as string);
  }
  return json;
}

/** Decodes a vector's base64 field with node's decoder (independent of the library's). */
export function b64(value: unknown): Uint8Array {
  if (typeof value !== 'string') throw new Error('expected a base64 string');
  return new Uint8Array(Buffer.from(value, 'base64'));
}

/** A vector's proof list; `null` in the files means no hashes. */
export function b64List(value: unknown): Uint8Array[] {
  if (value === null) return [];
  if (!Array.isArray(value)) throw new Error('expected a list of base64 strings');
  return value.map(b64);
}
