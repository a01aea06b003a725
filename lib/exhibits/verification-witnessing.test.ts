/**
 * The server's own check records who vouched (issue #18): the cosignatures on the checkpoint of
 * the decisive receipt, counted against the configured policy with real keys — a bad one not
 * counted, the quorum not met "not witnessed", met "witnessed by" the names in configured order —
 * kept beside the verification (append-only) and read back for the exhibit page. Without
 * witnesses nothing is recorded.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPool } from '@/lib/db/pool';
import { loadReceipts } from '@/lib/ledger/load-receipts';
import {
  formatSignatureLine,
  generateCosignerKeys,
  parseCosignerVerifierKey,
  parseSignedNote,
  signCosignature,
} from '@/lib/tlog';
import { witnessPolicy } from '@/lib/witnessing/witness-policy';
import { storeCosignature } from '@/lib/witnessing/witness-store';
import { buildCourtroom, depositSealed, digestsOf, randomEvidence } from './exhibits.testing';
import { getExhibit } from './get-exhibit';
import { recheckOnServer } from './record-verification';
import { submitHashOnlyExhibit } from './submit-exhibit';

const seed = (label: string) => new Uint8Array(createHash('sha256').update(`vouched server ${label}`).digest());
// Fresh names per run: the ledger's cosignature table is shared by every test file.
const run = Date.now().toString(36);
const notary = generateCosignerKeys(`notary-${run}.test/w`, 'ed25519', seed(`notary ${run}`));
const forensics = generateCosignerKeys(`forensics-${run}.test/w`, 'ed25519', seed(`forensics ${run}`));
const association = generateCosignerKeys(`association-${run}.test/w`, 'ed25519', seed(`association ${run}`));
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

/** Stores `signer`'s cosignature line of the checkpoint `note` (of `treeSize`) as the log would. */
async function cosign(treeSize: number, note: string, signer: string, verifierKey: string, text?: string) {
  const body = text ?? parseSignedNote(note).text;
  const witness = WITNESSES.find((w) => w.verifierKey === verifierKey);
  if (!witness) throw new Error('unknown witness');
  await storeCosignature({
    treeSize: BigInt(treeSize),
    witness: { ...witness, key: parseCosignerVerifierKey(verifierKey) },
    line: formatSignatureLine(signCosignature(signer, body, Math.floor(Date.now() / 1000) - 5)),
    cosignedAt: new Date(),
  });
}

describe("the server's check records who vouched", () => {
  it('not witnessed, then a bad cosignature not counted, then witnessed by 2 of 3 with the names', async () => {
    setWitnesses(true);
    expect(witnessPolicy().witnesses).toHaveLength(3);
    const bytes = randomEvidence();
    const depositId = await depositSealed(bytes);
    const receipt = (await loadReceipts([depositId])).get(depositId);
    if (receipt?.status !== 'sealed') throw new Error('sealed');
    const { id } = await submitHashOnlyExhibit(room.plaintiff.actor, room.caseA.id, {
      title: 'witnessed evidence',
      ...digestsOf(bytes),
      claimedDepositId: depositId,
    });
    const first = await getExhibit(room.judge.actor, id);
    expect(first.verdict).toBe('consistent');
    expect(first.standingWitnessing).toEqual({
      quorum: 2,
      of: 3,
      checkpointSize: String(receipt.treeSize),
      witnessed: false,
      by: [],
    });

    // One valid cosignature, one by a configured key over other text: the bad one is not counted.
    await cosign(receipt.treeSize, receipt.checkpoint, notary.signerKey, notary.verifierKey);
    await cosign(receipt.treeSize, receipt.checkpoint, association.signerKey, association.verifierKey, 'other\n');
    const half = await recheckOnServer(room.judge.actor, id);
    expect(half.witnessing).toMatchObject({ witnessed: false, by: [{ name: '示范公证处' }] });

    await cosign(receipt.treeSize, receipt.checkpoint, forensics.signerKey, forensics.verifierKey);
    const full = await recheckOnServer(room.judge.actor, id);
    expect(full.witnessing).toEqual({
      quorum: 2,
      of: 3,
      checkpointSize: String(receipt.treeSize),
      witnessed: true,
      by: [
        { name: '示范公证处', nameEn: 'Demo Notary Office' },
        { name: '示范司法鉴定中心', nameEn: 'Demo Forensic Appraisal Centre' },
      ],
    });
    const page = await getExhibit(room.judge.actor, id);
    expect(page.standingWitnessing).toEqual(full.witnessing);
    expect(page.verifications.map((v) => v.witnessing?.witnessed)).toEqual([true, false, false]);

    const { rows } = await getPool().query(
      'SELECT witnessed, witnessed_by FROM verification_witnessing WHERE verification_id = $1',
      [full.id],
    );
    expect(rows).toEqual([{ witnessed: true, witnessed_by: full.witnessing?.by }]);
    await expect(
      getPool().query('UPDATE verification_witnessing SET witnessed = false WHERE verification_id = $1', [full.id]),
    ).rejects.toThrow();
    // The custody log says it too.
    const audit = await getPool().query(
      `SELECT details FROM audit_events WHERE action = 'exhibit.verified' AND details->>'verificationId' = $1`,
      [full.id],
    );
    expect(audit.rows[0]?.details.witnessing).toEqual({
      witnessed: true,
      quorum: 2,
      of: 3,
      by: ['示范公证处', '示范司法鉴定中心'],
    });
  });

  it('records nothing when the log has no witnesses', async () => {
    setWitnesses(false);
    const bytes = randomEvidence();
    const depositId = await depositSealed(bytes);
    const { id } = await submitHashOnlyExhibit(room.plaintiff.actor, room.caseA.id, {
      title: 'plain evidence',
      ...digestsOf(bytes),
      claimedDepositId: depositId,
    });
    const page = await getExhibit(room.judge.actor, id);
    expect(page.verdict).toBe('consistent');
    expect(page.standingWitnessing).toBeNull();
    expect(page.verifications[0]?.witnessing).toBeNull();
  });
});
