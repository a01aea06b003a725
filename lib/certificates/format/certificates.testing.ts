/**
 * Test support only: a complete certificate built without a database — a real deposit statement
 * as a leaf in a small RFC 6962 tree (hashed by the independent reference implementation), a
 * checkpoint signed by a test log key, its tlog-proof, and a body signed by a test court key.
 * Everything is derived from fixed seeds and times, so the bytes are the same on every run.
 */
import { createHash } from 'node:crypto';
import { buildLeaf } from '@/lib/ledger/statement/build-leaf';
import {
  formatCheckpoint,
  formatSignatureLine,
  formatTlogProof,
  generateCosignerKeys,
  generateNoteKeys,
  parseSignedNote,
  signCosignature,
  signNote,
} from '@/lib/tlog';
import { listTree, refInclusionProof, refLeafHash } from '@/lib/tlog/testing/reference-tree';
import type { CertificateBody, CertificateBodyV1, CertificateFile } from './certificate-body';
import type { CertificateWitnessPolicy } from './certificate-witnessing';
import { signCertificate } from './sign-certificate';

export const TEST_COURT_SEED = new Uint8Array(32).fill(7);
export const TEST_LOG = generateNoteKeys('verity.test/certificates', new Uint8Array(32).fill(9));
export const TEST_LOG_ORIGIN = 'verity.test/certificates';

/** The evidence file the test certificate is about, and its digests. */
export const TEST_FILE = new TextEncoder().encode('合同 contract v1 — the file that was deposited\n');

export function digestsOf(bytes: Uint8Array): { sha256: string; sm3: string } {
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    sm3: createHash('sm3').update(bytes).digest('hex'),
  };
}

/** Three test witnesses (fixed seeds), named as the demo institutions; the last has a long name. */
export const TEST_WITNESSES = [
  {
    name: '示范公证处',
    nameEn: 'Demo Notary Office',
    ...generateCosignerKeys('notary.verity.test', 'ed25519', new Uint8Array(32).fill(21)),
  },
  {
    name: '示范司法鉴定中心',
    nameEn: 'Demo Forensic Appraisal Centre',
    ...generateCosignerKeys('forensics.verity.test', 'ed25519', new Uint8Array(32).fill(22)),
  },
  {
    name: '示范行业协会',
    nameEn: 'Demo Industry Association',
    ...generateCosignerKeys('association.verity.test', 'ed25519', new Uint8Array(32).fill(23)),
  },
] as const;

/** The test witnesses' policy (quorum 2 of 3 unless said otherwise), as a body carries it. */
export function testWitnessPolicy(quorum = 2): CertificateWitnessPolicy {
  return { quorum, witnesses: TEST_WITNESSES.map(({ name, nameEn, verifierKey }) => ({ name, nameEn, verifierKey })) };
}

/** When the test witnesses cosigned (before the test certificate's issuedAt). */
export const TEST_COSIGNED_AT = Date.parse('2026-11-27T03:30:00Z') / 1000;

/** `note` with cosignature lines by the test witnesses at `indices` (in that order). */
export function cosignTestNote(note: string, indices: readonly number[], timestamp = TEST_COSIGNED_AT): string {
  const { text } = parseSignedNote(note);
  return (
    note +
    indices
      .map((i) => formatSignatureLine(signCosignature(TEST_WITNESSES[i]?.signerKey ?? '', text, timestamp)))
      .join('')
  );
}

export interface TestWitnessing {
  /** Which test witnesses cosigned the checkpoint (indices into TEST_WITNESSES). */
  cosigners: readonly number[];
  /** Default 2. */
  quorum?: number;
  /** What the body says; default: witnessed by the cosigners when they meet the quorum, else null. */
  witnessed?: { quorum: number; of: number; by: string[] } | null;
  /** Changes the cosigned checkpoint note before it goes into the proof (forged lines…). */
  changeNote?: (note: string) => string;
}

