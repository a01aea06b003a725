/**
 * A depositor organisation's deposit history on the real database: only the organisation's own
 * deposits, every filter (title words, whole digest and prefix of either algorithm, Beijing days),
 * pages, malformed filters refused naming the field, other roles refused; and the titles kept
 * by the deposit page are exactly those the leaves commit to.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getPool } from '@/lib/db/pool';
import { isAppError } from '@/lib/errors/app-error';
import { acceptDeposits } from '@/lib/ledger/accept-deposits';
import { depositFromBrowser } from '@/lib/ledger/deposit-from-browser';
import { ZDepositRequest } from '@/lib/ledger/statement';
import { buildUser, tag } from '@/test/builders';
import { HISTORY_PAGE_SIZE } from './deposit-history.schema';
import { listDepositHistory } from './list-deposit-history';

const hex = () => randomBytes(32).toString('hex');

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string; details?: unknown }> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message, details: error.details };
    throw error;
  }
  throw new Error('expected the call to be refused');
}

/** Two depositors of one organisation, one of another; the first deposits three files. */
async function scene() {
  const t = tag();
  const alice = await buildUser({ role: 'depositor' });
  const colleague = await buildUser({ role: 'depositor', depositorOrgId: alice.user.depositorOrgId as string });
  const other = await buildUser({ role: 'depositor' });
  const files = [
    { digests: { sha256: hex(), sm3: hex() }, title: `采购合同 ${t}`, file: { name: '采购合同.pdf', size: 10 } },
    { digests: { sha256: hex(), sm3: hex() }, title: `Licence ${t}` },
    { digests: { sha256: hex() } },
  ];
  const { receipts } = await depositFromBrowser(alice.actor, { deposits: files });
  return { t, alice, colleague, other, files, receipts };
}

describe('listDepositHistory', () => {
  it("lists the organisation's deposits, newest first, to each of its depositors and to no one else", async () => {
    const { alice, colleague, other, receipts, files, t } = await scene();
    const page = await listDepositHistory(alice.actor);
    expect(page.total).toBe(3);
    expect(page.items.map((i) => i.id).sort()).toEqual(receipts.map((r) => r.id).sort());
    const first = page.items.find((i) => i.id === receipts[0]?.id);
    expect(first).toMatchObject({
      title: `采购合同 ${t}`,
      sha256: files[0]?.digests.sha256,
      sm3: files[0]?.digests.sm3,
    });
    expect(first?.leafIndex).toBeGreaterThanOrEqual(0);
    expect(page.treeSize).toBeGreaterThan(first?.leafIndex ?? 0);
    expect(page.items.find((i) => i.id === receipts[2]?.id)).toMatchObject({ title: null, sm3: null });

    // The colleague of the same organisation sees the same; another organisation's depositor none of it.
    expect((await listDepositHistory(colleague.actor)).total).toBe(3);
    const theirs = await listDepositHistory(other.actor, { digest: files[0]?.digests.sha256 });
    expect(theirs.total).toBe(0);
    expect((await listDepositHistory(other.actor)).items).toEqual([]);
  });

  it('finds by words of the title, by a whole digest or a prefix of either algorithm, and by Beijing days', async () => {
    const { alice, receipts, files, t } = await scene();
    const ids = async (query: Parameters<typeof listDepositHistory>[1]) =>
      (await listDepositHistory(alice.actor, query)).items.map((i) => i.id);
    const [a, b, c] = receipts.map((r) => r.id);

    expect(await ids({ q: '采购' })).toEqual([a]);
    expect(await ids({ q: `licence ${t}` })).toEqual([b]); // case-insensitive
    expect(await ids({ q: '%' })).toEqual([]); // LIKE characters are literal
    expect(await ids({ digest: files[2]?.digests.sha256 })).toEqual([c]);
    expect(await ids({ digest: files[1]?.digests.sm3?.toUpperCase() })).toEqual([b]);
    const grouped = files[0]?.digests.sm3?.slice(0, 16).replace(/(.{8})/g, '$1 ');
    expect(await ids({ digest: grouped })).toEqual([a]);
    expect(await ids({ digest: files[0]?.digests.sha256?.slice(0, 9) })).toEqual([a]); // odd length too

    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
      new Date(receipts[0]?.depositedAt ?? ''),
    );
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const previous = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect((await ids({ from: day, to: day })).sort()).toEqual([a, b, c].sort());
    expect(await ids({ from: next })).toEqual([]);
    expect(await ids({ to: previous })).toEqual([]);
    expect(await ids({ q: '采购', from: previous, to: next })).toEqual([a]);
  });

  it('pages the list by 25, newest first, and counts the matches', async () => {
    const { actor } = await buildUser({ role: 'depositor' });
    const deposits = Array.from({ length: HISTORY_PAGE_SIZE + 3 }, () => ({ digests: { sha256: hex() } }));
    const { receipts } = await depositFromBrowser(actor, { deposits });
    const one = await listDepositHistory(actor, { page: '1' });
    const two = await listDepositHistory(actor, { page: '2' });
    expect([one.total, one.pages, one.items.length, two.items.length]).toEqual([28, 2, 25, 3]);
    const seen = [...one.items, ...two.items].map((i) => i.id);
    expect(new Set(seen).size).toBe(28);
    expect(seen.sort()).toEqual(receipts.map((r) => r.id).sort());
    // Newest first (a batch shares its time; ties by ID, descending).
    const keys = [...one.items, ...two.items].map((i) => `${i.depositedAt}|${i.id}`);
    expect(keys).toEqual([...keys].sort().reverse());
    // A page past the end is empty but keeps the count; a malformed page number is page 1.
    expect((await listDepositHistory(actor, { page: '9' })).items).toEqual([]);
    expect((await listDepositHistory(actor, { page: 'x' })).page).toBe(1);
  });

  it('refuses malformed filters, naming each field', async () => {
    const { actor } = await buildUser({ role: 'depositor' });
    const paths = async (query: Record<string, string>) => {
      const refused = await refusal(listDepositHistory(actor, query));
      expect(refused.code).toBe('VALIDATION_FAILED');
      return (refused.details as { issues: { path: string }[] }).issues.map((i) => i.path);
    };
    expect(await paths({ digest: 'xyz' })).toEqual(['digest']);
    expect(await paths({ digest: 'abcdef1' })).toEqual(['digest']); // shorter than 8
    expect(await paths({ digest: 'a'.repeat(65) })).toEqual(['digest']);
    expect(await paths({ from: '2026-13-01' })).toEqual(['from']);
    expect(await paths({ to: '2026-02-30' })).toEqual(['to']);
    expect(await paths({ from: '6.12.2026' })).toEqual(['from']);
    expect(await paths({ from: '2026-12-07', to: '2026-12-06' })).toEqual(['to']);
    expect(await paths({ q: 'x'.repeat(201) })).toEqual(['q']);
  });

  it.each(['litigant', 'judge', 'clerk', 'admin'] as const)('refuses a %s with FORBIDDEN', async (role) => {
    const { actor } = await buildUser({ role });
    expect((await refusal(listDepositHistory(actor))).code).toBe('FORBIDDEN');
  });

  it('refuses a disabled depositor, and a session that names another organisation', async () => {
    const disabled = await buildUser({ role: 'depositor', disabled: true });
    expect((await refusal(listDepositHistory(disabled.actor))).code).toBe('FORBIDDEN');
    const mine = await scene();
    const forged = { ...mine.other.actor, depositorOrgId: mine.alice.user.depositorOrgId };
    expect((await refusal(listDepositHistory(forged))).code).toBe('FORBIDDEN');
  });
});

