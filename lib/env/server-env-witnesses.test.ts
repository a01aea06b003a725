/** VERITY_WITNESSES and VERITY_WITNESS_QUORUM (issue #18): what start-up accepts and how it refuses. */
import { describe, expect, it } from 'vitest';
import { generateCosignerKeys, generateNoteKeys } from '@/lib/tlog';
import { parseServerEnv, parseWitnessEnv } from './server-env';

const key = (name: string) => generateCosignerKeys(name, 'ed25519').verifierKey;
const a = {
  name: '示范公证处',
  nameEn: 'Demo Notary Office',
  verifierKey: key('witness.example/a'),
  url: 'http://127.0.0.1:7381',
};
const b = { name: '示范司法鉴定中心', verifierKey: key('witness.example/b'), url: 'https://witness.example/b/' };

function refusal(env: Record<string, string>): string {
  try {
    parseServerEnv(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('accepted');
}

describe('VERITY_WITNESSES and VERITY_WITNESS_QUORUM', () => {
  it('unset, empty or []: no witnesses', () => {
    expect(parseServerEnv({}).VERITY_WITNESSES).toBeUndefined();
    expect(parseServerEnv({ VERITY_WITNESSES: '' }).VERITY_WITNESSES).toBeUndefined();
    expect(parseServerEnv({ VERITY_WITNESSES: '[]' }).VERITY_WITNESSES).toEqual([]);
    expect(parseWitnessEnv({})).toEqual({ witnesses: [], quorum: 0 });
  });

  it('accepts witnesses with a quorum from 1 to n; trailing slashes of URLs are dropped', () => {
    const env = parseServerEnv({ VERITY_WITNESSES: JSON.stringify([a, b]), VERITY_WITNESS_QUORUM: '2' });
    expect(env.VERITY_WITNESS_QUORUM).toBe(2);
    expect(env.VERITY_WITNESSES).toEqual([a, { ...b, url: 'https://witness.example/b' }]);
    expect(parseWitnessEnv({ VERITY_WITNESSES: JSON.stringify([a, b]), VERITY_WITNESS_QUORUM: '1' }).quorum).toBe(1);
  });

  it.each([
    ['not JSON', { VERITY_WITNESSES: '[{name:', VERITY_WITNESS_QUORUM: '1' }, /VERITY_WITNESSES: must be a JSON array/],
    [
      'an object',
      { VERITY_WITNESSES: JSON.stringify(a), VERITY_WITNESS_QUORUM: '1' },
      /must be a JSON array of witnesses/,
    ],
    ['no quorum', { VERITY_WITNESSES: JSON.stringify([a]) }, /VERITY_WITNESS_QUORUM: must be set .*from 1 to 1/],
    ['quorum 0', { VERITY_WITNESSES: JSON.stringify([a]), VERITY_WITNESS_QUORUM: '0' }, /QUORUM: must be at least 1/],
    ['quorum > n', { VERITY_WITNESSES: JSON.stringify([a, b]), VERITY_WITNESS_QUORUM: '3' }, /must be at most 2/],
    ['quorum not a number', { VERITY_WITNESSES: JSON.stringify([a]), VERITY_WITNESS_QUORUM: 'two' }, /whole number/],
    ['quorum without witnesses', { VERITY_WITNESS_QUORUM: '2' }, /lists no witness/],
    [
      'a log key instead of a witness key',
      {
        VERITY_WITNESSES: JSON.stringify([{ ...a, verifierKey: generateNoteKeys('log.example').verifierKey }]),
        VERITY_WITNESS_QUORUM: '1',
      },
      /VERITY_WITNESSES\[0\]\.verifierKey: must be a witness's cosigner verifier key/,
    ],
    [
      'a bad URL',
      { VERITY_WITNESSES: JSON.stringify([{ ...a, url: 'ftp://x' }]), VERITY_WITNESS_QUORUM: '1' },
      /\[0\]\.url: must be an http/,
    ],
    [
      'a URL with a query',
      { VERITY_WITNESSES: JSON.stringify([{ ...a, url: 'http://x/?a=1' }]), VERITY_WITNESS_QUORUM: '1' },
      /no query/,
    ],
    [
      'no name',
      { VERITY_WITNESSES: JSON.stringify([{ ...a, name: ' ' }]), VERITY_WITNESS_QUORUM: '1' },
      /\[0\]\.name: must not be empty/,
    ],
    [
      'an unknown member',
      { VERITY_WITNESSES: JSON.stringify([{ ...a, key: 'x' }]), VERITY_WITNESS_QUORUM: '1' },
      /\[0\]/,
    ],
    [
      'the same key name twice',
      {
        VERITY_WITNESSES: JSON.stringify([a, { ...b, verifierKey: key('witness.example/a') }]),
        VERITY_WITNESS_QUORUM: '1',
      },
      /\[1\]: lists the key name witness.example\/a twice/,
    ],
    [
      'the same URL twice',
      { VERITY_WITNESSES: JSON.stringify([a, { ...b, url: a.url }]), VERITY_WITNESS_QUORUM: '1' },
      /lists the URL .* twice/,
    ],
  ])('refuses %s, naming the variable', (_, env, message) => {
    const text = refusal(env as Record<string, string>);
    expect(text).toMatch(/^Invalid configuration:/);
    expect(text).toMatch(message);
    expect(() => parseWitnessEnv(env as Record<string, string>)).toThrow(message);
  });
});
