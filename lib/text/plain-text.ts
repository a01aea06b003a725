/**
 * The one rule for text a person or a client types into Verity — titles, file names, names,
 * reasons, labels, search words: no character that makes what a reader sees differ from what
 * was stored, and none PostgreSQL cannot store. Refused:
 *
 * - control characters: C0 (NUL included: PostgreSQL refuses it in text, which had made a title
 *   with NUL an INTERNAL error), DEL and C1 — except tab and line feed in multi-line text, where
 *   a carriage return is allowed only before a line feed (browsers send textarea lines as CR LF);
 * - bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): with them
 *   `invoice\u202Efdp.exe` reads as "invoiceexe.pdf" (Trojan Source, CVE-2021-42574);
 * - U+2028 and U+2029 (line and paragraph separators: an invisible line break in one-line text)
 *   and U+FEFF (a zero-width no-break space, invisible inside a name);
 * - unpaired UTF-16 surrogates, which have no UTF-8 form (they would be stored as U+FFFD, so two
 *   different inputs would become one).
 *
 * The bidi marks U+200E, U+200F and U+061C stay allowed: they move no run of text, and Arabic or
 * Hebrew names in a court's records may need them.
 *
 * Text is not normalised (NFC): what a person typed is what a court record keeps, and NFC turns
 * CJK compatibility ideographs (U+F900–U+FAFF, used in some personal and place names) into their
 * unified forms — a different character to the person whose name it is. Searches normalise
 * their own side instead (lib/public-ledger/search-ledger.ts).
 *
 * Pure and browser-safe: the deposit API's statement schema (lib/ledger/statement) and the pages
 * check with the same rule.
 *
 * @see https://www.unicode.org/reports/tr9/ (bidirectional algorithm: explicit formatting characters)
 * @see https://trojansource.codes/
 * @module
 */
import type { z } from 'zod';

export interface PlainTextOptions {
  /** Tab and line feed allowed (and CR only before LF): reasons, opinions, descriptions. */
  multiline?: boolean;
}

/** The zod issue `format` of a refusal, which forms map to "remove the character" in the reader's language. */
export const PLAIN_TEXT_FORMAT = 'plain_text';

const ONE_LINE = /[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069\u2028\u2029\uFEFF]/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const MULTI_LINE = /[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\p{Cs}\u202A-\u202E\u2066-\u2069\u2028\u2029\uFEFF]|\r(?!\n)/u;

/** What kind of character `c` is, for a message. */
function kind(c: number): string {
  if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return 'a text-direction control';
  if (c === 0x2028 || c === 0x2029) return 'an invisible line break';
  if (c === 0xfeff) return 'an invisible zero-width character';
  if (c >= 0xd800 && c <= 0xdfff) return 'half of a character (an unpaired surrogate)';
  return 'a control character';
}

/**
 * The first character `text` may not contain, described for a message
 * (`U+202E, a text-direction control`), or null when the text is plain.
 */
export function forbiddenCharacter(text: string, options: PlainTextOptions = {}): string | null {
  const found = (options.multiline ? MULTI_LINE : ONE_LINE).exec(text);
  if (!found) return null;
  const c = found[0].charCodeAt(0);
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}, ${kind(c)}`;
}

/** True when `text` contains nothing `plainText` refuses. */
export function isPlainText(text: string, options: PlainTextOptions = {}): boolean {
  return !(options.multiline ? MULTI_LINE : ONE_LINE).test(text);
}

/** CR LF and lone CR as LF: for `.overwrite()` before a multi-line field is checked and stored. */
export function normaliseNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/**
 * The shared refinement: `z.string().trim().max(200).superRefine(plainText('the title'))`. The
 * issue says which character, where, and what to do; its code is `invalid_format` (format
 * `plain_text`), so forms can show their own sentence for it.
 */
export function plainText(what: string, options: PlainTextOptions = {}) {
  return (text: string, ctx: z.RefinementCtx<string>): void => {
    const found = forbiddenCharacter(text, options);
    if (found === null) return;
    ctx.addIssue({
      code: 'invalid_format',
      format: PLAIN_TEXT_FORMAT,
      input: text,
      message: `${what} must not contain ${found}; remove it (it may have come with copied text)`,
    });
  };
}

/** `plainText` for multi-line text: tab and line breaks allowed. Use `.overwrite(normaliseNewlines)` first. */
export function plainMultilineText(what: string) {
  return plainText(what, { multiline: true });
}
