/**
 * Certificates from a log with witnesses (body version 2, issue #18): the checker counts the
 * witnesses' cosignature lines on the deposit's checkpoint against the policy in the certificate
 * (or the pinned keys), reports who vouched, and reports a bad line without letting it veto the
 * others. A version 1 certificate is checked exactly as before.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import {
  base64ToBytes,
  bytesToBase64,
  formatSignatureLine,
  generateCosignerKeys,
  parseSignedNote,
  signCosignature,
} from '@/lib/tlog';
import { certificateSigningBytes } from './canonical';
import type { CertificateBody, CertificateFile } from './certificate-body';
import {
  buildTestCertificate,
  TEST_COSIGNED_AT,
  TEST_COURT_SEED,
  TEST_LOG,
  TEST_WITNESSES,
  type TestWitnessing,
  testWitnessPolicy,
} from './certificates.testing';
import { checkDetails } from './check-details';
import { courtPublicKey, signCertificate } from './sign-certificate';
import { type CertificateCheck, verifyCertificate } from './verify-certificate';

const PINNED = { courtPublicKey: courtPublicKey(TEST_COURT_SEED), logVerifierKey: TEST_LOG.verifierKey };
const [NOTARY, FORENSICS, ASSOCIATION] = TEST_WITNESSES;
const KEYS = TEST_WITNESSES.map((w) => w.verifierKey);

function checked(witnesses: TestWitnessing, witnessKeys?: string[]): CertificateCheck {
  return verifyCertificate(buildTestCertificate({ witnesses }), { ...PINNED, witnessKeys });
}

/** Signs any body with the test court key, unchecked (signCertificate refuses a bad body). */
function signAnyBody(body: unknown): CertificateFile {
  const file = signCertificate(buildTestCertificate().body, TEST_COURT_SEED);
  const bytes = certificateSigningBytes(body as CertificateBody);
  return {
    ...file,
    body: body as CertificateBody,
    signature: { ...file.signature, value: bytesToBase64(ed25519.sign(bytes, TEST_COURT_SEED)) },
  };
}

function item(check: CertificateCheck, name: string) {
  return check.checks.find((c) => c.name === name);
}

function failed(check: CertificateCheck): string[] {
  return check.checks.filter((c) => !c.ok).map((c) => c.name);
}

/** Flips one byte of the signature on the witness line whose key is named `keyName`. */
function forgeLine(keyName: string): (note: string) => string {
  return (note) =>
    note
      .split('\n')
      .map((line) => {
        const prefix = `— ${keyName} `;
        if (!line.startsWith(prefix)) return line;
        const bytes = base64ToBytes(line.slice(prefix.length));
        bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x01;
        return prefix + bytesToBase64(bytes);
      })
      .join('\n');
}

function keyNameOf(verifierKey: string): string {
  return verifierKey.slice(0, verifierKey.indexOf('+'));
}

describe('a version 1 certificate (a log without witnesses, or issued before #18)', () => {
  it('is checked exactly as before: no witness checks, nothing said about witnesses', () => {
    const check = verifyCertificate(buildTestCertificate(), PINNED);
    expect(check.ok).toBe(true);
    expect(check.checks.map((c) => c.name)).toEqual([
      'format',
      'signature',
      'court_key',
      'leaf',
      'digests_match_leaf',
      'checkpoint_signature',
      'inclusion_proof',
    ]);
    expect(check.witnessing).toBeNull();
    expect(checkDetails(check, 11).cosignatures).toBeUndefined();
  });

  it('the fixed test vector still verifies', () => {
    const vector = JSON.parse(readFileSync(path.join(import.meta.dirname, 'testdata/certificate-v1.json'), 'utf8'));
    const check = verifyCertificate(vector.certificate, {
      courtPublicKey: vector.courtPublicKey,
      logVerifierKey: vector.logVerifierKey,
    });
    expect(failed(check)).toEqual([]);
    expect(check.file?.body.version).toBe(1);
  });

  it('with pinned witness keys: witness_keys fails plainly (the certificate names no witnesses)', () => {
    const check = verifyCertificate(buildTestCertificate(), { ...PINNED, witnessKeys: KEYS });
    expect(failed(check)).toEqual(['witness_keys']);
    expect(item(check, 'witness_keys')?.message).toMatch(/names no witnesses/);
  });
});

