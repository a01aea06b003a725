/**
 * Deposit certificates (存证证书) from a log with witnesses (body version 2, issue #18): each
 * deposit's checkpoint is counted against the witness policy in the certificate, deposit by
 * deposit; a forged witness line is reported and only fails when the quorum is lost; pinned
 * witness keys (`--witness-key`) are compared with the certificate's; version 1 checks as before.
 * Built without a database: real leaves in a small RFC 6962 tree, a checkpoint signed by a test
 * log key and cosigned by test witnesses, bodies signed by a test court key.
 */
import { describe, expect, it } from 'vitest';
import { TEST_COURT_SEED, TEST_LOG, TEST_WITNESSES } from '@/lib/certificates/format/certificates.testing';
import { courtPublicKey } from '@/lib/certificates/format/sign-certificate';
import { base64ToBytes, bytesToBase64 } from '@/lib/tlog';
import { buildTestDepositCertificateBody } from '../deposit-certificates.testing';
import type { DepositCertificateBody } from './deposit-certificate-body';
import { signDepositCertificate } from './sign-deposit-certificate';
import { type DepositCertificateCheck, verifyDepositCertificate } from './verify-deposit-certificate';

const PINNED = { courtPublicKey: courtPublicKey(TEST_COURT_SEED), logVerifierKey: TEST_LOG.verifierKey };
const KEYS = TEST_WITNESSES.map((w) => w.verifierKey);

function check(body: DepositCertificateBody, witnessKeys?: string[]): DepositCertificateCheck {
  return verifyDepositCertificate(signDepositCertificate(body, TEST_COURT_SEED), { ...PINNED, witnessKeys });
}

const failed = (c: DepositCertificateCheck) =>
  c.checks.filter((x) => !x.ok).map((x) => (x.deposit ? `${x.deposit} ${x.name}` : x.name));

function forge(keyName: string, onlyDeposit: number) {
  return (note: string, deposit: number) =>
    deposit !== onlyDeposit
      ? note
      : note
          .split('\n')
          .map((line) => {
            if (!line.startsWith(`— ${keyName} `)) return line;
            const bytes = base64ToBytes(line.slice(keyName.length + 3));
            bytes[20] = (bytes[20] ?? 0) ^ 0x01;
            return `— ${keyName} ${bytesToBase64(bytes)}`;
          })
          .join('\n');
}

const keyName = (k: string) => k.slice(0, k.indexOf('+'));

describe('verifyDepositCertificate with witnesses', () => {
  it('version 1: checked as before, no witness checks', () => {
    const c = check(buildTestDepositCertificateBody());
    expect(c.ok).toBe(true);
    expect(c.checks.map((x) => x.name)).not.toContain('cosignatures');
    expect(c.witnessing).toEqual([]);
  });

  it('version 2, witnessed and not yet witnessed deposits: passes, each deposit says who vouched', () => {
    const c = check(buildTestDepositCertificateBody({ cosigners: [[0, 1], [2]] }));
    expect(failed(c)).toEqual([]);
    const cos = c.checks.filter((x) => x.name === 'cosignatures');
    expect(cos.map((x) => x.deposit)).toEqual([1, 2]);
    expect(cos[0]?.message).toMatch(/^witnessed by 2 of 3 .*示范公证处.*示范司法鉴定中心/);
    expect(cos[1]?.message).toMatch(/^not yet witnessed/);
    expect(c.witnessing.map((w) => w?.state)).toEqual(['witnessed', 'not_witnessed']);
  });

  it('a forged line with the quorum still met: passes, reported', () => {
    const c = check(
      buildTestDepositCertificateBody({
        cosigners: [
          [0, 1, 2],
          [0, 1],
        ],
        changeNote: forge(keyName(KEYS[0] as string), 1),
      }),
    );
    expect(failed(c)).toEqual([]);
    expect(c.witnessing[0]?.problems).toEqual([
      expect.objectContaining({ witness: '示范公证处', kind: 'BAD_SIGNATURE' }),
    ]);
  });

  it('a forged line that loses the quorum: that deposit’s cosignatures fail', () => {
    const c = check(
      buildTestDepositCertificateBody({
        cosigners: [
          [0, 1],
          [0, 1],
        ],
        changeNote: forge(keyName(KEYS[1] as string), 2),
      }),
    );
    expect(failed(c)).toEqual(['2 cosignatures']);
  });

  it('a witnessed member that contradicts the policy: the format check fails', () => {
    const c = check(
      buildTestDepositCertificateBody({
        cosigners: [
          [0, 1],
          [0, 1],
        ],
        witnessed: [{ quorum: 2, of: 3, by: ['示范公证处', '别的机构'] }, null],
      }),
    );
    expect(failed(c)).toContain('format');
  });

  it('pinned witness keys: the same pass; others fail witness_keys; too few fail the quorum', () => {
    const body = buildTestDepositCertificateBody({
      cosigners: [
        [0, 1],
        [0, 1],
      ],
    });
    expect(failed(check(body, KEYS))).toEqual([]);
    expect(failed(check(body, [KEYS[0] as string, KEYS[2] as string]))).toEqual([
      'witness_keys',
      '1 cosignatures',
      '2 cosignatures',
    ]);
    expect(failed(check(buildTestDepositCertificateBody(), KEYS))).toEqual(['witness_keys']);
  });
});
