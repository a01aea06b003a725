/**
 * JSON.parse, but refusing what it silently changes: a member name given twice in one object
 * (JSON.parse keeps the last, so what was signed or meant and what is stored can differ — RFC 8259
 * §4 leaves it to the parser; RFC 7493 I-JSON §2.3 forbids it), and number literals that do not
 * survive as an IEEE 754 double: integers beyond ±(2^53−1) (I-JSON §2.2: rounded silently, so
 * 9007199254740993 became …992), literals too large (1e400 → Infinity) and non-zero literals too
 * small (1e-400 → 0). Other literals are kept as the double they denote, as RFC 8785 (the canonical
 * form leaves and metadata digests are computed on) defines them: `1.0`, `1e2` and `-0` are the
 * numbers 1, 100 and 0, written canonically as `1`, `100`, `0`; a fraction such as 0.1 is its
 * nearest double, which every JSON party reads the same way.
 *
 * Written here because no installed package does it (`secure-json-parse` handles `__proto__`, not
 * duplicates; Node 20's JSON.parse reviver has no access to the literal's source text): the text
 * is first parsed by JSON.parse — so syntax errors and the values are the engine's — and then
 * scanned once, without recursion, for the two things it cannot report.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7493 (I-JSON)
 * @see https://www.rfc-editor.org/rfc/rfc8785#section-3.2.2.3 (numbers in canonical JSON)
 * @module
 */
import type { AppError } from '@/lib/errors/app-error';
import { issuePath, validationFailed } from '@/lib/errors/zod-issues';

interface Frame {
  /** Member names seen so far; null for an array. */
  names: Set<string> | null;
  /** The member name or array index being read, for the path in a message. */
  at: string | number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The value of the JSON `text`. Throws JSON.parse's SyntaxError for text that is not JSON, and
 * AppError VALIDATION_FAILED (422) naming the place for a duplicate member name or a number that
 * would not be read exactly.
 */
export function parseStrictJson(text: string): unknown {
  const value: unknown = JSON.parse(text);
  checkStrictJson(text);
  return value;
}

/** Scans JSON text that JSON.parse accepted; throws as `parseStrictJson`. */
function checkStrictJson(text: string): void {
  const frames: Frame[] = [];
  let expectName = false;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = closingQuote(text, i);
      const top = frames[frames.length - 1];
      if (expectName && top?.names) {
        const raw = text.slice(i + 1, end);
        const name = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        top.at = name;
        if (top.names.has(name)) {
          throw problem(
            path(frames),
            `the member name ${JSON.stringify(name)} appears more than once in this object; give each name once`,
          );
        }
        top.names.add(name);
        expectName = false;
      }
      i = end + 1;
      continue;
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let end = i + 1;
      while (end < text.length && isNumberChar(text.charCodeAt(end))) end++;
      checkNumber(text.slice(i, end), frames);
      i = end;
      continue;
    }
    switch (c) {
      case 0x7b: // {
        frames.push({ names: new Set(), at: '' });
        expectName = true;
        break;
      case 0x5b: // [
        frames.push({ names: null, at: 0 });
        expectName = false;
        break;
      case 0x7d: // }
      case 0x5d: // ]
        frames.pop();
        expectName = false;
        break;
      case 0x2c: {
        // , : the next member name, or the next array element
        const top = frames[frames.length - 1];
        if (top?.names) expectName = true;
        else if (top) top.at = (top.at as number) + 1;
        break;
      }
      case 0x3a: // :
        expectName = false;
        break;
    }
    i++;
  }
}

/** The index of the quote closing the string that opens at `open` (the text is valid JSON). */
function closingQuote(text: string, open: number): number {
  let at = open;
  for (;;) {
    at = text.indexOf('"', at + 1);
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
}

function isNumberChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d;
}

const INTEGER = /^-?\d+$/;

function checkNumber(literal: string, frames: Frame[]): void {
  const value = Number(literal);
  if (INTEGER.test(literal)) {
    if (Number.isSafeInteger(value)) return;
    throw problem(
      path(frames),
      `the integer ${literal} is beyond ±9007199254740991 (2^53−1) and would be stored rounded; send it as a string`,
    );
  }
  if (!Number.isFinite(value)) {
    throw problem(
      path(frames),
      `the number ${literal} is too large for a JSON number (an IEEE 754 double); send it as a string`,
    );
  }
  const mantissa = literal.split(/[eE]/)[0] ?? '';
  if (value === 0 && /[1-9]/.test(mantissa)) {
    throw problem(path(frames), `the number ${literal} is too small and would be stored as 0; send it as a string`);
  }
}

function path(frames: Frame[]): string {
  return issuePath(frames.map((f) => f.at));
}

function problem(at: string, message: string): AppError {
  return validationFailed([{ path: at, message }]);
}