describe('a version 2 certificate', () => {
  it('witnessed by 2 of 3: passes, and says who vouched from the signatures', () => {
    const check = checked({ cosigners: [0, 1] });
    expect(check.ok).toBe(true);
    expect(check.file?.body.version).toBe(2);
    expect(check.checks.map((c) => c.name)).toContain('cosignatures');
    expect(check.witnessing).toMatchObject({
      state: 'witnessed',
      claimed: 'witnessed',
      pinned: false,
      quorum: 2,
      of: 3,
      by: [
        { name: NOTARY.name, nameEn: NOTARY.nameEn },
        { name: FORENSICS.name, nameEn: FORENSICS.nameEn },
      ],
      problems: [],
    });
    expect(item(check, 'cosignatures')?.message).toMatch(/^witnessed by 2 of 3 .*示范公证处 \(Demo Notary Office\)/);
    expect(checkDetails(check, 11).cosignatures).toEqual({
      key: 'cosignatures',
      values: { state: 'witnessed', count: 2, of: 3, quorum: 2, by: check.witnessing?.by },
    });
  });

  it('not yet witnessed when issued (null): passes and says so, whoever had signed', () => {
    const check = checked({ cosigners: [2] });
    expect(
      check.file?.body.deposit && 'witnessed' in check.file.body.deposit && check.file.body.deposit.witnessed,
    ).toBe(null);
    expect(check.ok).toBe(true);
    expect(check.witnessing).toMatchObject({
      state: 'not_witnessed',
      claimed: 'not_witnessed',
      by: [{ name: ASSOCIATION.name }],
    });
    expect(item(check, 'cosignatures')?.message).toMatch(/^not yet witnessed: the certificate says so/);
  });

  it('no witness line at all and null: passes as not yet witnessed', () => {
    const check = checked({ cosigners: [] });
    expect(check.ok).toBe(true);
    expect(check.witnessing?.by).toEqual([]);
  });

  it('a forged line while the quorum is met by the others: passes, and the forgery is reported', () => {
    const check = checked({ cosigners: [0, 1, 2], changeNote: forgeLine(keyNameOf(ASSOCIATION.verifierKey)) });
    expect(check.ok).toBe(true);
    expect(check.witnessing?.by.map((v) => v.name)).toEqual([NOTARY.name, FORENSICS.name]);
    expect(check.witnessing?.problems).toEqual([
      expect.objectContaining({ witness: ASSOCIATION.name, kind: 'BAD_SIGNATURE' }),
    ]);
    expect(item(check, 'cosignatures')?.message).toMatch(/not counted: 示范行业协会 \(BAD_SIGNATURE/);
  });

  it('a forged line that drops it below the quorum: cosignatures fails', () => {
    const check = checked({ cosigners: [0, 1], changeNote: forgeLine(keyNameOf(FORENSICS.verifierKey)) });
    expect(failed(check)).toEqual(['cosignatures']);
    expect(item(check, 'cosignatures')?.message).toMatch(
      /says the checkpoint was witnessed, but only 1 of 3 valid cosignatures .*示范司法鉴定中心 \(BAD_SIGNATURE/,
    );
    expect(check.witnessing?.state).toBe('not_witnessed');
  });

  it('a line by a key the policy does not list: not counted, reported (WRONG_KEY)', () => {
    const impostor = generateCosignerKeys(keyNameOf(FORENSICS.verifierKey), 'ed25519', new Uint8Array(32).fill(99));
    // The policy names the real forensics key; a body listing the impostor's key instead fails the pins.
    const file = buildTestCertificate({ witnesses: { cosigners: [0, 1] } });
    const body = structuredClone(file.body);
    if (body.version !== 2) throw new Error('expected version 2');
    body.witnessPolicy.witnesses[1] = {
      ...body.witnessPolicy.witnesses[1],
      name: FORENSICS.name,
      verifierKey: impostor.verifierKey,
    };
    const resigned = signCertificate(body, TEST_COURT_SEED);
    const check = verifyCertificate(resigned, PINNED);
    expect(failed(check)).toEqual(['cosignatures']);
    expect(check.witnessing?.problems).toEqual([
      expect.objectContaining({ witness: FORENSICS.name, kind: 'WRONG_KEY' }),
    ]);
    const pinned = verifyCertificate(resigned, { ...PINNED, witnessKeys: KEYS });
    expect(item(pinned, 'witness_keys')).toMatchObject({ ok: false });
    expect(item(pinned, 'witness_keys')?.message).toMatch(/differ from the pinned ones/);
  });

  it('an ML-DSA-44 witness (subtree/v1) counts like an Ed25519 one', () => {
    const ml = generateCosignerKeys('mldsa.verity.test', 'ml-dsa-44', new Uint8Array(32).fill(5));
    const file = buildTestCertificate({
      witnesses: {
        cosigners: [0],
        witnessed: { quorum: 2, of: 3, by: [NOTARY.name, ASSOCIATION.name] },
        changeNote: (note) => {
          const { text } = parseSignedNote(note);
          return note + formatSignatureLine(signCosignature(ml.signerKey, text, TEST_COSIGNED_AT));
        },
      },
    });
    const body = structuredClone(file.body);
    if (body.version !== 2) throw new Error('expected version 2');
    body.witnessPolicy.witnesses[2] = { name: ASSOCIATION.name, verifierKey: ml.verifierKey };
    const check = verifyCertificate(signCertificate(body, TEST_COURT_SEED), {
      ...PINNED,
      witnessKeys: [NOTARY.verifierKey, FORENSICS.verifierKey, ml.verifierKey],
    });
    expect(failed(check)).toEqual([]);
    expect(check.witnessing?.by.map((v) => v.name)).toEqual([NOTARY.name, ASSOCIATION.name]);
  });

  it('a body that says witnessed while fewer than the quorum cosigned: cosignatures fails', () => {
    const check = checked({
      cosigners: [0],
      witnessed: { quorum: 2, of: 3, by: [NOTARY.name, FORENSICS.name] },
    });
    expect(failed(check)).toEqual(['cosignatures']);
  });

  it('a witnessed member that contradicts the policy: the format check fails', () => {
    const cases: TestWitnessing['witnessed'][] = [
      { quorum: 1, of: 3, by: [NOTARY.name] },
      { quorum: 2, of: 4, by: [NOTARY.name, FORENSICS.name] },
      { quorum: 2, of: 3, by: [NOTARY.name, '某不存在的机构'] },
      { quorum: 2, of: 3, by: [NOTARY.name, NOTARY.name] },
      { quorum: 2, of: 3, by: [NOTARY.name] },
    ];
    for (const witnessed of cases) {
      const check = checked({ cosigners: [0, 1], witnessed });
      expect(failed(check), JSON.stringify(witnessed)).toContain('format');
    }
  });

  it('a malformed witness policy: the format check fails (zod), nothing throws', () => {
    const file = buildTestCertificate({ witnesses: { cosigners: [0, 1] } });
    const bad: unknown[] = [
      { quorum: 4, witnesses: testWitnessPolicy().witnesses },
      { quorum: 0, witnesses: testWitnessPolicy().witnesses },
      { quorum: 1, witnesses: [] },
      { quorum: 1, witnesses: [{ name: 'x', verifierKey: 'not a key' }] },
      { quorum: 1, witnesses: [testWitnessPolicy().witnesses[0], testWitnessPolicy().witnesses[0]] },
      { quorum: 1, witnesses: [{ ...testWitnessPolicy().witnesses[0], extra: 1 }] },
    ];
    for (const witnessPolicy of bad) {
      const check = verifyCertificate(signAnyBody({ ...structuredClone(file.body), witnessPolicy }), PINNED);
      expect(failed(check), JSON.stringify(witnessPolicy)).toEqual(['format']);
    }
    // A version 2 body without its policy, or a version 1 body with one: not a certificate.
    const { witnessPolicy: _, ...withoutPolicy } = file.body as Record<string, unknown>;
    expect(failed(verifyCertificate(signAnyBody(withoutPolicy), PINNED))).toEqual(['format']);
    const v1 = buildTestCertificate();
    expect(failed(verifyCertificate(signAnyBody({ ...v1.body, witnessPolicy: testWitnessPolicy() }), PINNED))).toEqual([
      'format',
    ]);
    // A version 2 deposit without its witnessed member.
    const deposit = { ...(file.body.deposit as Record<string, unknown>) };
    delete deposit.witnessed;
    expect(failed(verifyCertificate(signAnyBody({ ...file.body, deposit }), PINNED))).toEqual(['format']);
  });
});

describe('pinned witness keys (--witness-key)', () => {
  it('the same keys: witness_keys passes and the quorum is counted against them', () => {
    const check = checked({ cosigners: [0, 1] }, [...KEYS].reverse());
    expect(check.ok).toBe(true);
    expect(item(check, 'witness_keys')?.message).toMatch(/are the pinned ones/);
    expect(check.witnessing?.pinned).toBe(true);
  });

  it('keys that differ: witness_keys fails, naming what differs', () => {
    const other = generateCosignerKeys('other.verity.test', 'ed25519', new Uint8Array(32).fill(77)).verifierKey;
    const check = checked({ cosigners: [0, 1] }, [KEYS[0] as string, KEYS[1] as string, other]);
    expect(failed(check)).toEqual(['witness_keys']);
    expect(item(check, 'witness_keys')?.message).toMatch(/pinned key other\.verity\.test is not in the certificate/);
    expect(item(check, 'witness_keys')?.message).toMatch(/lists 示范行业协会 .* which is not pinned/);
  });

  it('pinned keys that do not meet the quorum: cosignatures fails even when the listed witnesses do', () => {
    // Pinned: notary and association; cosigned: notary and forensics → 1 pinned cosignature of quorum 2.
    const check = checked({ cosigners: [0, 1] }, [KEYS[0] as string, KEYS[2] as string]);
    expect(failed(check)).toEqual(['witness_keys', 'cosignatures']);
    expect(check.witnessing).toMatchObject({ state: 'not_witnessed', pinned: true, by: [{ name: NOTARY.name }] });
  });

  it('fewer pinned keys than the quorum: cosignatures says the pinned keys cannot meet it', () => {
    const check = checked({ cosigners: [0, 1] }, [KEYS[0] as string]);
    expect(item(check, 'cosignatures')).toMatchObject({ ok: false });
    expect(item(check, 'cosignatures')?.message).toMatch(/only 1 witness key\(s\) are pinned/);
  });

  it('a not-yet-witnessed certificate with pinned keys: cosignatures fails (the pins ask for the quorum)', () => {
    const check = checked({ cosigners: [0] }, KEYS);
    expect(failed(check)).toEqual(['cosignatures']);
    expect(item(check, 'cosignatures')?.message).toMatch(/^not witnessed: the quorum 2 is not met by the pinned/);
  });

  it('a pinned key that is not a verifier key: witness_keys fails', () => {
    const check = checked({ cosigners: [0, 1] }, ['garbage', ...KEYS]);
    expect(item(check, 'witness_keys')?.message).toMatch(/not a verifier key: garbage/);
  });
});
