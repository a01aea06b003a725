/**
 * Test support only: a deposit certificate of two deposits (leaves 3 and 4 of a tree of 9, hashed by
 * the reference implementation), version 1, or version 2 with the test witnesses' cosignatures on
 * each deposit's checkpoint (lib/certificates/format/certificates.testing.ts). Fixed seeds and
 * times: the same bytes on every run.
 */
import {
  cosignTestNote,
  digestsOf,
  TEST_LOG,
  TEST_LOG_ORIGIN,
  testWitnessPolicy,
} from '@/lib/certificates/format/certificates.testing';
import { buildLeaf } from '@/lib/ledger/statement/build-leaf';
import { bytesToBase64, formatCheckpoint, formatTlogProof, signNote } from '@/lib/tlog';
import { listTree, refInclusionProof, refLeafHash } from '@/lib/tlog/testing/reference-tree';
import type { DepositCertificateBody } from './format/deposit-certificate-body';

const DEPOSITOR = { id: 'org-7', name: '北京某某科技有限公司' };
const AT = '2026-05-01T01:02:03.000Z';

export interface TestDepositCertificateOptions {
  /** Cosigners of the first deposit's checkpoint and of the second's (two checkpoints). */
  cosigners?: [number[], number[]];
  /** What the body says per deposit; default: witnessed when the cosigners meet quorum 2. */
  witnessed?: ({ quorum: number; of: number; by: string[] } | null)[];
  changeNote?: (note: string, deposit: number) => string;
}

/** Two deposits, leaves 3 and 4 of a tree of 9; version 2 with `options.cosigners`, else version 1. */
export function buildTestDepositCertificateBody(options: TestDepositCertificateOptions = {}): DepositCertificateBody {
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
