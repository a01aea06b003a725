import { describe, expect, it } from 'vitest';
import { maskPersonName } from './mask-person-name';

describe('maskPersonName', () => {
  it.each([
    ['张三明', '张*明'],
    ['李四', '李*'],
    ['欧阳明华', '欧**华'],
    ['王', '*'],
    ['  张三明 ', '张*明'],
  ])('Chinese names keep the first and last character: %s → %s', (name, masked) => {
    expect(maskPersonName(name)).toBe(masked);
  });

  it('Latin-letter names keep the surname and the initials: J*** Smith', () => {
    expect(maskPersonName('John Smith')).toBe('J*** Smith');
    expect(maskPersonName('Mary Ann  Smith')).toBe('M*** A*** Smith');
    expect(maskPersonName('Madonna')).toBe('M***');
    expect(maskPersonName("Seán O'Brien-Murphy")).toBe("S*** O'Brien-Murphy");
  });

  it('transliterated foreign names in Chinese keep the surname after the middle dot', () => {
    expect(maskPersonName('约翰·史密斯')).toBe('约*·史密斯');
  });

  it('a name in both scripts is masked part by part', () => {
    expect(maskPersonName('张明 Zhang Ming')).toBe('张* Z*** Ming');
    expect(maskPersonName('王审判员 Judge Wang')).toBe('王**员 J*** Wang');
    expect(maskPersonName('张 三')).toBe('张*');
    expect(maskPersonName('李华 Li Hua')).not.toContain('李华');
  });

  it('anything else keeps only its first character; empty stays empty', () => {
    expect(maskPersonName('Δημήτρης')).toBe('Δ***');
    expect(maskPersonName('   ')).toBe('');
  });

  it('never returns the full name of a person with a name of two characters or more', () => {
    for (const name of ['张三', '张三明', 'John Smith', 'Ng', '约翰·史密斯', 'Δημήτρης', '张明 Zhang Ming']) {
      expect(maskPersonName(name)).not.toBe(name);
    }
  });
});
