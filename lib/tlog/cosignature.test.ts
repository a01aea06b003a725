import { createHash, createPublicKey, verify as nodeVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatCheckpoint } from './checkpoint';
import {
  COSIGNATURE_V1_HEADER,
  cosignatureV1Message,
  MAX_COSIGNATURE_TIMESTAMP,
  parseTimestampedSignature,
  SUBTREE_V1_LABEL,
  signCosignature,
  subtreeV1Message,
  verifyCosignature,
} from './cosignature';
import { cosignerKeyId, parseCosignerVerifierKey } from './cosigner-keys';
import { cosignerVerifierKeyFromSignerKey, generateCosignerKeys, parseCosignerSignerKey } from './cosigner-signer-keys';
import { base64ToBytes, bytesToBase64 } from './encoding';
import { generateNoteKeys, noteKeyId } from './note-keys';
import { formatSignatureLine, parseSignedNote } from './signed-note';
import { codeOf } from './testing/code-of';

// The spec's own example (c2sp.org/tlog-cosignature, "Format" and "Ed25519 signed message"): the
// checkpoint body, the witness line, and the message for time 1679315147. The spec does not
// publish the witness's public key, so the signature itself cannot be checked; its layout can.
const SPEC_BODY = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
const SPEC_WITNESS_LINE =
  '— witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n';
const SPEC_MESSAGE = `cosignature/v1\ntime 1679315147\n${SPEC_BODY}`;

/** `<name>+<hex>+<base64>` split at the first two '+' (base64 may hold more). */
function splitKey(key: string): [string, string, string] {
  const [name = '', hex = '', ...rest] = key.split('+');
  return [name, hex, rest.join('+')];
}

const seed = (n: number) => createHash('sha256').update(`cosignature test ${n}`).digest();

describe('cosigner keys', () => {
  it('derives the Ed25519 key ID as SHA-256(name || 0x0A || 0x04 || key)[:4], unlike the note key ID', () => {
    const { verifierKey } = generateCosignerKeys('witness.example/w1', 'ed25519', seed(1));
    const key = parseCosignerVerifierKey(verifierKey);
    const digest = createHash('sha256')
      .update(Buffer.concat([Buffer.from('witness.example/w1\n'), Buffer.of(0x04), key.publicKey]))
      .digest();
    expect(key.keyId).toBe(digest.readUInt32BE(0));
    expect(cosignerKeyId('witness.example/w1', 'ed25519', key.publicKey)).toBe(key.keyId);
    expect(noteKeyId('witness.example/w1', key.publicKey)).not.toBe(key.keyId);
    expect(verifierKey).toBe(
      `witness.example/w1+${key.keyId.toString(16).padStart(8, '0')}+${bytesToBase64(Buffer.concat([Buffer.of(4), key.publicKey]))}`,
    );
  });

  it('derives the ML-DSA-44 key ID with type 0x06 over the 1312-byte key', () => {
    const { verifierKey, signerKey } = generateCosignerKeys('witness.example/pq', 'ml-dsa-44', seed(2));
    const key = parseCosignerVerifierKey(verifierKey);
    expect(key.algorithm).toBe('ml-dsa-44');
    expect(key.publicKey.length).toBe(1312);
    const digest = createHash('sha256')
      .update(Buffer.concat([Buffer.from('witness.example/pq\n'), Buffer.of(0x06), key.publicKey]))
      .digest();
    expect(key.keyId).toBe(digest.readUInt32BE(0));
    expect(base64ToBytes(splitKey(verifierKey)[2])[0]).toBe(0x06);
    expect(cosignerVerifierKeyFromSignerKey(signerKey)).toBe(verifierKey);
  });

  it('is deterministic from a seed and round-trips signer keys', () => {
    const a = generateCosignerKeys('w.example', 'ed25519', seed(3));
    expect(generateCosignerKeys('w.example', 'ed25519', seed(3))).toEqual(a);
    const signer = parseCosignerSignerKey(a.signerKey);
    expect(Buffer.from(signer.seed)).toEqual(seed(3));
    expect(cosignerVerifierKeyFromSignerKey(a.signerKey)).toBe(a.verifierKey);
    expect(generateCosignerKeys('w.example').verifierKey).not.toBe(generateCosignerKeys('w.example').verifierKey);
  });

  it('refuses malformed, mistyped and mismatched keys', () => {
    const { verifierKey } = generateCosignerKeys('w.example', 'ed25519', seed(4));
    const [name, hex, b64] = splitKey(verifierKey);
    const raw = base64ToBytes(b64);
    const wrongId = ((Number.parseInt(hex, 16) ^ 1) >>> 0).toString(16).padStart(8, '0');
    expect(codeOf(() => parseCosignerVerifierKey(`${name}+${wrongId}+${b64}`))).toBe('KEY_ID_MISMATCH');
    expect(codeOf(() => parseCosignerVerifierKey(`other.example+${hex}+${b64}`))).toBe('KEY_ID_MISMATCH');
    // A signed-note (0x01) log key is not a cosigner key.
    const noteKey = generateNoteKeys('w.example', seed(4)).verifierKey;
    expect(codeOf(() => parseCosignerVerifierKey(noteKey))).toBe('UNSUPPORTED_ALGORITHM');
    expect(codeOf(() => parseCosignerVerifierKey(`${name}+${hex}`))).toBe('MALFORMED_KEY');
    expect(codeOf(() => parseCosignerVerifierKey(`${name}+${hex.slice(1)}+${b64}`))).toBe('MALFORMED_KEY');
    expect(codeOf(() => parseCosignerVerifierKey(`${name}+${hex}+${b64}x`))).toBe('MALFORMED_KEY');
    expect(codeOf(() => parseCosignerVerifierKey(`${name}+${hex}+${bytesToBase64(raw.slice(0, 32))}`))).toBe(
      'MALFORMED_KEY',
    );
    expect(codeOf(() => parseCosignerVerifierKey(`bad name+${hex}+${b64}`))).toBe('MALFORMED_KEY');
    expect(codeOf(() => parseCosignerVerifierKey(`${name}+${hex}+${bytesToBase64(Uint8Array.of(6, 1, 2))}`))).toBe(
      'MALFORMED_KEY',
    );
    expect(codeOf(() => parseCosignerSignerKey(verifierKey))).toBe('MALFORMED_KEY');
  });
});

