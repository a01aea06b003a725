/**
 * One plain vocabulary (issue #17): no word messages/glossary.json bans appears in text people
 * read — the messages of both languages (the e-mails are messages too), the certificate PDF's
 * Chinese text, and Chinese written straight into app/, components/ and lib/mail. Technical words
 * only in messages shown inside a 技术细节 / technical details disclosure (glossary.technicalKeys).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import rawGlossary from '../../messages/glossary.json';
import zh from '../../messages/zh-CN.json';
import {
  checkMessages,
  checkSources,
  checkText,
  describeFindings,
  type Glossary,
  type MessageTree,
} from './glossary.testing';

const glossary = rawGlossary as Glossary;
const ROOT = path.resolve(import.meta.dirname, '../..');

/** Source files whose text is shown, test files and test helpers left out. */
function sources(dir: string): { path: string; name: string }[] {
  const out: { path: string; name: string }[] = [];
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name) || /\.(test|testing)\.tsx?$|\.d\.ts$/.test(entry.name)) continue;
    const full = path.join(entry.parentPath, entry.name);
    if (full.includes(`${path.sep}generated${path.sep}`)) continue;
    out.push({ path: full, name: path.relative(ROOT, full) });
  }
  return out;
}

describe('the glossary', () => {
  it('bans at least the words issue #17 names, in Chinese and English', () => {
    const zhTerms = glossary['zh-CN'].map((r) => r.term ?? r.name);
    for (const term of ['账本', '叶子', '证据链', '检查点', '封存', '证据保管链', '申请鉴定'])
      expect(zhTerms).toContain(term);
    expect(checkText(glossary['zh-CN'], 'x', '叶子序号 3')).not.toEqual([]);
    expect(checkText(glossary['zh-CN'], 'x', '案号 (2026)京0491民初1234号').map((f) => f.found)).toEqual(['(2026)']);
    expect(checkText(glossary['zh-CN'], 'x', '案号 （2026）京0491民初1234号')).toEqual([]);
    expect(checkText(glossary.en, 'x', 'Leaf index 3, sealed in a checkpoint').map((f) => f.rule)).toEqual([
      'leaf / leaf index',
      'checkpoint',
      'sealed / sealing',
    ]);
  });

  it('limits 申请鉴定 to the judge’s words (parties may 申请鉴定)', () => {
    const judge = checkText(glossary['zh-CN'], 'k', '申请鉴定', {
      key: 'exhibits.determination.outcome.expert_review',
    });
    const party = checkText(glossary['zh-CN'], 'k', '当事人可以申请鉴定', { key: 'exchange.opinion.hint' });
    expect(judge.map((f) => f.rule)).toEqual(['申请鉴定']);
    expect(party).toEqual([]);
  });

  it('allows technical words only in messages marked technical', () => {
    const tree: MessageTree = {
      glossary: { technical: { leaf: '叶子序号 {index}（从 0 起）' } },
      x: { leaf: '叶子序号' },
    };
    expect(checkMessages(glossary, 'zh-CN', tree).map((f) => f.where)).toEqual(['x.leaf']);
    // 账本 is never right, not even in technical details.
    expect(checkMessages(glossary, 'zh-CN', { glossary: { technical: { a: '账本' } } }).map((f) => f.rule)).toEqual([
      '账本',
    ]);
  });

  it('fails when 账本 or 叶子 is put back into a Chinese message, naming the key and the word', () => {
    const copy = structuredClone(zh) as typeof zh;
    copy.exhibits.heading = `${copy.exhibits.heading}（账本）`;
    copy.deposit.receipt.heading = `${copy.deposit.receipt.heading}，叶子 3`;
    const findings = checkMessages(glossary, 'zh-CN', copy as unknown as MessageTree);
    expect(findings).toEqual([
      { where: 'deposit.receipt.heading', found: '叶子', rule: '叶子', use: '链上序号 N（共 M 条）' },
      { where: 'exhibits.heading', found: '账本', rule: '账本', use: '存证链' },
    ]);
    expect(describeFindings(findings)).toContain('exhibits.heading: "账本" (账本) → 存证链');
  });

  it('finds a banned word in hard-coded Chinese, with its file and line, but not in comments', () => {
    const findings = checkSources(glossary, [
      {
        path: path.join(import.meta.dirname, 'testdata', 'banned-words.testing.tsx'),
        name: 'banned-words.testing.tsx',
      },
    ]);
    expect(findings.map((f) => `${f.where} ${f.found}`)).toEqual([
      'banned-words.testing.tsx:4 封存',
      'banned-words.testing.tsx:5 (2026)',
      'banned-words.testing.tsx:8 证据链',
    ]);
  });
});

describe('the portal’s text', () => {
  it('Chinese messages use no banned word (every namespace)', () => {
    const findings = checkMessages(glossary, 'zh-CN', zh as unknown as MessageTree);
    expect(findings, describeFindings(findings)).toEqual([]);
  });

  it('English messages use no banned word (every namespace)', () => {
    const findings = checkMessages(glossary, 'en', en as unknown as MessageTree);
    expect(findings, describeFindings(findings)).toEqual([]);
  });

  it('the certificate PDF, the e-mails and app/ and components/ hold no banned Chinese word', () => {
    const files = [...sources('lib/certificates'), ...sources('lib/mail'), ...sources('app'), ...sources('components')];
    expect(files.length).toBeGreaterThan(50);
    const findings = checkSources(glossary, files);
    expect(findings, describeFindings(findings)).toEqual([]);
  });
});
