/**
 * Issuing certificates from a log with witnesses (issue #18), on the real database and ledger:
 * before a quorum of the configured witnesses cosigned the deposit's checkpoint, a verification
 * certificate and a deposit certificate are still issued (body version 2) and say "not yet
 * witnessed"; once two of three cosigned, new ones carry that cosigned checkpoint and say who
 * vouched; each file checks offline, also with the witness keys pinned. The policy in the body is
 * the configured one without the URLs. Without witnesses the body stays version 1.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyDepositCertificate } from '@/lib/deposit-certificates/format/verify-deposit-certificate';
import { issueDepositCertificate } from '@/lib/deposit-certificates/issue-deposit-certificate';
import { buildCourtroom, depositSealed, digestsOf, randomEvidence } from '@/lib/exhibits/exhibits.testing';
import { submitHashOnlyExhibit } from '@/lib/exhibits/submit-exhibit';
import { depositFromBrowser } from '@/lib/ledger/deposit-from-browser';
import { loadReceipts } from '@/lib/ledger/load-receipts';
import { logSigner } from '@/lib/ledger/log-signer';
import {
  formatSignatureLine,
  generateCosignerKeys,
  parseCosignerVerifierKey,
  parseSignedNote,
  signCosignature,
} from '@/lib/tlog';
import { storeCosignature } from '@/lib/witnessing/witness-store';
import { buildUser } from '@/test/builders';
import { courtSigner } from './court-signer';
import { verifyCertificate } from './format/verify-certificate';
import { getCertificateFile } from './get-certificate-file';
import { issueCertificate } from './issue-certificate';
import { revokeCertificate } from './revoke-certificate';

const seed = (label: string) => new Uint8Array(createHash('sha256').update(`witnessed certificates ${label}`).digest());
// Fresh names per run: the ledger's cosignature table is shared by every test file.
const run = Date.now().toString(36);
const notary = generateCosignerKeys(`notary-${run}.cert/w`, 'ed25519', seed(`notary ${run}`));
const forensics = generateCosignerKeys(`forensics-${run}.cert/w`, 'ed25519', seed(`forensics ${run}`));
const association = generateCosignerKeys(`association-${run}.cert/w`, 'ed25519', seed(`association ${run}`));
const WITNESSES = [
  { name: '示范公证处', nameEn: 'Demo Notary Office', verifierKey: notary.verifierKey, url: 'http://127.0.0.1:9/a' },
  {
    name: '示范司法鉴定中心',
    nameEn: 'Demo Forensic Appraisal Centre',
    verifierKey: forensics.verifierKey,
    url: 'http://127.0.0.1:9/b',
  },
  { name: '示范行业协会', verifierKey: association.verifierKey, url: 'http://127.0.0.1:9/c' },
];
const KEYS = WITNESSES.map((w) => w.verifierKey);

const saved = { witnesses: process.env.VERITY_WITNESSES, quorum: process.env.VERITY_WITNESS_QUORUM };
function setWitnesses(on: boolean) {
  if (on) {
    process.env.VERITY_WITNESSES = JSON.stringify(WITNESSES);
    process.env.VERITY_WITNESS_QUORUM = '2';
  } else {
    delete process.env.VERITY_WITNESSES;
    delete process.env.VERITY_WITNESS_QUORUM;
  }
}

const pinned = () => ({ courtPublicKey: courtSigner().publicKey, logVerifierKey: logSigner().verifierKey });

/** Stores `signer`'s cosignature of the checkpoint `note` (of `treeSize`), as the log does. */
async function cosign(treeSize: number, note: string, signer: string, verifierKey: string) {
  const witness = WITNESSES.find((w) => w.verifierKey === verifierKey);
  if (!witness) throw new Error('unknown witness');
  await storeCosignature({
    treeSize: BigInt(treeSize),
    witness: { ...witness, key: parseCosignerVerifierKey(verifierKey) },
    line: formatSignatureLine(signCosignature(signer, parseSignedNote(note).text, Math.floor(Date.now() / 1000) - 5)),
    cosignedAt: new Date(),
  });
}

async function sealedReceipt(depositId: string) {
  const receipt = (await loadReceipts([depositId])).get(depositId);
  if (receipt?.status !== 'sealed') throw new Error('not sealed');
  return receipt;
}

