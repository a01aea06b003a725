/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the one byte string for a JSON value that every
 * leaf, signed payload and certificate body is hashed or signed as.
 *
 * JCS is defined in terms of ECMAScript, so the primitives are serialised by the engine itself:
 * numbers by `Number.prototype.toString` (RFC 8785 §3.2.2.3, which is what `String(n)` does) and
 * strings by `JSON.stringify` (§3.2.2.2, ECMAScript QuoteJSONString). What this file adds is the
 * strictness JCS needs but `JSON.stringify` lacks: member names sorted by UTF-16 code units
 * (§3.2.3), and refusal — instead of silent repair — of everything that is not I-JSON (RFC 7493):
 * NaN and ±Infinity, `undefined` in arrays, lone surrogates, `bigint`, functions, symbols, cycles,
 * and objects that are not plain (`Date`, `Map`, class instances: `toJSON` is never consulted, so
 * a value's bytes never depend on a method someone can override).
 *
 * The `canonicalize` package (the RFC authors' reference for JavaScript) was not used: it maps
 * `undefined` in arrays to `null`, calls `toJSON` and serialises a `Map` as `{}`, exactly the
 * repairs a signature format must not make; wrapping it in a validator would leave the
 * serialisation itself as the only thing it does, which is the few lines below.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8785
 * @see https://www.rfc-editor.org/rfc/rfc7493 (I-JSON)
 * @module
 */
import { StatementError } from './errors';

export type JsonPrimitive = null | boolean | number | string;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export type JsonObject = { [key: string]: JsonValue };

/**
 * Deeper nesting is refused: no Verity document needs it, and a bound keeps the recursion far
 * from the engine's stack limit whatever a client sends.
 */
export const MAX_JSON_DEPTH = 64;

// A lone (unpaired) surrogate: with the `u` flag a valid pair is one astral code point, not Cs.
const LONE_SURROGATE = /\p{Cs}/u;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function fail(path: string, problem: string): never {
  throw new StatementError('NOT_JSON', `canonical JSON (RFC 8785): ${path} ${problem}`);
}

/** True for `{}`-style objects (prototype `Object.prototype` or `null`), the only objects JSON has. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function quote(text: string, path: string): string {
  if (LONE_SURROGATE.test(text)) fail(path, 'contains a lone UTF-16 surrogate; strings must be valid Unicode');
  return JSON.stringify(text);
}

function serialise(value: unknown, path: string, ancestors: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) fail(path, `is ${value}; JSON numbers must be finite`);
      return String(value); // ECMAScript Number::toString; -0 becomes "0" as §3.2.2.3 requires
    case 'string':
      return quote(value, path);
    case 'object':
      break;
    default:
      fail(path, `is ${value === undefined ? 'undefined' : `a ${typeof value}`}, which JSON cannot represent`);
  }
  if (ancestors.has(value)) fail(path, 'refers back to one of its ancestors (a cycle)');
  if (ancestors.size >= MAX_JSON_DEPTH) fail(path, `is nested deeper than ${MAX_JSON_DEPTH} levels`);
  ancestors.add(value);
  let out: string;
  if (Array.isArray(value)) {
    const items: string[] = [];
    // Index loop, not for-of over entries: holes in sparse arrays must be seen (as undefined).
    for (let i = 0; i < value.length; i++) items.push(serialise(value[i], childPath(path, i), ancestors));
    out = `[${items.join(',')}]`;
  } else if (isPlainObject(value)) {
    if (Object.getOwnPropertySymbols(value).length > 0) fail(path, 'has symbol keys, which JSON cannot represent');
    // Default string comparison is by UTF-16 code units, exactly the order §3.2.3 prescribes.
    const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const members: string[] = [];
    for (const key of keys) {
      const member = value[key];
      // An undefined member is an absent member (as in JSON.stringify), so optional fields can
      // be written as `{ title: maybeTitle }`. In arrays position matters, so undefined is refused.
      if (member === undefined) continue;
      const at = childPath(path, key);
      members.push(`${quote(key, at)}:${serialise(member, at, ancestors)}`);
    }
    out = `{${members.join(',')}}`;
  } else {
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    fail(path, `is a ${typeof name === 'string' ? name : 'non-plain object'}; only plain objects and arrays are JSON`);
  }
  ancestors.delete(value);
  return out;
}

/** The RFC 8785 canonical JSON text of `value`; throws `StatementError('NOT_JSON')` if it has none. */
export function canonicalJson(value: unknown): string {
  return serialise(value, '$', new Set());
}

/** `canonicalJson` with error messages naming the value `root` (e.g. `metadata.a[2]`) instead of `$`. */
export function canonicalJsonText(value: unknown, root: string): string {
  return serialise(value, root, new Set());
}

/**
 * The UTF-8 bytes of `canonicalJson(value)`: what gets hashed and signed. Backed by a plain
 * `ArrayBuffer`, so the bytes can go straight into a Prisma `Bytes` column.
 */
export function canonicalJsonBytes(value: unknown): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(canonicalJson(value));
}
