import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { buildCase, buildCourt, buildUser } from '@/test/builders';
import { pageTitleFacts, shortTitle } from './page-title-facts';

async function exhibitOf(caseId: string, submittedBy: string, title: string) {
  return getDb().exhibit.create({
    data: {
      id: randomUUID(),
      caseId,
      number: 3,
      submittedBy,
      partyRole: 'plaintiff',
      kind: 'hash_only',
      title,
      sha256: new Uint8Array(randomBytes(32)),
      sm3: new Uint8Array(randomBytes(32)),
    },
  });
}

describe('pageTitleFacts', () => {
  it('names the case and exhibit to those who may see them, and nothing to anyone else', async () => {
    const court = await buildCourt();
    const plaintiff = await buildUser({ role: 'litigant' });
    const clerk = await buildUser({ role: 'clerk', courtId: court.id });
    const stranger = await buildUser({ role: 'litigant' });
    const otherClerk = await buildUser({ role: 'clerk', courtId: (await buildCourt()).id });
    const admin = await buildUser({ role: 'admin', courtId: court.id });
    const kase = await buildCase(court.id, [{ userId: plaintiff.user.id, role: 'plaintiff' }]);
    const other = await buildCase(court.id, [{ userId: plaintiff.user.id, role: 'plaintiff' }]);
    const exhibit = await exhibitOf(kase.id, plaintiff.user.id, '采购合同');
    const foreign = await exhibitOf(other.id, plaintiff.user.id, '其他案件的证据');

    // A manage page's title names the case only to those who may manage it (found by the HTTP
    // authorisation matrix: a party's 403 page for /cases/{id}/manage carried the case number).
    expect(await pageTitleFacts(plaintiff.actor, kase.id, undefined, 'manage')).toBeNull();
    expect(await pageTitleFacts(clerk.actor, kase.id, undefined, 'manage')).toEqual({
      caseNumber: kase.caseNumber,
      exhibit: null,
    });

    for (const insider of [plaintiff, clerk]) {
      expect(await pageTitleFacts(insider.actor, kase.id)).toEqual({ caseNumber: kase.caseNumber, exhibit: null });
      expect(await pageTitleFacts(insider.actor, kase.id, exhibit.id)).toEqual({
        caseNumber: kase.caseNumber,
        exhibit: { number: 3, title: '采购合同' },
      });
    }
    for (const outsider of [stranger, otherClerk, admin]) {
      expect(await pageTitleFacts(outsider.actor, kase.id)).toBeNull();
      expect(await pageTitleFacts(outsider.actor, kase.id, exhibit.id)).toBeNull();
    }
    expect(await pageTitleFacts(null, kase.id)).toBeNull();
    // Another case's exhibit under this case's address, a malformed or unknown ID: nothing.
    expect(await pageTitleFacts(plaintiff.actor, kase.id, foreign.id)).toBeNull();
    expect(await pageTitleFacts(plaintiff.actor, kase.id, 'not-a-uuid')).toBeNull();
    expect(await pageTitleFacts(plaintiff.actor, kase.id, randomUUID())).toBeNull();
    expect(await pageTitleFacts(plaintiff.actor, 'not-a-uuid')).toBeNull();
  });
});

describe('shortTitle', () => {
  it('keeps short titles and cuts long ones with one ellipsis, by characters', () => {
    expect(shortTitle('  采购合同 ')).toBe('采购合同');
    const long = '侵'.repeat(50);
    expect(shortTitle(long)).toBe(`${'侵'.repeat(39)}…`);
    expect([...shortTitle('😀'.repeat(45))]).toHaveLength(40);
    expect(shortTitle('a'.repeat(40))).toBe('a'.repeat(40));
  });
});