describe('the titles kept with the deposits', () => {
  const count = async (id: string) =>
    Number((await getPool().query('SELECT count(*) AS n FROM deposit_titles WHERE deposit_id = $1', [id])).rows[0].n);

  it('keeps exactly the titles typed, for the organisation, never changed', async () => {
    const { alice, receipts, t } = await scene();
    const [a, b, c] = receipts;
    const { rows } = await getPool().query<{ deposit_id: string; org_id: string; title: string }>(
      'SELECT deposit_id, org_id, title FROM deposit_titles WHERE deposit_id = ANY($1::uuid[]) ORDER BY title',
      [[a?.id, b?.id, c?.id]],
    );
    expect(rows).toEqual([
      { deposit_id: b?.id, org_id: alice.user.depositorOrgId, title: `Licence ${t}` },
      { deposit_id: a?.id, org_id: alice.user.depositorOrgId, title: `采购合同 ${t}` },
    ]);
    await expect(
      getPool().query("UPDATE deposit_titles SET title = 'x' WHERE deposit_id = $1", [a?.id]),
    ).rejects.toThrow(/append-only/);
  });

  it("does not keep an API deposit's title", async () => {
    const alice = await buildUser({ role: 'depositor' });
    const org = { id: alice.user.depositorOrgId as string, name: 'org' };
    const { receipts } = await acceptDeposits({
      org,
      requests: [ZDepositRequest.parse({ digests: { sha256: hex() }, title: `API ${tag()}` })],
      wait: true,
    });
    expect(await count(receipts[0]?.id as string)).toBe(0);
  });

  it('records no deposit when its title cannot be kept: one transaction', async () => {
    const alice = await buildUser({ role: 'depositor' });
    const title = `refused ${tag()}`;
    const digest = hex();
    // A trigger that refuses this one title (and no other test's) stands for a failed write.
    const name = `refuse_${randomBytes(6).toString('hex')}`;
    await getPool().query(
      `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$`,
    );
    await getPool().query(
      `CREATE TRIGGER ${name} BEFORE INSERT ON deposit_titles FOR EACH ROW WHEN (NEW.title = '${title}') EXECUTE FUNCTION ${name}()`,
    );
    try {
      await expect(
        depositFromBrowser(alice.actor, { deposits: [{ digests: { sha256: digest }, title }] }),
      ).rejects.toThrow();
    } finally {
      await getPool().query(`DROP TRIGGER ${name} ON deposit_titles`);
      await getPool().query(`DROP FUNCTION ${name}()`);
    }
    const { rows } = await getPool().query("SELECT count(*) AS n FROM deposits WHERE sha256 = decode($1, 'hex')", [
      digest,
    ]);
    expect(Number(rows[0].n)).toBe(0);
    // The same deposit goes through once the title can be kept.
    const { receipts } = await depositFromBrowser(alice.actor, { deposits: [{ digests: { sha256: digest }, title }] });
    expect(await count(receipts[0]?.id as string)).toBe(1);
  });
});
