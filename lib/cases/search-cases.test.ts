import { randomInt } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import type { CaseRole } from '@/lib/db/generated/enums';
import { buildCourt, buildUser, tag } from '@/test/builders';
import { searchCases } from './search-cases';

/** A case with an exact number (written as given) and title, and these members. */
async function makeCase(
  courtId: string,
  caseNumber: string,
  members: Array<{ userId: string; role: CaseRole }> = [],
  extra: { title?: string; status?: 'open' | 'closed'; createdAt?: Date } = {},
) {
  return getDb().case.create({
    data: {
      courtId,
      caseNumber,
      title: extra.title ?? '测试案件',
      causeOfAction: '合同纠纷',
      status: extra.status ?? 'open',
      createdAt: extra.createdAt,
      members: { create: members },
    },
  });
}

let s: Awaited<ReturnType<typeof setUp>>;

async function setUp() {
  const t = tag();
  const serial = randomInt(10_000_000, 99_999_999);
  const court = await buildCourt();
  const otherCourt = await buildCourt();
  const clerk = await buildUser({ role: 'clerk', courtId: court.id });
  const otherClerk = await buildUser({ role: 'clerk', courtId: otherCourt.id });
  const judge = await buildUser({ role: 'judge', courtId: court.id });
  const plaintiff = await buildUser({ role: 'litigant', name: `欧阳娜娜 Nana Ouyang ${t}` });
  const defendant = await buildUser({ role: 'litigant', name: `上海某某信息技术有限公司 ${t}` });
  const admin = await buildUser({ role: 'admin', courtId: court.id });
  const depositor = await buildUser({ role: 'depositor', courtId: court.id });
  // Stored with full-width parentheses (court typography) and with half-width ones (older entries).
  const full = await makeCase(
    court.id,
    `（2026）京0491民初${serial}号`,
    [
      { userId: plaintiff.user.id, role: 'plaintiff' },
      { userId: defendant.user.id, role: 'defendant' },
      { userId: judge.user.id, role: 'judge' },
    ],
    { title: `欧阳娜娜诉上海某某信息技术有限公司合同纠纷 ${t}` },
  );
  const half = await makeCase(
    court.id,
    `(2025)京0491民初${serial}号`,
    [{ userId: defendant.user.id, role: 'plaintiff' }],
    {
      status: 'closed',
      title: `Archive_${t}`,
    },
  );
  // The same serial in another court: never in this court's docket.
  const elsewhere = await makeCase(otherCourt.id, `（2026）京0491民初${serial}号-2`, [
    { userId: plaintiff.user.id, role: 'defendant' },
  ]);
  // 30 more cases of the court, one a minute, for the pages.
  const many = [];
  for (let i = 0; i < 30; i++) {
    many.push(
      await makeCase(court.id, `（2026）京0491民初${serial}-${String(i).padStart(2, '0')}号`, [], {
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
      }),
    );
  }
  return {
    t,
    serial,
    court,
    clerk,
    otherClerk,
    judge,
    plaintiff,
    defendant,
    admin,
    depositor,
    full,
    half,
    elsewhere,
    many,
  };
}

beforeAll(async () => {
  s = await setUp();
}, 60_000);

const ids = (page: { items: Array<{ id: string }> }) => page.items.map((c) => c.id);

