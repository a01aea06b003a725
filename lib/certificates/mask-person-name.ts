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
 * - anything else keeps its first character: Δημήτρης → Δ***;
 * - a name in both scripts is masked part by part: 张明 Zhang Ming → 张* Z*** Ming.
 *
 * Organisations (the court, depositor organisations) are never passed here: only people.
 *
 * @module
 */

const HAN = /^\p{Script=Han}+$/u;
const LATIN = /^[\p{Script=Latin}.'’-]+$/u;
const MIDDLE_DOT = /[·・•]/;

function maskWord(word: string): string {
  return `${[...word][0] ?? ''}***`;
}

function maskHan(name: string): string {
  const chars = [...name];
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}

function maskLatin(words: string[]): string {
  if (words.length === 1) return maskWord(words[0] ?? '');
  return [...words.slice(0, -1).map(maskWord), words.at(-1)].join(' ');
}

type Kind = 'han' | 'latin' | 'other';
const kindOf = (token: string): Kind => (HAN.test(token) ? 'han' : LATIN.test(token) ? 'latin' : 'other');

/**
 * The masked form of a natural person's name. A name written in both scripts (张明 Zhang Ming, as
 * the portal's bilingual accounts are) is masked part by part: 张* Z*** Ming.
 */
export function maskPersonName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (trimmed === '') return '';
  // A transliterated foreign name in Chinese (约翰·史密斯): the given name masked, the surname kept.
  if (MIDDLE_DOT.test(trimmed) && /\p{Script=Han}/u.test(trimmed) && !trimmed.includes(' ')) {
    const parts = trimmed.split(MIDDLE_DOT);
    const last = parts.pop() ?? '';
    return [...parts.map((p) => `${[...p][0] ?? ''}*`), last].join('·');
  }
  // Runs of tokens of one script, each masked by its own rule.
  const groups: Array<{ kind: Kind; tokens: string[] }> = [];
  for (const token of trimmed.split(' ')) {
    const kind = kindOf(token);
    const last = groups.at(-1);
    if (last && last.kind === kind && kind !== 'other') last.tokens.push(token);
    else groups.push({ kind, tokens: [token] });
  }
  return groups
    .map((g) =>
      g.kind === 'han'
        ? maskHan(g.tokens.join(''))
        : g.kind === 'latin'
          ? maskLatin(g.tokens)
          : maskWord(g.tokens[0] ?? ''),
    )
    .join(' ');
}
