import { describe, expect, it } from 'vitest';
import { CASE_NUMBER_PATTERN, normaliseCaseNumber, ZCaseNumber } from './case.schema';

describe('case numbers', () => {
  it.each([
    '(2026)京0491民初1234号',
    '(2019)京73民终1号',
    '(2020)沪0104刑初98765号',
    '(2021)最高法民申12号',
    '(2026)粤0192知民初20号',
    '(2024)京执恢7号',
  ])('accepts %s', (n) => {
    expect(CASE_NUMBER_PATTERN.test(n)).toBe(true);
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
  ])('refuses %j', (n) => {
    expect(ZCaseNumber.safeParse(n).success).toBe(false);
  });

  it('normalises full-width brackets, full-width digits, 〔〕 and spaces to the form the seed uses', () => {
    expect(normaliseCaseNumber('（2026）京0491民初1234号')).toBe('(2026)京0491民初1234号');
    expect(normaliseCaseNumber('〔2026〕京0491民初1234号')).toBe('(2026)京0491民初1234号');
    expect(normaliseCaseNumber(' (２０２６)京０４９１民初１２３４号 ')).toBe('(2026)京0491民初1234号');
    expect(normaliseCaseNumber('(2026) 京0491 民初 1234 号')).toBe('(2026)京0491民初1234号');
    expect(ZCaseNumber.parse('（2026）京0491民初1234号')).toBe('(2026)京0491民初1234号');
  });
});
