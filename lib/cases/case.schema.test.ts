import { describe, expect, it } from 'vitest';
import { CASE_NUMBER_PATTERN, normaliseCaseNumber, ZCaseNumber } from './case.schema';

describe('case numbers', () => {
  it.each([
    '（2026）京0491民初1234号',
    '（2019）京73民终1号',
    '（2020）沪0104刑初98765号',
    '（2021）最高法民申12号',
    '（2026）粤0192知民初20号',
    '（2024）京执恢7号',
  ])('accepts %s', (n) => {
    expect(CASE_NUMBER_PATTERN.test(n)).toBe(true);
    expect(ZCaseNumber.parse(n)).toBe(n);
  });

  it('stores half-width brackets as full-width ones: the pattern itself refuses them', () => {
    expect(CASE_NUMBER_PATTERN.test('(2026)京0491民初1234号')).toBe(false);
    expect(ZCaseNumber.parse('(2026)京0491民初1234号')).toBe('（2026）京0491民初1234号');
  });

  it.each([
    '',
    '2026京0491民初1234号',
    '(2026)京0491民初1234',
    '(26)京0491民初1234号',
    '(2026)0491民初1234号',
    '(2026)京0491民初号',
    '(2026)京0491民初0012号',
    '(2026)京0491民初1234号 extra',
    '(2026)Beijing0491民初1234号',
    '(2026)京0491民初1234号<script>',
    '(2026京0491民初1234号',
    '[2026]京0491民初1234号',
  ])('refuses %j', (n) => {
    expect(ZCaseNumber.safeParse(n).success).toBe(false);
  });

  it('normalises half-width brackets, 〔〕, full-width digits and spaces to court typography: （2026）…号', () => {
    expect(normaliseCaseNumber('（2026）京0491民初1234号')).toBe('（2026）京0491民初1234号');
    expect(normaliseCaseNumber('(2026)京0491民初1234号')).toBe('（2026）京0491民初1234号');
    expect(normaliseCaseNumber('〔2026〕京0491民初1234号')).toBe('（2026）京0491民初1234号');
    expect(normaliseCaseNumber(' (２０２６)京０４９１民初１２３４号 ')).toBe('（2026）京0491民初1234号');
    expect(normaliseCaseNumber('(2026) 京0491 民初 1234 号')).toBe('（2026）京0491民初1234号');
    expect(normaliseCaseNumber('（２０２６)京0491民初1234号')).toBe('（2026）京0491民初1234号');
    expect(ZCaseNumber.parse('(2026)京0491民初1234号')).toBe('（2026）京0491民初1234号');
  });

  it('normalises part of a number typed into a search the same way, so either form finds the stored one', () => {
    const stored = ZCaseNumber.parse('(2026)京0491民初1234号');
    for (const typed of ['(2026)京0491', '（2026）京0491', '〔2026〕京', '２０２６）京０４９１民初', '1234号'])
      expect(stored.includes(normaliseCaseNumber(typed)), typed).toBe(true);
    expect(stored.includes(normaliseCaseNumber('(2025)'))).toBe(false);
  });
});
