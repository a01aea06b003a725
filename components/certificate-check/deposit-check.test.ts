/**
 * The browser's check of a dropped certificate of either kind (/verify): a deposit certificate of
 * one deposit and of a batch checks deposit by deposit; a one-byte change fails; and neither kind
 * passes as the other — a deposit certificate relabelled as a verification certificate fails
 * verifyCertificate, a verification certificate relabelled as a deposit certificate fails the
 * deposit check. Built without a database: real leaves in a small RFC 6962 tree, a checkpoint
 * signed by a test log key, bodies signed by a test court key.
 */
import { describe, expect, it } from 'vitest';
import {
  buildTestCertificate,
  digestsOf,
  TEST_COURT_SEED,
  TEST_LOG,
  TEST_LOG_ORIGIN,
} from '@/lib/certificates/format/certificates.testing';
import { courtPublicKey } from '@/lib/certificates/format/sign-certificate';
import { verifyCertificate } from '@/lib/certificates/format/verify-certificate';
import { buildTestDepositCertificateBody } from '@/lib/deposit-certificates/deposit-certificates.testing';
import type { DepositCertificateBody } from '@/lib/deposit-certificates/format/deposit-certificate-body';
import { signDepositCertificate } from '@/lib/deposit-certificates/format/sign-deposit-certificate';
import { buildLeaf } from '@/lib/ledger/statement/build-leaf';
import { canonicalJsonBytes } from '@/lib/ledger/statement/canonical-json';
import { bytesToBase64, formatCheckpoint, formatTlogProof, signNote } from '@/lib/tlog';
import { listTree, refInclusionProof, refLeafHash } from '@/lib/tlog/testing/reference-tree';
import { certificateKindOf, checkDepositCertificate } from './deposit-check';

const KEYS = { courtPublicKey: bytesToBase64(courtPublicKey(TEST_COURT_SEED)), logVerifierKey: TEST_LOG.verifierKey };
const DEPOSITOR = { id: 'org-7', name: '北京某某科技有限公司' };
const AT = '2026-05-01T01:02:03.000Z';

/** A deposit certificate of `count` deposits, leaves 3, 4, … of a tree of 9. */
function depositCertificate(count: number): Uint8Array {
  const files = Array.from({ length: count }, (_, i) => ({
    bytes: new TextEncoder().encode(`采购合同 第 ${i + 1} 份\n`),
    title: `采购合同 ${i + 1}`,
    file: { name: `contract-${i + 1}.pdf`, size: 20 + i },
  }));
  const leaves = files.map(
    (f) =>
      buildLeaf({
        request: { digests: digestsOf(f.bytes), title: f.title, metadata: { file: f.file } },
        depositor: DEPOSITOR,
        depositedAt: new Date(AT),
      }).leaf,
  );
  const hashes = Array.from({ length: 9 }, (_, i) => {
    const leaf = leaves[i - 3];
    return leaf ? refLeafHash(leaf) : refLeafHash(Uint8Array.of(i));
  });
  const tree = listTree(hashes);
  const checkpoint = signNote(
    formatCheckpoint({ origin: TEST_LOG_ORIGIN, size: tree.size, rootHash: tree.mth(0n, tree.size) }),
    TEST_LOG.signerKey,
  );
  const body: DepositCertificateBody = {
    type: 'deposit-certificate',
    version: 1,
    id: '3e9a5c1b-7d2f-4a6e-8b0c-1f2e3d4c5b6a',
    issuer: { code: 'TEST-01', nameZh: '测试互联网法院', nameEn: 'Test Internet Court' },
    depositor: DEPOSITOR,
    deposits: files.map((f, i) => ({
      id: `00000000-0000-4000-8000-00000000000${i + 1}`,
      title: f.title,
      file: f.file,
      digests: digestsOf(f.bytes),
      depositedAt: AT,
      leaf: bytesToBase64(leaves[i] as Uint8Array),
      leafIndex: i + 3,
      tlogProof: formatTlogProof({ index: BigInt(i + 3), proof: refInclusionProof(tree, BigInt(i + 3)), checkpoint }),
      checkUrl: `https://verity.test/verify?deposit=00000000-0000-4000-8000-00000000000${i + 1}`,
    })),
    log: { origin: TEST_LOG_ORIGIN, verifierKey: TEST_LOG.verifierKey },
    issuedAt: '2026-05-02T00:00:00.000Z',
  };
  return canonicalJsonBytes(signDepositCertificate(body, TEST_COURT_SEED));
}

const relabel = (json: Uint8Array, format: string) =>
  canonicalJsonBytes({ ...JSON.parse(new TextDecoder().decode(json)), format });

