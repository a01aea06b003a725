/**
 * The glossary checker: finds the words messages/glossary.json bans in text people read. Used by
 * glossary.test.ts over the real messages and source files, and over doctored copies to show it
 * catches a banned word put back.
 * @module
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';

export interface GlossaryRule {
  /** A literal banned string… */
  term?: string;
  /** …or a JavaScript regular expression (flag u). */
  pattern?: string;
  /** How a finding names a `pattern` rule. */
  name?: string;
  /** What to write instead. */
  use: string;
  why: string;
  /** Message key globs the rule is limited to; absent: everywhere. Source text is outside every key. */
  onlyIn?: string[];
  /** True when the word may appear in a message shown only inside a 技术细节 / technical details disclosure. */
  technicalAllowed: boolean;
}

export interface Glossary {
  /** Message key globs of messages shown only inside a technical details disclosure. */
  technicalKeys: string[];
  'zh-CN': GlossaryRule[];
  en: GlossaryRule[];
}

export interface Finding {
  /** A message key (`exhibits.deposit.leafIndex`) or `file:line`. */
  where: string;
  /** The banned word as found. */
  found: string;
  /** The rule's name: its term, or its `name`. */
  rule: string;
  use: string;
}

export type MessageTree = { [key: string]: string | MessageTree };

/** Case numbers hold digits beside Han characters by design (京0491民初1234号); the spacing rule skips them. */
const CASE_NUMBER = /[（(]\d{4}[)）][\p{Script=Han}\d]+号/gu;

/** `*` one key segment, `**` any number of segments (none included). */
export function keyMatches(glob: string, key: string): boolean {
  const match = (g: string[], k: string[]): boolean => {
    if (g.length === 0) return k.length === 0;
    const [head, ...rest] = g;
    if (head === '**') return match(rest, k) || (k.length > 0 && match(g, k.slice(1)));
    return k.length > 0 && (head === '*' || head === k[0]) && match(rest, k.slice(1));
  };
  return match(glob.split('.'), key.split('.'));
}

function ruleName(rule: GlossaryRule): string {
  return rule.term ?? rule.name ?? rule.pattern ?? '?';
}

function occurrences(rule: GlossaryRule, text: string): string[] {
  if (rule.term !== undefined) return text.includes(rule.term) ? [rule.term] : [];
  if (rule.pattern === undefined) throw new Error(`glossary rule without term or pattern: ${rule.use}`);
  const subject = rule.name?.startsWith('no space') ? text.replace(CASE_NUMBER, '') : text;
  return [...subject.matchAll(new RegExp(rule.pattern, 'giu'))].map((m) => m[0]);
}

/**
 * The banned words in one text. `key` is the message key (null for text in source code, where
 * key-limited rules do not apply); `technical` marks text shown only in technical details.
 */
export function checkText(
  rules: readonly GlossaryRule[],
  where: string,
  text: string,
  { key = null, technical = false }: { key?: string | null; technical?: boolean } = {},
): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (technical && rule.technicalAllowed) continue;
    if (rule.onlyIn && (key === null || !rule.onlyIn.some((g) => keyMatches(g, key)))) continue;
    for (const found of occurrences(rule, text)) findings.push({ where, found, rule: ruleName(rule), use: rule.use });
  }
  return findings;
}

export function flattenMessages(tree: MessageTree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flattenMessages(value, path)) out.set(k, v);
  }
  return out;
}

/** Every banned word in one language's messages, each named by its key. */
export function checkMessages(glossary: Glossary, locale: 'zh-CN' | 'en', messages: MessageTree): Finding[] {
  const findings: Finding[] = [];
  for (const [key, text] of flattenMessages(messages)) {
    const technical = glossary.technicalKeys.some((g) => keyMatches(g, key));
    findings.push(...checkText(glossary[locale], key, text, { key, technical }));
  }
  return findings;
}

/** The text a source file shows: its string literals, template pieces and JSX text (not its comments), with line numbers. */
export function sourceTexts(file: string): { line: number; text: string }[] {
  const code = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(
    file,
    code,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const out: { line: number; text: string }[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node) ||
      ts.isJsxText(node)
    ) {
      // Import specifiers and the like are strings too, but never Chinese.
      out.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.text });
    }
    node.forEachChild(visit);
  };
  visit(source);
  return out;
}

/** The Chinese text of source files (strings holding a Han character), checked against the Chinese rules. */
export function checkSources(glossary: Glossary, files: readonly { path: string; name: string }[]): Finding[] {
  const findings: Finding[] = [];
  for (const { path, name } of files) {
    for (const { line, text } of sourceTexts(path)) {
      if (!/\p{Script=Han}/u.test(text)) continue;
      findings.push(...checkText(glossary['zh-CN'], `${name}:${line}`, text));
    }
  }
  return findings;
}

/** One line per finding, for a failure message a person can act on. */
export function describeFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.where}: "${f.found}" (${f.rule}) → ${f.use}`).join('\n');
}
