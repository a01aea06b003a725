import { describe, expect, it } from 'vitest';
import { prefersMinimalReturn } from './prefer';

describe('prefersMinimalReturn (RFC 7240)', () => {
  it('finds return=minimal among other preferences, in any case, quoted or with parameters', () => {
    for (const header of [
      'return=minimal',
      'RETURN=Minimal',
      'respond-async, return=minimal',
      'wait=10,return=minimal;foo=bar',
      ' return = "minimal" ',
      'return=representation, return=minimal',
    ]) {
      expect(prefersMinimalReturn(header), header).toBe(true);
    }
  });

  it('is false without it, for other values and for what it cannot parse', () => {
    for (const header of [
      null,
      '',
      'return=representation',
      'return=minimal, return=representation',
      'respond-async',
      'return',
      'return=minimally',
      'handling=lenient; return=minimal',
      'xreturn=minimal',
    ]) {
      expect(prefersMinimalReturn(header), String(header)).toBe(false);
    }
  });
});
