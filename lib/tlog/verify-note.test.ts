import { describe, expect, it } from 'vitest';
import { generateNoteKeys, parseVerifierKey } from './note-keys';
import { signNote } from './sign-note';
import { parseSignedNote } from './signed-note';
import { codeOf } from './testing/code-of';
import { verifyNote } from './verify-note';

// Known answer from the package documentation of golang.org/x/mod/sumdb/note (the "Example"
// section of note.go): the signer key, the verifier key and the exact signed message it prints.
const GO_SIGNER_KEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_VERIFIER_KEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_SIGNATURE_LINE =
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const GO_MESSAGE = `${GO_TEXT}\n${GO_SIGNATURE_LINE}`;
// The same documentation's doubly-signed message, with a second signature by "EnochRoot",
// whose key the documentation does not give: it must be ignored, not rejected.
const GO_DOUBLY_SIGNED = `${GO_MESSAGE}— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n`;

describe('signed note: known answers from golang.org/x/mod/sumdb/note', () => {
  it('signs the example text to the exact documented message', () => {
    expect(signNote(GO_TEXT, GO_SIGNER_KEY)).toBe(GO_MESSAGE);
  });

  it('verifies the documented message with the documented verifier key', () => {
    const note = verifyNote(GO_MESSAGE, GO_VERIFIER_KEY);
    expect(note.text).toBe(GO_TEXT);
    expect(note.verified.map((s) => [s.name, s.keyId])).toEqual([['PeterNeumann', 0xc74f20a3]]);
    expect(note.unverified).toEqual([]);
    expect(verifyNote(new TextEncoder().encode(GO_MESSAGE), [GO_VERIFIER_KEY]).text).toBe(GO_TEXT);
  });

  it('ignores the signature by the unknown EnochRoot key', () => {
    const note = verifyNote(GO_DOUBLY_SIGNED, GO_VERIFIER_KEY);
    expect(note.verified.map((s) => s.name)).toEqual(['PeterNeumann']);
    expect(note.unverified.map((s) => s.name)).toEqual(['EnochRoot']);
  });
});

describe('signed note: sign and verify', () => {
  const log = generateNoteKeys('verity.example/log', new Uint8Array(32).fill(1));
  const witness = generateNoteKeys('witness.example', new Uint8Array(32).fill(2));
  const text = '证据 deposit\nline two\n';

  it('round-trips with one or several signers', () => {
    const note = signNote(text, [log.signerKey, witness.signerKey]);
    expect(verifyNote(note, log.verifierKey).verified.map((s) => s.name)).toEqual(['verity.example/log']);
    expect(verifyNote(note, [log.verifierKey, witness.verifierKey]).verified).toHaveLength(2);
    expect(parseSignedNote(note).signatures.map((s) => s.signature.length)).toEqual([64, 64]);
  });

  it('rejects tampered text', () => {
    const note = signNote(text, log.signerKey);
    expect(codeOf(() => verifyNote(note.replace('two', 'too'), log.verifierKey))).toBe('SIGNATURE_INVALID');
    expect(codeOf(() => verifyNote(GO_MESSAGE.replace('cryptography', 'Cryptography'), GO_VERIFIER_KEY))).toBe(
      'SIGNATURE_INVALID',
    );
  });

  it('rejects a note with no signature by a trusted key', () => {
    const note = signNote(text, log.signerKey);
    expect(codeOf(() => verifyNote(note, witness.verifierKey))).toBe('NO_VERIFIED_SIGNATURE');
  });

  it('ignores a key with the same name but another ID, and rejects a bad signature by a known key', () => {
    const impostor = generateNoteKeys('verity.example/log', new Uint8Array(32).fill(3));
    const forged = signNote(text, impostor.signerKey);
    expect(codeOf(() => verifyNote(forged, log.verifierKey))).toBe('NO_VERIFIED_SIGNATURE');
    // Same name and key ID as the trusted key, but a signature that does not verify.
    const good = signNote(text, log.signerKey);
    const goodLine = good.slice(text.length + 1);
    const sig = Buffer.from(goodLine.slice('— verity.example/log '.length, -1), 'base64');
    sig[10] = (sig[10] ?? 0) ^ 1;
    const bad = `${text}\n— verity.example/log ${sig.toString('base64')}\n`;
    expect(codeOf(() => verifyNote(bad, log.verifierKey))).toBe('SIGNATURE_INVALID');
    // A bad signature by a known key rejects the note even next to a good one.
    expect(codeOf(() => verifyNote(`${good}${bad.slice(text.length + 1)}`, log.verifierKey))).toBe('SIGNATURE_INVALID');
  });

  it('refuses two different keys under one name and ID', () => {
    const key = parseVerifierKey(log.verifierKey);
    const other = { ...key, publicKey: parseVerifierKey(witness.verifierKey).publicKey };
    expect(codeOf(() => verifyNote(signNote(text, log.signerKey), [key, other]))).toBe('AMBIGUOUS_KEY');
    expect(verifyNote(signNote(text, log.signerKey), [key, key]).verified).toHaveLength(1);
  });

  it('refuses to sign text that could not be a note', () => {
    for (const bad of ['', 'no newline', 'a\r\n', 'tab\t\n', 'lone \uD800\n']) {
      expect(codeOf(() => signNote(bad, log.signerKey))).not.toBe('OK');
    }
    expect(codeOf(() => signNote(text, []))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => signNote(text, [log.signerKey, log.signerKey]))).toBe('INVALID_ARGUMENT');
  });
});