describe('checkDepositCertificate', () => {
  it('checks a certificate of one deposit: its own checks, then the deposit’s, with record N of M', () => {
    const json = depositCertificate(1);
    expect(certificateKindOf(json)).toBe('deposit');
    const result = checkDepositCertificate(json, KEYS);
    expect(result.ok).toBe(true);
    expect(result.lines.map((l) => [l.name, l.ok])).toEqual([
      ['format', true],
      ['signature', true],
      ['court_key', true],
    ]);
    expect(result.deposits).toHaveLength(1);
    const [deposit] = result.deposits;
    expect(deposit?.ok).toBe(true);
    expect(deposit?.lines.map((l) => l.name)).toEqual([
      'leaf',
      'title_and_file',
      'checkpoint_signature',
      'inclusion_proof',
    ]);
    expect(deposit?.size).toBe(9);
    expect(deposit?.deposit).toMatchObject({ title: '采购合同 1', leafIndex: 3, file: { name: 'contract-1.pdf' } });
  });

  it('checks each deposit of a batch apart', () => {
    const result = checkDepositCertificate(depositCertificate(3), KEYS);
    expect(result.ok).toBe(true);
    expect(result.deposits.map((d) => [d.deposit.leafIndex, d.ok])).toEqual([
      [3, true],
      [4, true],
      [5, true],
    ]);
  });

  it('fails a certificate with one byte changed, or signed by another court, or against another ledger key', () => {
    const json = depositCertificate(2);
    const text = new TextDecoder().decode(json);
    const at = text.indexOf('采购合同 2');
    const changed = new TextEncoder().encode(`${text.slice(0, at)}采购合同 9${text.slice(at + '采购合同 2'.length)}`);
    const tampered = checkDepositCertificate(changed, KEYS);
    expect(tampered.ok).toBe(false);
    expect(tampered.lines.find((l) => l.name === 'signature')?.ok).toBe(false);
    expect(tampered.deposits[1]?.lines.find((l) => l.name === 'title_and_file')?.ok).toBe(false);

    const otherCourt = bytesToBase64(courtPublicKey(new Uint8Array(32).fill(8)));
    expect(checkDepositCertificate(json, { ...KEYS, courtPublicKey: otherCourt }).ok).toBe(false);
    const otherLog = 'verity.test/certificates+00000000+AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=';
    const wrongLedger = checkDepositCertificate(json, { ...KEYS, logVerifierKey: otherLog });
    expect(wrongLedger.ok).toBe(false);
    expect(wrongLedger.deposits.every((d) => !d.ok)).toBe(true);
  });

  it('carries the attachment line of a PDF first', () => {
    const attachment = { name: 'attachment' as const, ok: true, message: 'certificate.json read from the PDF' };
    const result = checkDepositCertificate(depositCertificate(1), KEYS, [attachment]);
    expect(result.lines[0]).toEqual(attachment);
    expect(result.ok).toBe(true);
  });
});

describe('neither kind passes as the other', () => {
  it('a deposit certificate is not a verification certificate, even relabelled', () => {
    const json = depositCertificate(1);
    expect(verifyCertificate(json, KEYS).ok).toBe(false);
    const relabelled = relabel(json, 'verity-certificate/v1');
    expect(certificateKindOf(relabelled)).toBe('verification');
    const check = verifyCertificate(relabelled, KEYS);
    expect(check.ok).toBe(false);
    expect(check.checks.find((c) => c.name === 'format')?.ok).toBe(false);
  });

  it('a verification certificate is not a deposit certificate, even relabelled', () => {
    const json = canonicalJsonBytes(buildTestCertificate());
    expect(certificateKindOf(json)).toBe('verification');
    expect(verifyCertificate(json, KEYS).ok).toBe(true);
    expect(checkDepositCertificate(json, KEYS).ok).toBe(false);
    const relabelled = relabel(json, 'verity-deposit-certificate/v1');
    expect(certificateKindOf(relabelled)).toBe('deposit');
    const result = checkDepositCertificate(relabelled, KEYS);
    expect(result.ok).toBe(false);
    expect(result.lines.find((l) => l.name === 'format')?.ok).toBe(false);
    expect(result.body).toBeNull();
    expect(result.deposits).toEqual([]);
  });

  it('unreadable bytes go to the verification checker, which fails them', () => {
    expect(certificateKindOf(new Uint8Array([0xff, 0xfe]))).toBe('verification');
  });

  it('a version 2 certificate (a log with witnesses): each deposit’s cosignatures line, who vouched as data for the page', () => {
    const body = buildTestDepositCertificateBody({ cosigners: [[0, 1], [2]] });
    const result = checkDepositCertificate(canonicalJsonBytes(signDepositCertificate(body, TEST_COURT_SEED)), KEYS);
    expect(result.ok).toBe(true);
    const [first, second] = result.deposits.map((d) => d.lines.find((l) => l.name === 'cosignatures'));
    expect(first?.detail).toEqual({
      key: 'cosignatures',
      values: {
        state: 'witnessed',
        count: 2,
        of: 3,
        quorum: 2,
        by: [
          { name: '示范公证处', nameEn: 'Demo Notary Office' },
          { name: '示范司法鉴定中心', nameEn: 'Demo Forensic Appraisal Centre' },
        ],
      },
    });
    expect(second?.detail).toMatchObject({ key: 'cosignatures', values: { state: 'not_witnessed', count: 1 } });
    // A forged witnessed claim fails that deposit only, and carries no detail (the checker's words instead).
    const forged = buildTestDepositCertificateBody({
      cosigners: [[0], [0, 1]],
      witnessed: [
        { quorum: 2, of: 3, by: ['示范公证处', '示范司法鉴定中心'] },
        { quorum: 2, of: 3, by: ['示范公证处', '示范司法鉴定中心'] },
      ],
    });
    const bad = checkDepositCertificate(canonicalJsonBytes(signDepositCertificate(forged, TEST_COURT_SEED)), KEYS);
    expect(bad.ok).toBe(false);
    expect(bad.deposits.map((d) => d.ok)).toEqual([false, true]);
    expect(bad.deposits[0]?.lines.find((l) => l.name === 'cosignatures')).toMatchObject({ ok: false });
    expect(bad.deposits[0]?.lines.find((l) => l.name === 'cosignatures')?.detail).toBeUndefined();
  });
});
