import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { forbiddenCharacter, isPlainText, normaliseNewlines, plainMultilineText, plainText } from './plain-text';
import { REFUSED } from './plain-text.testing';

describe('plainText', () => {
  const oneLine = z.string().trim().superRefine(plainText('the title'));
  const multiLine = z.string().overwrite(normaliseNewlines).trim().superRefine(plainMultilineText('the reasons'));

  it.each(REFUSED)('refuses %s in one-line and multi-line text, naming the character', (_, c) => {
    for (const schema of [oneLine, multiLine]) {
      const result = schema.safeParse(`invoice${c}fdp.exe`);
      expect(result.success).toBe(false);
      const issue = result.error?.issues[0];
      expect(issue).toMatchObject({ code: 'invalid_format', format: 'plain_text' });
      const hex = (c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
      expect(issue?.message).toContain(`U+${hex}`);
    }
  });

  it('refuses line breaks and tabs in one-line text, a lone CR in multi-line text', () => {
    for (const text of ['a\nb', 'a\tb', 'a\rb', 'a\r\nb']) expect(isPlainText(text), JSON.stringify(text)).toBe(false);
    expect(isPlainText('a\rb', { multiline: true })).toBe(false);
    expect(forbiddenCharacter('a\rb', { multiline: true })).toBe('U+000D, a control character');
  });

  it('keeps multi-line text with tabs and line breaks, CR LF stored as LF', () => {
    expect(multiLine.parse('第一段\r\n\tsecond\r\n\r\nthird\n')).toBe('第一段\n\tsecond\n\nthird');
  });

  it('keeps what people write: CJK (compatibility ideographs untouched), emoji, accents, RLM/LRM marks', () => {
    for (const text of [
      '（2026）京0491民初1234号 张三',
      '\uf900\ufa10 不 NFC',
      'Zoë 😀 👍🏽',
      'שלום\u200f abc \u200e',
      'a\u00a0b',
    ]) {
      expect(oneLine.parse(text)).toBe(text.trim());
    }
  });
});
