import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { getPool } from '@/lib/db/pool';
import { isAppError } from '@/lib/errors/app-error';
import { chargeDepositLimits, refundDailyQuota } from './charge-deposit-limits';
import { type DepositLimits, defaultDepositLimits, effectiveDepositLimits } from './deposit-limits';
import { buildApiKey } from './testing';

const charge = (apiKeyId: string, limits: DepositLimits, deposits: number) =>
  chargeDepositLimits({ apiKeyId, limits, deposits });
const refusedCode = (promise: Promise<unknown>) =>
  promise.then(
    () => 'charged',
    (error: unknown) => (isAppError(error) ? error.code : String(error)),
  );

describe('chargeDepositLimits', () => {
  it('holds a daily quota exactly across processes: four connections charging at once, as four servers would', async () => {
    const { id } = await buildApiKey();
    const servers = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await client.connect();
        return client;
      }),
    );
    try {
      // Each "server" sends 25 calls of 2 requests of 2 deposits: 400 deposits against a quota of 101.
      const calls = servers.flatMap((client) =>
        Array.from({ length: 25 }, () =>
          client
            .query<{ accepted: boolean[] }>('SELECT accepted FROM verity_charge_deposits($1, $2, 0, 1, 101)', [
              id,
              [2, 2],
            ])
            .then((r) => r.rows[0]?.accepted ?? []),
        ),
      );
      const accepted = (await Promise.all(calls)).flat().filter(Boolean);
      expect(accepted).toHaveLength(50);
      const { rows } = await getPool().query('SELECT deposits FROM api_key_usage WHERE api_key_id = $1', [id]);
      expect(rows).toEqual([{ deposits: 100 }]);
    } finally {
      await Promise.all(servers.map((c) => c.end()));
    }
  });

  it('holds a daily quota exactly under concurrent charges in one process (taken together)', async () => {
    const { id } = await buildApiKey();
    const limits = { ratePerMinute: null, burst: 1, dailyQuota: 100 };
    // 40 requests of 5 at once over the pool's connections: exactly 100 deposits' worth fit.
    const outcomes = await Promise.all(Array.from({ length: 40 }, () => refusedCode(charge(id, limits, 5))));
    expect(outcomes.filter((o) => o === 'charged')).toHaveLength(20);
    expect(outcomes.filter((o) => o === 'RATE_LIMITED')).toHaveLength(20);
    const { rows } = await getPool().query('SELECT deposits FROM api_key_usage WHERE api_key_id = $1', [id]);
    expect(rows).toEqual([{ deposits: 100 }]);
  });

  it('holds a rate’s burst exactly under concurrent charges', async () => {
    const { id } = await buildApiKey();
    // One a minute, 30 at once: nothing drains during the test.
    const limits = { ratePerMinute: 1, burst: 30, dailyQuota: null };
    const outcomes = await Promise.all(Array.from({ length: 25 }, () => refusedCode(charge(id, limits, 2))));
    expect(outcomes.filter((o) => o === 'charged')).toHaveLength(15);
  });

  it('starts a new UTC day with the whole quota', async () => {
    const { id } = await buildApiKey();
    const limits = { ratePerMinute: null, burst: 1, dailyQuota: 10 };
    await charge(id, limits, 10);
    await expect(charge(id, limits, 1)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await getPool().query('UPDATE api_key_usage SET day = day - 1 WHERE api_key_id = $1', [id]);
    const { headers } = await charge(id, limits, 10);
    expect(headers['ratelimit-remaining']).toBe('0');
  });

  it('gives back the daily quota of a refund, never below zero', async () => {
    const { id } = await buildApiKey();
    const limits = { ratePerMinute: null, burst: 1, dailyQuota: 10 };
    await charge(id, limits, 10);
    await refundDailyQuota(id, 4);
    await charge(id, limits, 4);
    await expect(charge(id, limits, 1)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await refundDailyQuota(id, 1000);
    expect((await charge(id, limits, 10)).headers['ratelimit-remaining']).toBe('0');
  });

  it('refuses by default what the review did: 1,817 deposits from one key in 3 s', async () => {
    const { id } = await buildApiKey();
    // The server's defaults as shipped (the test environment raises its own: test/setup-env.ts).
    const limits = effectiveDepositLimits(
      { ratePerMinute: null, burst: null, dailyQuota: null },
      defaultDepositLimits({}),
    );
    await charge(id, limits, 1000);
    await expect(charge(id, limits, 817)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      details: { limit: 'rate', retryAfterSeconds: expect.any(Number) },
    });
  });

  it('writes nothing for a key without limits, and refuses more than the burst or quota in one request', async () => {
    const { id } = await buildApiKey();
    expect(await charge(id, { ratePerMinute: null, burst: 1, dailyQuota: null }, 1000)).toEqual({
      limited: false,
      headers: {},
    });
    const { rowCount } = await getPool().query('SELECT 1 FROM api_key_usage WHERE api_key_id = $1', [id]);
    expect(rowCount).toBe(0);
    await expect(charge(id, { ratePerMinute: 60, burst: 10, dailyQuota: null }, 11)).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      details: { maxDeposits: 10 },
    });
    await expect(charge(id, { ratePerMinute: 60, burst: 100, dailyQuota: 20 }, 21)).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      details: { maxDeposits: 20 },
    });
  });
});

describe('defaultDepositLimits', () => {
  it('reads the environment, 0 turning a limit off, and refuses nonsense', () => {
    expect(defaultDepositLimits({})).toEqual({ ratePerMinute: 6_000, burst: 1_000, dailyQuota: 100_000 });
    expect(
      defaultDepositLimits({
        VERITY_DEPOSIT_RATE_PER_MINUTE: '0',
        VERITY_DEPOSIT_BURST: '7',
        VERITY_DEPOSIT_DAILY_QUOTA: '0',
      }),
    ).toEqual({ ratePerMinute: null, burst: 7, dailyQuota: null });
    expect(() => defaultDepositLimits({ VERITY_DEPOSIT_BURST: '0' })).toThrow(/VERITY_DEPOSIT_BURST/);
    expect(() => defaultDepositLimits({ VERITY_DEPOSIT_DAILY_QUOTA: '1.5' })).toThrow(/whole number/);
    expect(() => defaultDepositLimits({ VERITY_DEPOSIT_RATE_PER_MINUTE: 'many' })).toThrow(/RATE_PER_MINUTE/);
  });

  it('lets each of a key’s own values replace the default', () => {
    const defaults = { ratePerMinute: 600, burst: 100, dailyQuota: 1000 };
    expect(effectiveDepositLimits({ ratePerMinute: null, burst: 5, dailyQuota: null }, defaults)).toEqual({
      ratePerMinute: 600,
      burst: 5,
      dailyQuota: 1000,
    });
  });
});