describe('searchCases', () => {
  it('finds a case number written with either parentheses, whichever way it was stored', async () => {
    for (const typed of [
      `（2026）京0491民初${s.serial}号`,
      `(2026)京0491民初${s.serial}号`,
      `(2026）京0491民初${s.serial}号`,
    ]) {
      expect(ids(await searchCases(s.clerk.actor, { number: typed })), typed).toEqual([s.full.id]);
    }
    for (const typed of [`(2025)京0491民初${s.serial}号`, `（2025）京0491民初${s.serial}号`, ` （2025） 京0491 `]) {
      const found = ids(await searchCases(s.clerk.actor, { number: typed }));
      expect(found, typed).toContain(s.half.id);
      expect(found, typed).not.toContain(s.full.id);
    }
    // Full-width digits, and the 〔〕 some clerks type, as well.
    const wide = `（２０２６）京０４９１民初${s.serial}号`;
    expect(ids(await searchCases(s.clerk.actor, { number: wide }))).toEqual([s.full.id]);
    expect(ids(await searchCases(s.clerk.actor, { number: `〔2026〕京0491民初${s.serial}号` }))).toEqual([s.full.id]);
    const both = await searchCases(s.clerk.actor, { number: `民初${s.serial}号` });
    expect(ids(both).sort()).toEqual([s.full.id, s.half.id].sort());
  });

  it('finds cases by a party’s name or the case title, ignoring case', async () => {
    expect(ids(await searchCases(s.clerk.actor, { party: `nana ouyang ${s.t}` }))).toEqual([s.full.id]);
    expect(ids(await searchCases(s.clerk.actor, { party: `上海某某信息技术有限公司 ${s.t}` })).sort()).toEqual(
      [s.full.id, s.half.id].sort(),
    );
    expect(ids(await searchCases(s.clerk.actor, { party: `archive_${s.t}` }))).toEqual([s.half.id]);
    // The judge is no party: their name finds nothing.
    expect((await searchCases(s.clerk.actor, { party: s.judge.user.name, number: String(s.serial) })).total).toBe(0);
    // LIKE's own characters are taken literally.
    expect((await searchCases(s.clerk.actor, { party: `%${s.t}` })).total).toBe(0);
    expect((await searchCases(s.clerk.actor, { party: `Archive%${s.t}` })).total).toBe(0);
    expect((await searchCases(s.clerk.actor, { number: `${s.serial}_0` })).total).toBe(0);
  });

  it('filters by status and combines the filters', async () => {
    const closed = await searchCases(s.clerk.actor, { number: String(s.serial), status: 'closed' });
    expect(ids(closed)).toEqual([s.half.id]);
    const open = await searchCases(s.clerk.actor, { number: String(s.serial), status: 'open' });
    expect(open.total).toBe(31);
    expect(ids(open)).not.toContain(s.half.id);
    expect(
      (await searchCases(s.clerk.actor, { number: `${s.serial}号`, party: `欧阳娜娜`, status: 'open' })).total,
    ).toBe(1);
  });

  it('gives 25 cases a page, newest first, with the total', async () => {
    const q = { number: `${s.serial}-` };
    const first = await searchCases(s.clerk.actor, q);
    expect(first).toMatchObject({ total: 30, page: 1, pages: 2, pageSize: 25 });
    expect(ids(first)).toEqual(
      s.many
        .map((c) => c.id)
        .reverse()
        .slice(0, 25),
    );
    const second = await searchCases(s.clerk.actor, { ...q, page: '2' });
    expect(ids(second)).toEqual(
      s.many
        .map((c) => c.id)
        .reverse()
        .slice(25),
    );
    expect((await searchCases(s.clerk.actor, { ...q, page: 7 })).page).toBe(2);
    const small = await searchCases(s.clerk.actor, q, { pageSize: 10 });
    expect(small).toMatchObject({ pages: 3, pageSize: 10 });
  });

  it('searches only the cases each role may see', async () => {
    const q = { number: String(s.serial) };
    // The plaintiff's cases, in both courts, with their own role in each.
    const mine = await searchCases(s.plaintiff.actor, q);
    expect(ids(mine).sort()).toEqual([s.full.id, s.elsewhere.id].sort());
    expect(mine.items.find((c) => c.id === s.full.id)?.myRoles).toEqual(['plaintiff']);
    expect(mine.items.find((c) => c.id === s.elsewhere.id)?.myRoles).toEqual(['defendant']);
    expect(ids(await searchCases(s.defendant.actor, q)).sort()).toEqual([s.full.id, s.half.id].sort());
    expect(ids(await searchCases(s.judge.actor, q))).toEqual([s.full.id]);
    // The clerk's docket is their court's: 32 cases, not the other court's.
    expect((await searchCases(s.clerk.actor, q)).total).toBe(32);
    expect(ids(await searchCases(s.otherClerk.actor, q))).toEqual([s.elsewhere.id]);
    // A case of another court is not found by its party's name either.
    expect(ids(await searchCases(s.otherClerk.actor, { party: `欧阳娜娜` }))).not.toContain(s.full.id);
    for (const none of [s.admin, s.depositor]) {
      expect(await searchCases(none.actor, q)).toMatchObject({ items: [], total: 0, pages: 1 });
    }
  });

  it('refuses malformed searches on the field that is wrong', async () => {
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ status: 'pending' }, 'status'],
      [{ status: 'OPEN' }, 'status'],
      [{ page: '0' }, 'page'],
      [{ page: 'abc' }, 'page'],
      [{ page: '-1' }, 'page'],
      [{ number: 'x'.repeat(61) }, 'number'],
      [{ party: '名'.repeat(101) }, 'party'],
      [{ number: ['a', 'b'] }, 'number'],
    ];
    for (const [query, path] of bad) {
      await expect(searchCases(s.clerk.actor, query as never), JSON.stringify(query)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { issues: [expect.objectContaining({ path })] },
      });
    }
    expect(
      (await searchCases(s.plaintiff.actor, { number: '', party: '', status: '', page: '' })).total,
    ).toBeGreaterThan(0);
  });
});