export interface TestCertificateOptions {
  /** A version 2 body from a log with the test witnesses; absent: version 1 (no witnesses). */
  witnesses?: TestWitnessing;
  verdict?: 'consistent' | 'tampered' | 'not_found';
  /** The file the exhibit holds (default TEST_FILE); the deposit always records TEST_FILE. */
  exhibitFile?: Uint8Array;
  courtSeed?: Uint8Array;
}

/** A signed certificate for an exhibit; the deposit is leaf 5 of a tree of 11 leaves. */
export function buildTestCertificate(options: TestCertificateOptions = {}): CertificateFile {
  const verdict = options.verdict ?? 'consistent';
  const { leaf } = buildLeaf({
    request: { digests: digestsOf(TEST_FILE), title: 'contract' },
    depositor: { id: 'org-1', name: 'Example Evidence Platform 示例存证平台' },
    depositedAt: new Date('2026-03-01T02:02:03.456Z'),
  });
  const index = 5n;
  const leafHashes = Array.from({ length: 11 }, (_, i) =>
    i === Number(index) ? refLeafHash(leaf) : refLeafHash(Uint8Array.of(i)),
  );
  const tree = listTree(leafHashes);
  const signed = signNote(
    formatCheckpoint({ origin: TEST_LOG_ORIGIN, size: tree.size, rootHash: tree.mth(0n, tree.size) }),
    TEST_LOG.signerKey,
  );
  const w = options.witnesses;
  const cosigned = w ? cosignTestNote(signed, w.cosigners) : signed;
  const checkpoint = w?.changeNote ? w.changeNote(cosigned) : cosigned;
  const tlogProof = formatTlogProof({ index, proof: refInclusionProof(tree, index), checkpoint });
  const body: CertificateBodyV1 = {
    version: 1,
    number: 'VC-2026-000123',
    id: '0b0e7f52-3c1a-4c5e-9a51-6a3b2f1d9e77',
    court: { code: 'TEST-01', nameZh: '测试互联网法院', nameEn: 'Test Internet Court' },
    case: { id: '5f3c2b1a-0d9e-4c8b-a7f6-e5d4c3b2a190', number: '(2026)测0491民初123号', title: '合同纠纷' },
    exhibit: {
      id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      number: 3,
      title: '劳动合同（原件扫描）',
      fileName: 'contract.pdf',
      size: (options.exhibitFile ?? TEST_FILE).length,
      kind: 'file',
      submittedBy: '张三',
      partyRole: 'plaintiff',
    },
    digests: digestsOf(options.exhibitFile ?? TEST_FILE),
    verdict,
    verification: { at: '2026-11-27T03:00:00.000Z', site: 'server', by: '张三' },
    deposit:
      verdict === 'not_found'
        ? null
        : {
            id: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
            depositedAt: '2026-03-01T02:02:03.456Z',
            depositor: { id: 'org-1', name: 'Example Evidence Platform 示例存证平台' },
            leaf: Buffer.from(leaf).toString('base64'),
            leafIndex: Number(index),
            tlogProof,
          },
    log: { origin: TEST_LOG_ORIGIN, verifierKey: TEST_LOG.verifierKey },
    anchor: null,
    issuer: { name: '李书记员', role: 'clerk' },
    issuedAt: '2026-11-27T04:00:00.000Z',
    scope: { zh: '测试范围说明。', en: 'Test scope statement.' },
  };
  if (!w) return signCertificate(body, options.courtSeed ?? TEST_COURT_SEED);
  const policy = testWitnessPolicy(w.quorum ?? 2);
  const by = policy.witnesses.filter((_, i) => w.cosigners.includes(i)).map((x) => x.name);
  const witnessed =
    w.witnessed !== undefined
      ? w.witnessed
      : by.length >= policy.quorum
        ? { quorum: policy.quorum, of: policy.witnesses.length, by }
        : null;
  const v2: CertificateBody = {
    ...body,
    version: 2,
    deposit: body.deposit && { ...body.deposit, witnessed },
    witnessPolicy: policy,
  };
  return signCertificate(v2, options.courtSeed ?? TEST_COURT_SEED);
}
