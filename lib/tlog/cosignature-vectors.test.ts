/**
 * Cosignature known answers in both directions with Go's standard library (tools/go-verify,
 * cosignature_test.go, crypto/ed25519):
 * - testdata/go-cosignature.json was made by Go; lib/tlog must derive the same key, build the same
 *   message, sign to the same bytes (Ed25519 is deterministic) and verify it;
 * - testdata/ts-cosignatures.json is made here (deterministic seeds) and verified by Go's
 *   TestTypeScriptCosignatures; this test checks the committed file is exactly what lib/tlog
 *   makes. `UPDATE_COSIGNATURE_VECTORS=1` rewrites it.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCheckpoint } from './checkpoint';
import { cosignatureV1Message, signCosignature, verifyCosignature } from './cosignature';
import { checkCosignatures } from './cosignature-policy';
import { cosignerKeyId, parseCosignerVerifierKey } from './cosigner-keys';
import { generateCosignerKeys } from './cosigner-signer-keys';
import { bytesToHex, hexToBytes } from './encoding';
import { generateNoteKeys } from './note-keys';
import { signNote } from './sign-note';
import { formatSignatureLine, parseSignedNote } from './signed-note';

const TESTDATA = path.resolve(import.meta.dirname, '../../tools/go-verify/testdata');

interface GoVector {
  name: string;
  seedHex: string;
  publicKeyHex: string;
  keyIdHex: string;
  verifierKey: string;
  timestamp: number;
  checkpoint: string;
  message: string;
  cosignature: string;
  cosignedNote: string;
}

describe('a cosignature made by Go crypto/ed25519', () => {
  const vector = JSON.parse(readFileSync(path.join(TESTDATA, 'go-cosignature.json'), 'utf8')) as GoVector;

  it('has the key, key ID, message and signature lib/tlog makes from the same seed', () => {
    const keys = generateCosignerKeys(vector.name, 'ed25519', hexToBytes(vector.seedHex));
    expect(keys.verifierKey).toBe(vector.verifierKey);
    const key = parseCosignerVerifierKey(vector.verifierKey);
    expect(bytesToHex(key.publicKey)).toBe(vector.publicKeyHex);
    expect(key.keyId.toString(16).padStart(8, '0')).toBe(vector.keyIdHex);
    expect(cosignerKeyId(vector.name, 'ed25519', key.publicKey)).toBe(key.keyId);
    expect(new TextDecoder().decode(cosignatureV1Message(vector.checkpoint, vector.timestamp))).toBe(vector.message);
    expect(formatSignatureLine(signCosignature(keys.signerKey, vector.checkpoint, vector.timestamp))).toBe(
      vector.cosignature,
    );
  });

  it('verifies, and counts towards a quorum of one', () => {
    const key = parseCosignerVerifierKey(vector.verifierKey);
    const [line] = parseSignedNote(vector.cosignedNote).signatures;
    expect(line && verifyCosignature(key, vector.checkpoint, line).timestamp).toBe(BigInt(vector.timestamp));
    const check = checkCosignatures(vector.cosignedNote, { witnesses: [vector.verifierKey], quorum: 1 });
    expect(check.satisfied).toBe(true);
    expect(check.cosigned.map((c) => c.name)).toEqual([vector.name]);
  });
});

interface FixtureCase {
  description: string;
  verifierKey: string;
  note: string;
  valid: boolean;
}

const seed = (label: string) => new Uint8Array(createHash('sha256').update(`ts cosignature vector ${label}`).digest());

/** Deterministic cosigned notes, valid and tampered, for Go to check. */
function makeTsFixture(): { comment: string; cases: FixtureCase[] } {
  const log = generateNoteKeys('log.example/verity', seed('log'));
  const witness = generateCosignerKeys('witness.example/ts', 'ed25519', seed('witness'));
  const other = generateCosignerKeys('witness.example/ts', 'ed25519', seed('other'));
  const cases: FixtureCase[] = [];
  for (const [size, extensions] of [
    [1, []],
    [20852163, []],
    [1000, ['extension line']],
  ] as const) {
    const body = formatCheckpoint({
      origin: 'log.example/verity',
      size,
      rootHash: seed(`root ${size}`),
      extensions: [...extensions],
    });
    const timestamp = 1_700_000_000 + size;
    const note = `${signNote(body, log.signerKey)}${formatSignatureLine(signCosignature(witness.signerKey, body, timestamp))}`;
    cases.push({ description: `size ${size}`, verifierKey: witness.verifierKey, note, valid: true });
    if (size === 1) {
      cases.push({
        description: 'body changed after cosigning',
        verifierKey: witness.verifierKey,
        note: note.replace('log.example/verity\n1\n', 'log.example/verity\n2\n'),
        valid: false,
      });
      cases.push({ description: 'another key of the same name', verifierKey: other.verifierKey, note, valid: false });
      const line = signCosignature(witness.signerKey, body, timestamp);
      const stamped = line.signature.slice();
      stamped[7] = (stamped[7] ?? 0) ^ 1;
      cases.push({
        description: 'timestamp changed after cosigning',
        verifierKey: witness.verifierKey,
        note: `${signNote(body, log.signerKey)}${formatSignatureLine({ ...line, signature: stamped })}`,
        valid: false,
      });
      cases.push({
        description: 'no cosignature at all',
        verifierKey: witness.verifierKey,
        note: signNote(body, log.signerKey),
        valid: false,
      });
    }
  }
  return {
    comment: 'made by lib/tlog/cosignature-vectors.test.ts; verified by tools/go-verify/cosignature_test.go',
    cases,
  };
}

describe('cosignatures made by lib/tlog for Go', () => {
  it('tools/go-verify/testdata/ts-cosignatures.json is exactly what lib/tlog makes', () => {
    const text = `${JSON.stringify(makeTsFixture(), null, 2)}\n`;
    const file = path.join(TESTDATA, 'ts-cosignatures.json');
    if (process.env.UPDATE_COSIGNATURE_VECTORS === '1') writeFileSync(file, text);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('each case is valid or refused by lib/tlog as Go must find it', () => {
    for (const c of makeTsFixture().cases) {
      const check = checkCosignatures(c.note, { witnesses: [c.verifierKey], quorum: 1 });
      expect(check.satisfied, c.description).toBe(c.valid);
    }
  });
});
