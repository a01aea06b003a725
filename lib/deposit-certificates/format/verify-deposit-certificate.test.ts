/**
 * Deposit certificates (存证证书) from a log with witnesses (body version 2, issue #18): each
 * deposit's checkpoint is counted against the witness policy in the certificate, deposit by
 * deposit; a forged witness line is reported and only fails when the quorum is lost; pinned
 * witness keys (`--witness-key`) are compared with the certificate's; version 1 checks as before.
 * Built without a database: real leaves in a small RFC 6962 tree, a checkpoint signed by a test
 * log key and cosigned by test witnesses, bodies signed by a test court key.
 */
import { describe, expect, it } from 'vitest';
import {
  cosignTestNote,
  digestsOf,
  TEST_COURT_SEED,
  TEST_LOG,
  TEST_LOG_ORIGIN,
  TEST_WITNESSES,
  testWitnessPolicy,
} from '@/lib/certificates/format/certificates.testing';
import { courtPublicKey } from '@/lib/certificates/format/sign-certificate';
import { buildLeaf } from '@/lib/ledger/statement/build-leaf';
import { base64ToBytes, bytesToBase64, formatCheckpoint, formatTlogProof, signNote } from '@/lib/tlog';
import { listTree, refInclusionProof, refLeafHash } from '@/lib/tlog/testing/reference-tree';
import type { DepositCertificateBody } from './deposit-certificate-body';
import { signDepositCertificate } from './sign-deposit-certificate';
import { type DepositCertificateCheck, verifyDepositCertificate } from './verify-deposit-certificate';

const PINNED = { courtPublicKey: courtPublicKey(TEST_COURT_SEED), logVerifierKey: TEST_LOG.verifierKey };
const DEPOSITOR = { id: 'org-7', name: '北京某某科技有限公司' };
const AT = '2026-05-01T01:02:03.000Z';
const KEYS = TEST_WITNESSES.map((w) => w.verifierKey);

interface Options {
  /** Cosigners of the first deposit's checkpoint and of the second's (two checkpoints). */
  cosigners?: [number[], number[]];
  /** What the body says per deposit; default: witnessed when the cosigners meet quorum 2. */
  witnessed?: ({ quorum: number; of: number; by: string[] } | null)[];
  changeNote?: (note: string, deposit: number) => string;
}

/** Two deposits, leaves 3 and 4 of a tree of 9; version 2 with `options.cosigners`, else version 1. */
function certificate(options: Options = {}): DepositCertificateBody {
  const leaves = [1, 2].map(
    (n) =>
      buildLeaf({
        request: { digests: digestsOf(new TextEncoder().encode(`采购合同 第 ${n} 份\n`)) },
        depositor: DEPOSITOR,
        depositedAt: new Date(AT),
      }).leaf,
  );
  const tree = listTree(Array.from({ length: 9 }, (_, i) => refLeafHash(leaves[i - 3] ?? Uint8Array.of(i))));
  const signed = signNote(
    formatCheckpoint({ origin: TEST_LOG_ORIGIN, size: tree.size, rootHash: tree.mth(0n, tree.size) }),
    TEST_LOG.signerKey,
  );
  const policy = testWitnessPolicy(2);
  const deposits = leaves.map((leaf, i) => {
    const cosigners = options.cosigners?.[i] ?? [];
    const cosigned = options.cosigners ? cosignTestNote(signed, cosigners) : signed;
    const checkpoint = options.changeNote ? options.changeNote(cosigned, i + 1) : cosigned;
    const by = policy.witnesses.filter((_, w) => cosigners.includes(w)).map((w) => w.name);
    return {
      deposit: {
        id: `00000000-0000-4000-8000-00000000000${i + 1}`,
        title: null,
        file: null,
        digests: digestsOf(new TextEncoder().encode(`采购合同 第 ${i + 1} 份\n`)),
        depositedAt: AT,
        leaf: bytesToBase64(leaf),
        leafIndex: i + 3,
        tlogProof: formatTlogProof({ index: BigInt(i + 3), proof: refInclusionProof(tree, BigInt(i + 3)), checkpoint }),
        checkUrl: `https://verity.test/verify?deposit=00000000-0000-4000-8000-00000000000${i + 1}`,
      },
      witnessed:
        options.witnessed !== undefined
          ? (options.witnessed[i] ?? null)
          : by.length >= 2
            ? { quorum: 2, of: 3, by }
            : null,
    };
  });
  const common = {
    type: 'deposit-certificate' as const,
    id: '3e9a5c1b-7d2f-4a6e-8b0c-1f2e3d4c5b6a',
    issuer: { code: 'TEST-01', nameZh: '测试互联网法院', nameEn: 'Test Internet Court' },
    depositor: DEPOSITOR,
    log: { origin: TEST_LOG_ORIGIN, verifierKey: TEST_LOG.verifierKey },
    issuedAt: '2026-11-28T00:00:00.000Z',
  };
  if (!options.cosigners) return { ...common, version: 1, deposits: deposits.map((d) => d.deposit) };
  return {
    ...common,
    version: 2,
    deposits: deposits.map((d) => ({ ...d.deposit, witnessed: d.witnessed })),
    witnessPolicy: policy,
  };
}

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
    const c = check(certificate());
    expect(c.ok).toBe(true);
    expect(c.checks.map((x) => x.name)).not.toContain('cosignatures');
    expect(c.witnessing).toEqual([]);
  });

  it('version 2, witnessed and not yet witnessed deposits: passes, each deposit says who vouched', () => {
    const c = check(certificate({ cosigners: [[0, 1], [2]] }));
    expect(failed(c)).toEqual([]);
    const cos = c.checks.filter((x) => x.name === 'cosignatures');
    expect(cos.map((x) => x.deposit)).toEqual([1, 2]);
    expect(cos[0]?.message).toMatch(/^witnessed by 2 of 3 .*示范公证处.*示范司法鉴定中心/);
    expect(cos[1]?.message).toMatch(/^not yet witnessed/);
    expect(c.witnessing.map((w) => w?.state)).toEqual(['witnessed', 'not_witnessed']);
  });

  it('a forged line with the quorum still met: passes, reported', () => {
    const c = check(
      certificate({
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
      certificate({
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
      certificate({
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
    const body = certificate({
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
    expect(failed(check(certificate(), KEYS))).toEqual(['witness_keys']);
  });
});
