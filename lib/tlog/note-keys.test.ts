import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  formatSignerKey,
  formatVerifierKey,
  generateNoteKeys,
  isValidKeyName,
  noteKeyId,
  parseSignerKey,
  parseVerifierKey,
  verifierKeyFromSignerKey,
} from './note-keys';
import { codeOf } from './testing/code-of';

// From the documentation of golang.org/x/mod/sumdb/note (package comment, "Example").
const GO_SIGNER_KEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_VERIFIER_KEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';

describe('note keys', () => {
  it("parses Go's documented example keys and derives the same verifier key", () => {
    const verifier = parseVerifierKey(GO_VERIFIER_KEY);
    expect(verifier.name).toBe('PeterNeumann');
    expect(verifier.keyId).toBe(0xc74f20a3);
    const signer = parseSignerKey(GO_SIGNER_KEY);
    expect(signer.keyId).toBe(0xc74f20a3);
    expect(signer.publicKey).toEqual(verifier.publicKey);
    expect(verifierKeyFromSignerKey(GO_SIGNER_KEY)).toBe(GO_VERIFIER_KEY);
    expect(formatSignerKey(signer.name, signer.seed)).toBe(GO_SIGNER_KEY);
    expect(formatVerifierKey(verifier.name, verifier.publicKey)).toBe(GO_VERIFIER_KEY);
  });

  it('computes the key ID as SHA-256(name || 0x0A || 0x01 || key)[:4] (cross-checked with node:crypto)', () => {
    const { publicKey } = parseVerifierKey(GO_VERIFIER_KEY);
    const digest = createHash('sha256').update('PeterNeumann\n\x01').update(publicKey).digest();
    expect(noteKeyId('PeterNeumann', publicKey)).toBe(digest.readUInt32BE(0));
  });

  it('generates key pairs that parse back, deterministically from a seed', () => {
    const seed = new Uint8Array(32).fill(9);
    const a = generateNoteKeys('verity.example/log', seed);
    expect(generateNoteKeys('verity.example/log', seed)).toEqual(a);
    expect(verifierKeyFromSignerKey(a.signerKey)).toBe(a.verifierKey);
    expect(parseVerifierKey(a.verifierKey).name).toBe('verity.example/log');
    const b = generateNoteKeys('verity.example/log');
    expect(b.signerKey).not.toBe(a.signerKey);
    expect(verifierKeyFromSignerKey(b.signerKey)).toBe(b.verifierKey);
  });

  it('validates key names', () => {
    for (const good of ['a', 'example.com/log42', '证据链']) expect(isValidKeyName(good)).toBe(true);
    for (const bad of ['', 'a+b', 'a b', 'a\tb', 'a\u00a0b', 'a\u2003b', 'a\u0085b', 'a\nb', 'a\u0001b', 'a\uD800']) {
      expect(isValidKeyName(bad)).toBe(false);
      expect(codeOf(() => generateNoteKeys(bad))).toBe('MALFORMED_KEY');
    }
  });

  it.each([
    ['no separators', 'PeterNeumann', 'MALFORMED_KEY'],
    ['empty name', '+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', 'MALFORMED_KEY'],
    ['short key ID', 'PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', 'MALFORMED_KEY'],
    ['non-hex key ID', 'PeterNeumann+c74f20ag+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', 'MALFORMED_KEY'],
    ['wrong key ID', 'PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', 'KEY_ID_MISMATCH'],
    ['renamed key', 'PeterNeuman+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', 'KEY_ID_MISMATCH'],
    ['bad base64', 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T', 'MALFORMED_KEY'],
    ['empty key', 'PeterNeumann+c74f20a3+', 'MALFORMED_KEY'],
    ['other algorithm', 'PeterNeumann+c74f20a3+Ahpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', 'UNSUPPORTED_ALGORITHM'],
    [
      'short key',
      `PeterNeumann+c74f20a3+${Buffer.from([1, ...new Array(31).fill(7)]).toString('base64')}`,
      'MALFORMED_KEY',
    ],
    ['signer key given as verifier key', GO_SIGNER_KEY, 'MALFORMED_KEY'],
  ])('rejects a verifier key with %s', (_, key, code) => {
    expect(codeOf(() => parseVerifierKey(key))).toBe(code);
  });

  it('rejects malformed signer keys', () => {
    expect(codeOf(() => parseSignerKey(GO_VERIFIER_KEY))).toBe('MALFORMED_KEY');
    expect(codeOf(() => parseSignerKey(GO_SIGNER_KEY.replace('c74f20a3', 'c74f20a4')))).toBe('KEY_ID_MISMATCH');
    expect(codeOf(() => parseSignerKey(GO_SIGNER_KEY.replace('PRIVATE+KEY', 'PRIVATE+KEYS')))).not.toBe('OK');
    expect(codeOf(() => parseSignerKey(`PRIVATE+KEY+x+00000000+${Buffer.alloc(33).toString('base64')}`))).toBe(
      'UNSUPPORTED_ALGORITHM',
    );
  });
});