let room: Awaited<ReturnType<typeof buildCourtroom>>;
beforeAll(async () => {
  room = await buildCourtroom();
});
afterAll(() => {
  for (const [name, value] of [
    ['VERITY_WITNESSES', saved.witnesses],
    ['VERITY_WITNESS_QUORUM', saved.quorum],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('verification certificates from a log with witnesses', () => {
  it('not yet witnessed: issued anyway and says so; after 2 of 3 cosign, a new one says who vouched', async () => {
    setWitnesses(true);
    const bytes = randomEvidence();
    const depositId = await depositSealed(bytes);
    const { id: exhibitId } = await submitHashOnlyExhibit(room.plaintiff.actor, room.caseA.id, {
      title: 'witnessed contract',
      ...digestsOf(bytes),
      claimedDepositId: depositId,
    });

    const first = await issueCertificate(room.clerk.actor, exhibitId);
    const before = await getCertificateFile(first.id);
    if (before?.body.version !== 2 || !before.body.deposit) throw new Error('expected a version 2 body');
    expect(before.body.witnessPolicy).toEqual({
      quorum: 2,
      witnesses: WITNESSES.map(({ url: _url, ...w }) => w),
    });
    expect(before.body.deposit.witnessed).toBeNull();
    const unwitnessed = verifyCertificate(before, pinned());
    expect(unwitnessed.ok).toBe(true);
    expect(unwitnessed.witnessing).toMatchObject({ state: 'not_witnessed', claimed: 'not_witnessed' });
    // Pinned keys ask for the quorum: a not-yet-witnessed certificate does not meet it.
    expect(verifyCertificate(before, { ...pinned(), witnessKeys: KEYS }).ok).toBe(false);

    const receipt = await sealedReceipt(depositId);
    await cosign(receipt.treeSize, receipt.checkpoint, notary.signerKey, notary.verifierKey);
    await cosign(receipt.treeSize, receipt.checkpoint, forensics.signerKey, forensics.verifierKey);
    await revokeCertificate(room.clerk.actor, first.id, { reason: 'reissue with the witnessed checkpoint' });

    const second = await issueCertificate(room.clerk.actor, exhibitId);
    const after = await getCertificateFile(second.id);
    if (after?.body.version !== 2 || !after.body.deposit) throw new Error('expected a version 2 body');
    expect(after.body.deposit.witnessed).toEqual({ quorum: 2, of: 3, by: ['示范公证处', '示范司法鉴定中心'] });
    const check = verifyCertificate(after, { ...pinned(), witnessKeys: KEYS, fileDigests: digestsOf(bytes) });
    expect(check.checks.filter((c) => !c.ok)).toEqual([]);
    expect(check.witnessing?.by).toEqual([
      { name: '示范公证处', nameEn: 'Demo Notary Office' },
      { name: '示范司法鉴定中心', nameEn: 'Demo Forensic Appraisal Centre' },
    ]);
  });

  it('without witnesses: version 1, exactly as before', async () => {
    setWitnesses(false);
    const bytes = randomEvidence();
    const depositId = await depositSealed(bytes);
    const { id: exhibitId } = await submitHashOnlyExhibit(room.plaintiff.actor, room.caseA.id, {
      title: 'unwitnessed contract',
      ...digestsOf(bytes),
      claimedDepositId: depositId,
    });
    const { id } = await issueCertificate(room.clerk.actor, exhibitId);
    const file = await getCertificateFile(id);
    expect(file?.body.version).toBe(1);
    expect(Object.keys(file?.body ?? {})).not.toContain('witnessPolicy');
    expect(Object.keys(file?.body.deposit ?? {})).not.toContain('witnessed');
    const check = verifyCertificate(file, pinned());
    expect(check.ok).toBe(true);
    expect(check.witnessing).toBeNull();
  });
});

describe('deposit certificates from a log with witnesses', () => {
  it('per deposit: not yet witnessed, then witnessed by the two that cosigned', async () => {
    setWitnesses(true);
    const depositor = await buildUser({ role: 'depositor' });
    const hex = () => randomBytes(32).toString('hex');
    const { receipts } = await depositFromBrowser(depositor.actor, {
      deposits: [{ digests: { sha256: hex(), sm3: hex() } }],
    });
    const id = receipts[0]?.id as string;
    const issue = () => issueDepositCertificate(depositor.actor, { deposits: [{ id }] }, { origin: 'https://v.test' });

    const first = await issue();
    if (first.file.body.version !== 2) throw new Error('expected a version 2 body');
    expect(first.file.body.deposits[0]?.witnessed).toBeNull();
    expect(first.file.body.witnessPolicy.witnesses.map((w) => w.verifierKey)).toEqual(KEYS);

    const receipt = await sealedReceipt(id);
    await cosign(receipt.treeSize, receipt.checkpoint, forensics.signerKey, forensics.verifierKey);
    await cosign(receipt.treeSize, receipt.checkpoint, association.signerKey, association.verifierKey);
    const second = await issue();
    if (second.file.body.version !== 2) throw new Error('expected a version 2 body');
    expect(second.file.body.deposits[0]?.witnessed).toEqual({
      quorum: 2,
      of: 3,
      by: ['示范司法鉴定中心', '示范行业协会'],
    });
    const check = verifyDepositCertificate(second.file, { ...pinned(), witnessKeys: KEYS });
    expect(check.checks.filter((c) => !c.ok)).toEqual([]);
    expect(check.witnessing[0]?.state).toBe('witnessed');
  });
});
