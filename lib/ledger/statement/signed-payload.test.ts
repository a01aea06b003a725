import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { metadataSha256, signedPayload, signedPayloadObject, titleSha256 } from './signed-payload';
import { ABC_SHA256, ABC_SM3, SAMPLE_REQUEST } from './statement.testing';

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('signedPayload', () => {
  it('is the canonical JSON of version, normalised digests and the title and metadata digests', () => {
    // Hand-written canonical forms, hashed with node:crypto rather than the code under test.
    const title = '采购合同 Contract 2026-001';
    const metadata = '{"case":"(2026)京0491民初1号","pages":12,"signed":true}';
    const expected =
      `{"digests":{"sha256":"${ABC_SHA256}","sm3":"${ABC_SM3}"},` +
      `"metadataSha256":"${sha256Hex(metadata)}","titleSha256":"${sha256Hex(title)}","version":1}`;
    expect(new TextDecoder().decode(signedPayload(SAMPLE_REQUEST))).toBe(expected);
    expect(sha256Hex(title)).toBe('9ebac46e1999a74b48dfd5c08b6d8faad755d89cee5f836b86924ed02ea4d7ed');
    expect(sha256Hex(metadata)).toBe('ff3e3dc11b21daa22dfc725038301d3d410045bee11d69f096581ee89f5acdb7');
  });

  it('leaves out what the request leaves out, and never signs the signature', () => {
    expect(new TextDecoder().decode(signedPayload({ digests: { sm3: ABC_SM3.toUpperCase() } }))).toBe(
      `{"digests":{"sm3":"${ABC_SM3}"},"version":1}`,
    );
    const signed = { ...SAMPLE_REQUEST, signature: { algorithm: 'sm2' as const, publicKey: '!!', value: '??' } };
    expect(signedPayload(signed)).toEqual(signedPayload(SAMPLE_REQUEST));
  });

  it('does not depend on spelling: case, title padding and metadata member order', () => {
    const respelled = {
      digests: { sm3: ABC_SM3.toUpperCase(), sha256: ABC_SHA256 },
      title: '采购合同 Contract 2026-001',
      metadata: { signed: true, case: '(2026)京0491民初1号', pages: 12.0 },
    };
    expect(signedPayload(respelled)).toEqual(signedPayload(SAMPLE_REQUEST));
  });

  it('changes with any committed field', () => {
    const base = signedPayload(SAMPLE_REQUEST);
    expect(signedPayload({ ...SAMPLE_REQUEST, title: 'other' })).not.toEqual(base);
    expect(signedPayload({ ...SAMPLE_REQUEST, metadata: { pages: 13 } })).not.toEqual(base);
    expect(signedPayload({ ...SAMPLE_REQUEST, digests: { sm3: ABC_SM3 } })).not.toEqual(base);
  });

  it('helpers: titleSha256 hashes UTF-8, metadataSha256 hashes canonical JSON', () => {
    expect(titleSha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(titleSha256('证据')).toBe(sha256Hex('证据'));
    expect(metadataSha256({ b: [1, 2.5], a: 'x' })).toBe(sha256Hex('{"a":"x","b":[1,2.5]}'));
  });

  it('refuses an invalid request (ZodError), so nothing unvalidated is ever signed', () => {
    expect(() => signedPayloadObject({ digests: { sha256: 'abc' } })).toThrow(/digests\.sha256 must be 64/);
  });
});