describe('cosignature/v1 (Ed25519)', () => {
  it('builds the message of the spec example byte for byte', () => {
    expect(new TextDecoder().decode(cosignatureV1Message(SPEC_BODY, 1679315147))).toBe(SPEC_MESSAGE);
    expect(COSIGNATURE_V1_HEADER).toBe('cosignature/v1');
  });

  it("reads the spec example's witness line: 4-byte key ID, 8-byte big-endian time 1679315147, 64-byte signature", () => {
    const [line] = parseSignedNote(`${SPEC_BODY}\n${SPEC_WITNESS_LINE}`).signatures;
    expect(line?.name).toBe('witness.example.com/w1');
    const parsed = parseTimestampedSignature('ed25519', line?.signature ?? new Uint8Array());
    expect(parsed.timestamp).toBe(1679315147n);
    expect(parsed.signature.length).toBe(64);
  });

  it("signs so that node:crypto's Ed25519 verifies the spec's message", () => {
    const { signerKey, verifierKey } = generateCosignerKeys('witness.example/w1', 'ed25519', seed(5));
    const line = signCosignature(signerKey, SPEC_BODY, 1679315147);
    const key = parseCosignerVerifierKey(verifierKey);
    expect(line.keyId).toBe(key.keyId);
    expect(line.signature.length).toBe(72);
    expect(Buffer.from(line.signature.slice(0, 8)).readBigUInt64BE(0)).toBe(1679315147n);
    const spki = createPublicKey({
      key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), key.publicKey]),
      format: 'der',
      type: 'spki',
    });
    expect(nodeVerify(null, Buffer.from(SPEC_MESSAGE), spki, line.signature.slice(8))).toBe(true);
    expect(verifyCosignature(key, SPEC_BODY, line).timestamp).toBe(1679315147n);
  });

  it('covers extension lines and refuses any change to the body, the time or the key', () => {
    const body = formatCheckpoint({
      origin: 'log.example',
      size: 7,
      rootHash: new Uint8Array(32).fill(7),
      extensions: ['ext line'],
    });
    const { signerKey, verifierKey } = generateCosignerKeys('w.example', 'ed25519', seed(6));
    const key = parseCosignerVerifierKey(verifierKey);
    const line = signCosignature(signerKey, body, 1_700_000_000);
    expect(verifyCosignature(key, body, line).timestamp).toBe(1_700_000_000n);
    expect(codeOf(() => verifyCosignature(key, body.replace('ext line', 'ext lina'), line))).toBe('SIGNATURE_INVALID');
    const retimed = line.signature.slice();
    retimed[7] = (retimed[7] ?? 0) ^ 1;
    expect(codeOf(() => verifyCosignature(key, body, { ...line, signature: retimed }))).toBe('SIGNATURE_INVALID');
    expect(codeOf(() => verifyCosignature(key, body, { ...line, signature: line.signature.slice(0, 71) }))).toBe(
      'SIGNATURE_INVALID',
    );
    const other = parseCosignerVerifierKey(generateCosignerKeys('w.example', 'ed25519', seed(7)).verifierKey);
    expect(codeOf(() => verifyCosignature(other, body, line))).toBe('KEY_ID_MISMATCH');
    expect(codeOf(() => verifyCosignature({ ...other, keyId: key.keyId }, body, line))).toBe('SIGNATURE_INVALID');
  });

  it('bounds the timestamp: never zero when signing, never above 2^63 - 1', () => {
    const { signerKey, verifierKey } = generateCosignerKeys('w.example', 'ed25519', seed(8));
    expect(codeOf(() => signCosignature(signerKey, SPEC_BODY, 0))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => signCosignature(signerKey, SPEC_BODY, MAX_COSIGNATURE_TIMESTAMP + 1n))).toBe(
      'INVALID_ARGUMENT',
    );
    const max = signCosignature(signerKey, SPEC_BODY, MAX_COSIGNATURE_TIMESTAMP);
    expect(verifyCosignature(parseCosignerVerifierKey(verifierKey), SPEC_BODY, max).timestamp).toBe(
      MAX_COSIGNATURE_TIMESTAMP,
    );
    const high = max.signature.slice();
    high[0] = 0x80;
    expect(codeOf(() => parseTimestampedSignature('ed25519', high))).toBe('SIGNATURE_INVALID');
  });
});

