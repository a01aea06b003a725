import 'server-only';

/**
 * How a natural person's name is shown to visitors of a public certificate page who are not
 * people of its case (ARCHITECTURE.md "Names on public pages"; GLOSSARY "masked name"), after the
 * courts' own practice when publishing judgments:
 *
 * - a Chinese name keeps its first and last character and hides the rest: 张三明 → 张*明,
 *   欧阳明华 → 欧**华; a two-character name keeps its first: 李四 → 李*;
 * - a name in Latin letters keeps the last word (the surname) and the initial of each other
 *   word: John Smith → J*** Smith, Mary Ann Smith → M*** A*** Smith; a single word keeps its
 *   initial: Madonna → M***;
 * - anything else keeps its first character: → X***.
 *
 * Organisations (the court, depositor organisations) are never passed here: only people.
 *
 * @module
 */

const HAN = /^\p{Script=Han}+$/u;
const MIDDLE_DOT = /[·・•]/;

function maskWord(word: string): string {
  const first = [...word][0] ?? '';
  return `${first}***`;
}

/** The masked form of a natural person's name. */
export function maskPersonName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (trimmed === '') return '';
  const chars = [...trimmed];
  if (HAN.test(trimmed)) {
    if (chars.length === 1) return '*';
    if (chars.length === 2) return `${chars[0]}*`;
    return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
  }
  // A transliterated foreign name in Chinese (约翰·史密斯): the given name masked, the surname kept.
  if (MIDDLE_DOT.test(trimmed) && /\p{Script=Han}/u.test(trimmed)) {
    const parts = trimmed.split(MIDDLE_DOT);
    const last = parts.pop() ?? '';
    return [...parts.map((p) => `${[...p][0] ?? ''}*`), last].join('·');
  }
  if (/^[\p{Script=Latin}\s.'’-]+$/u.test(trimmed)) {
    const words = trimmed.split(' ');
    if (words.length === 1) return maskWord(trimmed);
    const last = words.pop() ?? '';
    return [...words.map(maskWord), last].join(' ');
  }
  return maskWord(trimmed);
}
