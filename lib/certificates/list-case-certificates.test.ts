/**
 * A case's certificates a page at a time (the case page's list), one exhibit's (the exhibit
 * page's), and the counts the page shows (all, and those not revoked).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCourtroom, digestsOf, randomEvidence } from '@/lib/exhibits/exhibits.testing';
import { submitHashOnlyExhibit } from '@/lib/exhibits/submit-exhibit';
import { buildUser } from '@/test/builders';
import { issueCertificate } from './issue-certificate';
import { listCaseCertificates } from './list-case-certificates';
import { revokeCertificate } from './revoke-certificate';

type Room = Awaited<ReturnType<typeof buildCourtroom>>;

let room: Room;
const issued: Array<{ id: string; number: string; exhibitId: string }> = [];

beforeAll(async () => {
  room = await buildCourtroom();
  // Seven exhibits never deposited (a not-found verdict is certified too), one certificate each.
  for (let i = 1; i <= 7; i++) {
    const bytes = randomEvidence();
    const exhibit = await submitHashOnlyExhibit(room.plaintiff.actor, room.caseA.id, {
      title: `exhibit ${i}`,
      ...digestsOf(bytes),
    });
    issued.push({ ...(await issueCertificate(room.clerk.actor, exhibit.id)), exhibitId: exhibit.id });
  }
  // The first is revoked and issued again: eight certificates, seven standing.
  const first = issued[0];
  if (!first) throw new Error('nothing issued');
  await revokeCertificate(room.clerk.actor, first.id, { reason: 'misspelt title' });
  issued.push({ ...(await issueCertificate(room.clerk.actor, first.exhibitId)), exhibitId: first.exhibitId });
}, 120_000);

describe('listCaseCertificates', () => {
  it('gives a page at a time, oldest first, with the counts of the whole list', async () => {
    const numbers = issued.map((c) => c.number);
    const one = await listCaseCertificates(room.judge.actor, room.caseA.id, { page: 1, pageSize: 3 });
    expect(one).toMatchObject({ total: 8, valid: 7, page: 1, pages: 3 });
    expect(one.certificates.map((c) => c.number)).toEqual(numbers.slice(0, 3));
    expect(one.certificates[0]?.state).toBe('revoked');
    const two = await listCaseCertificates(room.judge.actor, room.caseA.id, { page: 2, pageSize: 3 });
    expect(two.certificates.map((c) => c.number)).toEqual(numbers.slice(3, 6));
    const three = await listCaseCertificates(room.judge.actor, room.caseA.id, { page: 3, pageSize: 3 });
    expect(three.certificates.map((c) => c.number)).toEqual(numbers.slice(6));
    // Beyond the end: the last page.
    const beyond = await listCaseCertificates(room.judge.actor, room.caseA.id, { page: 99, pageSize: 3 });
    expect(beyond).toMatchObject({ page: 3, pages: 3 });
    expect(beyond.certificates.map((c) => c.number)).toEqual(numbers.slice(6));
    // The default page holds 20: all eight on one page.
    const paged = await listCaseCertificates(room.plaintiff.actor, room.caseA.id, { page: 1 });
    expect(paged).toMatchObject({ page: 1, pages: 1, total: 8 });
    expect(paged.certificates).toHaveLength(8);
    // Without a page: everything (the ZIP, the tests).
    expect((await listCaseCertificates(room.clerk.actor, room.caseA.id)).certificates).toHaveLength(8);
  });

  it("lists one exhibit's certificates only", async () => {
    const first = issued[0];
    if (!first) throw new Error('nothing issued');
    const mine = await listCaseCertificates(room.defendant.actor, room.caseA.id, { exhibitId: first.exhibitId });
    expect(mine.certificates.map((c) => c.id)).toEqual([first.id, issued[7]?.id]);
    expect(mine.certificates.map((c) => c.state)).toEqual(['revoked', 'valid']);
  });

  it('refuses malformed options and hides the case from outsiders', async () => {
    for (const bad of [{ page: 0 }, { page: 1.5 }, { pageSize: 0 }, { pageSize: 1000 }, { exhibitId: 'nope' }]) {
      await expect(
        listCaseCertificates(room.clerk.actor, room.caseA.id, bad),
        JSON.stringify(bad),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    const outsider = await buildUser({ role: 'litigant' });
    await expect(listCaseCertificates(outsider.actor, room.caseA.id, { page: 1 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