describe('subtree/v1 (ML-DSA-44)', () => {
  it('encodes cosigned_message exactly as the spec structure', () => {
    const hash = new Uint8Array(32).fill(0xab);
    const message = subtreeV1Message({
      cosignerName: 'w.example',
      timestamp: 0x0102030405060708n,
      origin: 'log.example/x',
      start: 0,
      end: 20852163,
      hash,
    });
    const expected = Buffer.concat([
      Buffer.from('subtree/v1\n\0', 'latin1'),
      Buffer.of(9),
      Buffer.from('w.example'),
      Buffer.from('0102030405060708', 'hex'),
      Buffer.of(13),
      Buffer.from('log.example/x'),
      Buffer.alloc(8),
      Buffer.from('00000000013e2dc3', 'hex'),
      hash,
    ]);
    expect(SUBTREE_V1_LABEL.length).toBe(12);
    expect(Buffer.from(message)).toEqual(expected);
    expect(
      codeOf(() => subtreeV1Message({ cosignerName: 'w', timestamp: 5, origin: 'o', start: 1, end: 2, hash })),
    ).toBe('INVALID_ARGUMENT');
    expect(
      codeOf(() =>
        subtreeV1Message({ cosignerName: 'w', timestamp: 0, origin: 'o'.repeat(256), start: 0, end: 2, hash }),
      ),
    ).toBe('INVALID_ARGUMENT');
  });

  it('signs and verifies a checkpoint as the subtree [0, size), deterministic when asked', () => {
    const { signerKey, verifierKey } = generateCosignerKeys('witness.example/pq', 'ml-dsa-44', seed(9));
    const key = parseCosignerVerifierKey(verifierKey);
    const body = formatCheckpoint({ origin: 'log.example', size: 10, rootHash: new Uint8Array(32).fill(1) });
    const line = signCosignature(signerKey, body, 1_700_000_001, { randomized: false });
    expect(line.signature.length).toBe(8 + 2420);
    expect(verifyCosignature(key, body, line).timestamp).toBe(1_700_000_001n);
    expect(signCosignature(signerKey, body, 1_700_000_001, { randomized: false })).toEqual(line);
    const hedged = signCosignature(signerKey, body, 1_700_000_001);
    expect(verifyCosignature(key, body, hedged).timestamp).toBe(1_700_000_001n);
    // Extension lines are not covered by the ML-DSA message; size and root are.
    const extended = formatCheckpoint({
      origin: 'log.example',
      size: 10,
      rootHash: new Uint8Array(32).fill(1),
      extensions: ['x'],
    });
    expect(verifyCosignature(key, extended, line).timestamp).toBe(1_700_000_001n);
    const bigger = formatCheckpoint({ origin: 'log.example', size: 11, rootHash: new Uint8Array(32).fill(1) });
    expect(codeOf(() => verifyCosignature(key, bigger, line))).toBe('SIGNATURE_INVALID');
    // The message commits to the cosigner's name: the same key under another name fails.
    expect(
      codeOf(() => verifyCosignature({ ...key, name: 'other.example' }, body, { ...line, name: 'other.example' })),
    ).toBe('SIGNATURE_INVALID');
  });

  it('formats a signature line that parses back', () => {
    const { signerKey } = generateCosignerKeys('w.example', 'ml-dsa-44', seed(10));
    const body = formatCheckpoint({ origin: 'log.example', size: 1, rootHash: new Uint8Array(32) });
    const line = signCosignature(signerKey, body, 1);
    const [parsed] = parseSignedNote(`${body}\n${formatSignatureLine(line)}`).signatures;
    expect(parsed).toEqual(line);
  });
});
