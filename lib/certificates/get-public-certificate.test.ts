/**
 * The public certificate page's data: natural persons' names masked for anonymous visitors and
 * for signed-in people who may not see the case, in full for its parties, judges and clerks;
 * organisations never masked; a revoked certificate's revoker masked likewise.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { buildCourtroom, digestsOf, randomEvidence } from '@/lib/exhibits/exhibits.testing';
import { submitHashOnlyExhibit } from '@/lib/exhibits/submit-exhibit';
import { buildUser } from '@/test/builders';
import { getCertificateFile } from './get-certificate-file';
import { getPublicCertificate } from './get-public-certificate';
import { issueCertificate } from './issue-certificate';
import { revokeCertificate } from './revoke-certificate';

type Room = Awaited<ReturnType<typeof buildCourtroom>>;
let room: Room;
let id: string;
const names = { plaintiff: '张晓明', clerk: 'John Quincy Smith' };

beforeAll(async () => {
  room = await buildCourtroom();
  for (const [who, name] of [
    [room.plaintiff, names.plaintiff],
    [room.clerk, names.clerk],
  ] as const) {
    await getDb().user.update({ where: { id: who.user.id }, data: { name } });
    who.actor.name = name;
  }
  const bytes = randomEvidence();
  const exhibit = await submitHashOnlyExhibit(room.plaintiff.actor, room.caseA.id, {
    title: 'contract',
    fileName: 'contract.pdf',
    size: bytes.length,
    ...digestsOf(bytes),
  });
  ({ id } = await issueCertificate(room.clerk.actor, exhibit.id));
});

describe('getPublicCertificate', () => {
  it('masks people’s names for an anonymous visitor, and keeps the court as it is', async () => {
    const shown = await getPublicCertificate(null, id);
    expect(shown?.names).toBe('masked');
    expect(shown?.state).toBe('valid');
    expect(shown?.body.exhibit.submittedBy).toBe(`张*明`);
    expect(shown?.body.verification.by).toBe('张*明');
    expect(shown?.body.issuer.name).toBe('J*** Q*** Smith');
    expect(shown?.body.court).toEqual((await getCertificateFile(id))?.body.court);
    expect(JSON.stringify(shown)).not.toContain(names.plaintiff);
    expect(JSON.stringify(shown)).not.toContain(names.clerk);
    // The case title names the parties: it is not handed to the page at all.
    expect(shown?.body.case.title).toBe('');
    expect(shown?.body.case.number).toBe(room.caseA.caseNumber);
  });

  it('masks them for signed-in people who may not see the case', async () => {
    const judgeElsewhere = await buildUser({ role: 'judge', courtId: room.otherClerk.user.courtId });
    const depositor = await buildUser({ role: 'depositor' });
    for (const actor of [
      depositor.actor,
      room.stranger.actor,
      room.otherJudge.actor,
      room.otherClerk.actor,
      room.admin.actor,
      judgeElsewhere.actor,
    ]) {
      const shown = await getPublicCertificate(actor, id);
      expect(shown?.names).toBe('masked');
      expect(JSON.stringify(shown)).not.toContain(names.plaintiff);
    }
  });

  it('shows them in full to the parties, the judge and the clerks of the case', async () => {
    for (const actor of [room.plaintiff.actor, room.defendant.actor, room.judge.actor, room.clerk.actor]) {
      const shown = await getPublicCertificate(actor, id);
      expect(shown?.names).toBe('full');
      expect(shown?.body).toEqual((await getCertificateFile(id))?.body);
    }
  });

  it('masks the revoker of a revoked certificate for visitors, and is null for an unknown ID', async () => {
    await revokeCertificate(room.clerk.actor, id, { reason: 'wrong exhibit number' });
    const visitor = await getPublicCertificate(null, id);
    expect(visitor?.state).toBe('revoked');
    expect(visitor?.revocation?.by).toBe(visitor?.body.issuer.name);
    expect(visitor?.revocation?.by).not.toBe(names.clerk);
    expect(visitor?.revocation?.reason).toBe('wrong exhibit number');
    expect((await getPublicCertificate(room.clerk.actor, id))?.revocation?.by).toBe(names.clerk);
    expect(await getPublicCertificate(null, '7d0c3d1e-8a4b-4c47-9d0e-3c1b2a190000')).toBeNull();
    expect(await getPublicCertificate(null, 'not-a-uuid')).toBeNull();
  });
});
