import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { certificateSigningBytes } from './canonical';
import { buildTestCertificate } from './certificates.testing';
import {
  CHECK_CODE_ALPHABET,
  certificateCheckCode,
  checkCodeOfSignedBytes,
  formatCheckCode,
  normaliseCheckCode,
} from './check-code';

/** An independent derivation with node:crypto and plain string arithmetic. */
function reference(signed: Uint8Array): string {
  const digest = createHash('sha256').update('verity-certificate-check-code/v1\n').update(signed).digest();
  const bits = [...digest.subarray(0, 5)].map((b) => b.toString(2).padStart(8, '0')).join('');
  return Array.from(
    { length: 8 },
    (_, i) => CHECK_CODE_ALPHABET[Number.parseInt(bits.slice(i * 5, i * 5 + 5), 2)],
  ).join('');
}

describe('certificateCheckCode', () => {
  const file = buildTestCertificate();

  it('is 8 characters of Crockford base32, derived from the signed body bytes', () => {
    const code = certificateCheckCode(file.body);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(code).toBe(reference(certificateSigningBytes(file.body)));
    expect(checkCodeOfSignedBytes(certificateSigningBytes(file.body))).toBe(code);
    // Fixed for the fixed test certificate: a change of derivation would change every printed code.
    expect(code).toBe(reference(certificateSigningBytes(buildTestCertificate().body)));
  });

  it('changes with any change of the body (another ID, another verdict)', () => {
    const other = structuredClone(file.body);
    other.id = '0b0e7f52-3c1a-4c5e-9a51-6a3b2f1d9e78';
    expect(certificateCheckCode(other)).not.toBe(certificateCheckCode(file.body));
    const notFound = buildTestCertificate({ verdict: 'not_found', exhibitFile: new Uint8Array([1]) });
    expect(certificateCheckCode(notFound.body)).not.toBe(certificateCheckCode(file.body));
  });

  it('refuses empty input', () => {
    expect(() => checkCodeOfSignedBytes(new Uint8Array())).toThrow(TypeError);
  });
});

describe('formatCheckCode and normaliseCheckCode', () => {
  it('prints two groups of four and reads them back however they are typed', () => {
    expect(formatCheckCode('7K3MQ9TX')).toBe('7K3M-Q9TX');
    for (const typed of ['7K3M-Q9TX', '7k3m q9tx', ' 7K3MQ9TX ', '７Ｋ３Ｍ－Ｑ９ＴＸ', '7K3M—Q9TX']) {
      expect(normaliseCheckCode(typed)).toBe('7K3MQ9TX');
    }
  });

  it('reads O as 0 and I, L as 1 (Crockford), and refuses what cannot be a code', () => {
    expect(normaliseCheckCode('O1IL-ABCD')).toBe('0111ABCD');
    for (const bad of ['', '7K3M-Q9T', '7K3M-Q9TXY', 'UUUU-UUUU', '7K3M_Q9TX', '码码码码码码码码', 'x'.repeat(41)]) {
      expect(normaliseCheckCode(bad)).toBeNull();
    }
  });
});
