/** Test support for lib/text: the characters plain text refuses. */

/** Every character class the rule refuses, one example each. */
export const REFUSED = [
  ['NUL', '\u0000'],
  ['a C0 control (ESC)', '\u001b'],
  ['DEL', '\u007f'],
  ['a C1 control (NEL)', '\u0085'],
  ['RIGHT-TO-LEFT OVERRIDE', '\u202e'],
  ['LEFT-TO-RIGHT EMBEDDING', '\u202a'],
  ['RIGHT-TO-LEFT ISOLATE', '\u2067'],
  ['POP DIRECTIONAL ISOLATE', '\u2069'],
  ['LINE SEPARATOR', '\u2028'],
  ['PARAGRAPH SEPARATOR', '\u2029'],
  ['ZERO WIDTH NO-BREAK SPACE', '\ufeff'],
  ['a lone high surrogate', '\ud800'],
  ['a lone low surrogate', '\udc00'],
] as const;
