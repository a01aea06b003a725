/**
 * The server clock stepped backwards (issue #21, "Faults to survive"): deposit times never go
 * backwards in the log. The process's Date is stepped with Vitest's fake Date (only Date: the
 * database driver's timers stay real); deposits go through acceptDeposits on the suite's real
 * PostgreSQL, and the time checked is the one the leaf commits to.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getPool } from '@/lib/db/pool';
import { base64ToBytes } from '@/lib/tlog';
import { acceptDeposits } from './accept-deposits';
import { resetDepositClockForTests } from './deposit-clock';
import { buildDepositorOrg } from './ledger.testing';
import type { Receipt } from './load-receipts';

const HOUR = 3_600_000;

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Deposits one random digest; returns the receipt's time and the time its leaf commits to (ms). */
async function deposit(org: { id: string; name: string }, wait: boolean): Promise<{ receipt: number; leaf: number }> {
  const { receipts } = await acceptDeposits({
    org,
    requests: [{ digests: { sha256: randomBytes(32).toString('hex') } }],
    wait,
  });
  const r = receipts[0] as Receipt;
  const statement = JSON.parse(new TextDecoder().decode(base64ToBytes(r.leaf))) as { depositedAt: string };
  return { receipt: Date.parse(r.depositedAt), leaf: Date.parse(statement.depositedAt) };
}

/** Fakes only Date, at `at`; the clock stands still until stepped. */
function clockAt(at: number): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
}

/** The log's newest deposit time (ms): what a newly started process holds to. */
async function newestInLog(): Promise<number> {
  const { rows } = await getPool().query<{ t: Date }>(
    'SELECT d.deposited_at AS t FROM log_leaves l JOIN deposits d ON d.id = l.deposit_id ORDER BY l.leaf_index DESC LIMIT 1',
  );
  return rows[0]?.t.getTime() ?? 0;
}

/** The real time, read with the fake Date put aside. */
function realNow(): number {
  vi.useRealTimers();
  return Date.now();
}

// Times are stepped back, and forward only by milliseconds: the database is shared with test files
// running beside this one, whose processes start from the newest time in the log.
describe('deposit times when the server clock steps backwards', () => {
  it('stamps a deposit made after a step back of 1 h no earlier than the one before it, and says so once', async () => {
    const org = await buildDepositorOrg();
    const alarms = vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const wait of [true, false]) {
      clockAt(realNow());
      const first = await deposit(org, wait);
      expect(first.leaf).toBe(first.receipt);
      vi.setSystemTime(Date.now() - HOUR);
      const second = await deposit(org, wait);
      expect(second.leaf, `?wait=${wait}`).toBeGreaterThanOrEqual(first.leaf);
      expect(second.receipt).toBe(second.leaf);
      // Still behind: held at the same time, without a second alarm.
      vi.setSystemTime(Date.now() + 1000);
      const third = await deposit(org, wait);
      expect(third.leaf).toBeGreaterThanOrEqual(second.leaf);
    }
    const stepLines = alarms.mock.calls.filter(([line]) => /system clock .* behind/.test(String(line)));
    expect(stepLines).toHaveLength(2); // one per step back
    expect(String(stepLines[0]?.[0])).toMatch(/NTP/);
  });

  it('follows the clock again once it has caught up', async () => {
    const org = await buildDepositorOrg();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const start = realNow();
    clockAt(start);
    const first = await deposit(org, true);
    vi.setSystemTime(start - 5000);
    expect((await deposit(org, true)).leaf).toBe(first.leaf);
    vi.setSystemTime(first.leaf + 7);
    expect((await deposit(org, true)).leaf).toBe(first.leaf + 7);
  });

  it('holds after a restart too: a new process starts from the newest time in the log', async () => {
    const org = await buildDepositorOrg();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const start = realNow();
    clockAt(start);
    await deposit(org, true);
    const newest = await newestInLog();
    resetDepositClockForTests(); // as a process started after the step back, with no floor of its own
    vi.setSystemTime(start - HOUR);
    const after = await deposit(org, true);
    expect(after.leaf).toBeGreaterThanOrEqual(newest);
    expect(after.leaf, 'not an hour back').toBeGreaterThan(start - 60_000);
  });
});
