import { describe, expect, it } from 'vitest';
import { ZBrowserDeposit } from '@/lib/ledger/deposit-from-browser.schema';
import { browserDeposit, titleProblem } from './deposit-input';

const digests = { sha256: 'ab'.repeat(32), sm3: 'cd'.repeat(32) };

describe('browserDeposit', () => {
  it('sends digests, the trimmed title and the name and size, and nothing else', () => {
    const input = browserDeposit({ name: 'contract.pdf', size: 1234, digests }, '  合同  ');
    expect(input).toEqual({ digests, title: '合同', file: { name: 'contract.pdf', size: 1234 } });
    expect(ZBrowserDeposit.safeParse(input).success).toBe(true);
  });

  it('omits an empty title, and a name the ledger would refuse', () => {
    expect(browserDeposit({ name: 'a\u202Etxt.exe', size: 1, digests }, '   ')).toEqual({ digests });
    expect(browserDeposit({ name: 'x'.repeat(256), size: 1, digests }, '')).toEqual({ digests });
    expect(browserDeposit({ name: '', size: 0, digests }, '')).toEqual({ digests });
  });
});

describe('titleProblem', () => {
  it('accepts an empty title and one of 500 characters', () => {
    expect(titleProblem('')).toBeNull();
    expect(titleProblem('证'.repeat(500))).toBeNull();
  });

  it('counts characters as a person does, and names forbidden characters', () => {
    expect(titleProblem('证'.repeat(501))).toEqual({ kind: 'too_long', count: 501, max: 500 });
    expect(titleProblem('😀'.repeat(501))).toMatchObject({ kind: 'too_long', count: 501 });
    expect(titleProblem('a\u0007b')).toEqual({ kind: 'characters' });
    expect(titleProblem('a\u202Eb')).toEqual({ kind: 'characters' });
  });
});
