import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatCheckpoint } from './checkpoint';
import { signCosignature } from './cosignature';
import { checkCosignatures, parseCosignaturePolicy, verifyCosignedCheckpoint } from './cosignature-policy';
import { generateCosignerKeys } from './cosigner-signer-keys';
import { generateNoteKeys } from './note-keys';
import { signNote } from './sign-note';
import { formatSignatureLine } from './signed-note';
import { codeOf } from './testing/code-of';

const seed = (label: string) => new Uint8Array(createHash('sha256').update(`policy ${label}`).digest());
const log = generateNoteKeys('log.example', seed('log'));
const notary = generateCosignerKeys('notary.example/w', 'ed25519', seed('notary'));
const forensic = generateCosignerKeys('forensic.example/w', 'ed25519', seed('forensic'));
const forensicPq = generateCosignerKeys('forensic.example/w', 'ml-dsa-44', seed('forensic pq'));
const industry = generateCosignerKeys('industry.example/w', 'ml-dsa-44', seed('industry'));
const stranger = generateCosignerKeys('stranger.example/w', 'ed25519', seed('stranger'));
const impostor = generateCosignerKeys('notary.example/w', 'ed25519', seed('impostor'));

const body = formatCheckpoint({ origin: 'log.example', size: 42, rootHash: seed('root') });
const NOW = 1_800_000_000;
const policy = {
  witnesses: [notary.verifierKey, forensic.verifierKey, forensicPq.verifierKey, industry.verifierKey],
  quorum: 2,
};

function cosign(signerKey: string, timestamp = NOW - 10, text = body): string {
  return formatSignatureLine(signCosignature(signerKey, text, timestamp));
}

describe('witness policy: which witnesses cosigned validly', () => {
  it('counts each witness once, whatever the number of its keys or lines', () => {
    const note = `${signNote(body, log.signerKey)}${cosign(notary.signerKey)}${cosign(forensic.signerKey)}${cosign(
      forensicPq.signerKey,
    )}${cosign(notary.signerKey, NOW - 5)}`;
    const check = checkCosignatures(note, policy, { now: NOW, ignore: log.verifierKey });
    expect(check.cosigned.map((c) => [c.name, c.algorithm, c.timestamp])).toEqual([
      ['notary.example/w', 'ed25519', BigInt(NOW - 10)],
      ['forensic.example/w', 'ed25519', BigInt(NOW - 10)],
    ]);
    expect(check.problems).toEqual([]);
    expect(check).toMatchObject({ quorum: 2, witnesses: 3, satisfied: true, text: body });
  });

  it('accepts an ML-DSA-44 cosignature in the quorum', () => {
    const note = `${signNote(body, log.signerKey)}${cosign(industry.signerKey)}${cosign(forensicPq.signerKey)}`;
    const check = checkCosignatures(note, policy, { now: NOW, ignore: log.verifierKey });
    expect(check.cosigned.map((c) => c.algorithm)).toEqual(['ml-dsa-44', 'ml-dsa-44']);
    expect(check.satisfied).toBe(true);
  });

  it('reports and never counts a wrong key, a bad signature, an unknown name, a future time', () => {
    const other = formatCheckpoint({ origin: 'log.example', size: 43, rootHash: seed('root') });
    const note = `${signNote(body, log.signerKey)}${cosign(impostor.signerKey)}${cosign(
      forensic.signerKey,
      NOW - 10,
      other,
    )}${cosign(stranger.signerKey)}${cosign(industry.signerKey, NOW + 3600)}`;
    const check = checkCosignatures(note, policy, { now: NOW, ignore: log.verifierKey });
    expect(check.cosigned).toEqual([]);
    expect(check.satisfied).toBe(false);
    expect(check.problems.map((p) => [p.kind, p.name])).toEqual([
      ['WRONG_KEY', 'notary.example/w'],
      ['BAD_SIGNATURE', 'forensic.example/w'],
      ['UNKNOWN_NAME', 'stranger.example/w'],
      ['FUTURE_TIMESTAMP', 'industry.example/w'],
    ]);
    // The log's own line is reported as unknown when it is not ignored.
    const bare = checkCosignatures(signNote(body, log.signerKey), policy, { now: NOW });
    expect(bare.problems.map((p) => p.kind)).toEqual(['UNKNOWN_NAME']);
    // The skew check can be turned off.
    const future = `${signNote(body, log.signerKey)}${cosign(industry.signerKey, NOW + 3600)}`;
    expect(checkCosignatures(future, policy, { now: NOW, maxFutureSkew: Infinity }).cosigned.length).toBe(1);
  });

  it('one bad line of a witness does not hide its valid one, nor veto the others', () => {
    const tampered = cosign(notary.signerKey).replace(/.{6}==\n$/, 'AAAAAA==\n');
    const note = `${signNote(body, log.signerKey)}${tampered}${cosign(notary.signerKey)}${cosign(forensic.signerKey)}`;
    const check = checkCosignatures(note, policy, { now: NOW, ignore: log.verifierKey });
    expect(check.cosigned.map((c) => c.name)).toEqual(['notary.example/w', 'forensic.example/w']);
    expect(check.problems.map((p) => p.kind)).toEqual(['BAD_SIGNATURE']);
  });

  it('checks the log signature and the quorum together', () => {
    const note = `${signNote(body, log.signerKey)}${cosign(notary.signerKey)}`;
    expect(codeOf(() => verifyCosignedCheckpoint(note, log.verifierKey, policy, { now: NOW }))).toBe('NO_QUORUM');
    const ok = verifyCosignedCheckpoint(note, log.verifierKey, { ...policy, quorum: 1 }, { now: NOW });
    expect(ok.checkpoint.size).toBe(42n);
    expect(ok.cosignatures.problems).toEqual([]);
    const otherLog = generateNoteKeys('log.example', seed('other log'));
    expect(codeOf(() => verifyCosignedCheckpoint(note, otherLog.verifierKey, policy, { now: NOW }))).toBe(
      'NO_VERIFIED_SIGNATURE',
    );
  });

  it('refuses a malformed policy', () => {
    expect(codeOf(() => parseCosignaturePolicy({ ...policy, quorum: 4 }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => parseCosignaturePolicy({ ...policy, quorum: -1 }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => parseCosignaturePolicy({ ...policy, quorum: 1.5 }))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => parseCosignaturePolicy({ witnesses: [log.verifierKey], quorum: 1 }))).toBe(
      'UNSUPPORTED_ALGORITHM',
    );
    expect(parseCosignaturePolicy({ witnesses: [], quorum: 0 }).names.size).toBe(0);
  });
});
