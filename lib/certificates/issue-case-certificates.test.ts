/**
 * Certificates for a whole case at once: 50 exhibits on real sealed deposits (consistent,
 * tampered, never deposited), issued in one call with gap-free numbers in exhibit order, each
 * verifying offline; a second call skips them all. Prints the time per certificate.
 */

import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getPool } from '@/lib/db/pool';
import { buildCourtroom, digestsOf, randomEvidence } from '@/lib/exhibits/exhibits.testing';
import { submitHashOnlyExhibit } from '@/lib/exhibits/submit-exhibit';
import { acceptDeposits } from '@/lib/ledger/accept-deposits';
import { buildDepositorOrg } from '@/lib/ledger/ledger.testing';
import { logSigner } from '@/lib/ledger/log-signer';
import { buildCase } from '@/test/builders';
import { courtSigner } from './court-signer';
import { verifyCertificate } from './format/verify-certificate';
import { getCertificateFile } from './get-certificate-file';
import { issueCaseCertificates } from './issue-case-certificates';
import { revokeCertificate } from './revoke-certificate';

const CONSISTENT = 44;
const TAMPERED = 3;
const NOT_FOUND = 3;

type Room = Awaited<ReturnType<typeof buildCourtroom>>;
let room: Room;
let caseId: string;
const files = new Map<string, Uint8Array>(); // exhibit ID → the exhibit's bytes

beforeAll(async () => {
  room = await buildCourtroom();
  caseId = (
    await buildCase(room.court.id, [
      { userId: room.plaintiff.user.id, role: 'plaintiff' },
      { userId: room.clerk.user.id, role: 'clerk' },
    ])
  ).id;
  const originals = Array.from({ length: CONSISTENT + TAMPERED }, () => randomEvidence(1024));
  const { receipts } = await acceptDeposits({
    org: await buildDepositorOrg(),
    requests: originals.map((bytes, i) => ({ digests: digestsOf(bytes), title: `evidence ${i}` })),
    wait: true,
  });
  const submit = async (bytes: Uint8Array, claimedDepositId?: string) => {
    const e = await submitHashOnlyExhibit(room.plaintiff.actor, caseId, {
      title: `exhibit ${files.size + 1}`,
      ...digestsOf(bytes),
      ...(claimedDepositId ? { claimedDepositId } : {}),
    });
    files.set(e.id, bytes);
    return e;
  };
  for (const [i, bytes] of originals.entries()) {
    const changed = i >= CONSISTENT ? new Uint8Array(randomBytes(bytes.length)) : bytes;
    await submit(changed, receipts[i]?.id);
  }
  for (let i = 0; i < NOT_FOUND; i++) await submit(randomEvidence(512));
}, 120_000);

describe('issueCaseCertificates', () => {
  it('issues a certificate for every exhibit, numbered without gaps in exhibit order, each verifying offline', async () => {
    const started = performance.now();
    const { issued, skipped } = await issueCaseCertificates(room.clerk.actor, caseId);
    const elapsed = performance.now() - started;
    const total = CONSISTENT + TAMPERED + NOT_FOUND;
    console.log(
      `issueCaseCertificates: ${issued.length} certificates in ${elapsed.toFixed(0)} ms, ` +
        `${(elapsed / issued.length).toFixed(1)} ms per certificate`,
    );
    expect(skipped).toEqual([]);
    expect(issued).toHaveLength(total);
    expect(elapsed).toBeLessThan(60_000);

    const serials = issued.map((c) => Number(c.number.slice(-6)));
    expect(serials).toEqual(Array.from({ length: total }, (_, i) => (serials[0] ?? 0) + i));
    const numbers = await getPool().query<{ id: string; number: number }>(
      'SELECT id, number FROM exhibits WHERE case_id = $1 ORDER BY number',
      [caseId],
    );
    expect(issued.map((c) => c.exhibitId)).toEqual(numbers.rows.map((r) => r.id));

    const verdicts: Record<string, number> = {};
    const keys = { courtPublicKey: courtSigner().publicKey, logVerifierKey: logSigner().verifierKey };
    for (const c of issued) {
      const file = await getCertificateFile(c.id);
      const check = verifyCertificate(file, {
        ...keys,
        fileDigests: digestsOf(files.get(c.exhibitId) ?? new Uint8Array()),
      });
      expect(
        check.checks.filter((x) => !x.ok),
        c.number,
      ).toEqual([]);
      const verdict = file?.body.verdict ?? 'none';
      verdicts[verdict] = (verdicts[verdict] ?? 0) + 1;
    }
    expect(verdicts).toEqual({ consistent: CONSISTENT, tampered: TAMPERED, not_found: NOT_FOUND });
  });

  it('skips exhibits that already have a standing certificate, and re-issues revoked ones', async () => {
    const again = await issueCaseCertificates(room.clerk.actor, caseId);
    expect(again.issued).toEqual([]);
    expect(again.skipped).toHaveLength(CONSISTENT + TAMPERED + NOT_FOUND);
    expect(new Set(again.skipped.map((s) => s.reason))).toEqual(new Set(['already_certified']));

    const { rows } = await getPool().query<{ id: string; exhibit_id: string }>(
      'SELECT id, exhibit_id FROM certificates WHERE case_id = $1 ORDER BY issued_at, number LIMIT 2',
      [caseId],
    );
    for (const row of rows) await revokeCertificate(room.clerk.actor, row.id, { reason: 'corrected' });
    const reissued = await issueCaseCertificates(room.clerk.actor, caseId);
    expect(reissued.issued.map((c) => c.exhibitId).sort()).toEqual(rows.map((r) => r.exhibit_id).sort());
  });

  it('lets only the clerks of the court issue for a case', async () => {
    for (const notClerk of [room.plaintiff, room.judge]) {
      await expect(issueCaseCertificates(notClerk.actor, room.caseA.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    for (const outsider of [room.otherClerk, room.stranger, room.admin]) {
      await expect(issueCaseCertificates(outsider.actor, caseId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(await issueCaseCertificates(room.clerk.actor, room.caseA.id)).toEqual({ issued: [], skipped: [] });
  });
});
