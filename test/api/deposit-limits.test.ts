/**
 * Per-API-key deposit limits (issue #21, finding 3) through the deposit route handler, on the
 * real database: over its rate or its daily quota a key is answered 429 with an exact
 * Retry-After and nothing of the request is deposited; another key is unaffected; the limits
 * are the administrator's, per key; a retry of an accepted request is answered all the same.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { POST as postDepositsRoute } from '@/app/api/v1/deposits/route';
import { getDb } from '@/lib/db/client';
import { createApiKey } from '@/lib/depositors/create-api-key';
import { defaultDepositLimits } from '@/lib/depositors/deposit-limits';
import { type SetApiKeyLimitsOptions, setApiKeyLimits } from '@/lib/depositors/set-api-key-limits';
import { bearer, buildApiKey } from '@/lib/depositors/testing';
import { documented } from './openapi-check';

const postDeposits = documented('POST', '/deposits', postDepositsRoute);
const hex = () => randomBytes(32).toString('hex');
const deposits = (n: number) => ({ deposits: Array.from({ length: n }, () => ({ digests: { sha256: hex() } })) });

type Key = Awaited<ReturnType<typeof buildApiKey>>;

async function keyWith(limits: Omit<SetApiKeyLimitsOptions, 'apiKeyId'>): Promise<Key> {
  const key = await buildApiKey();
  await setApiKeyLimits(key.admin, { apiKeyId: key.id, ...limits });
  return key;
}

function post(key: Key, body: unknown, headers: Record<string, string> = {}) {
  return postDeposits(
    new Request('http://verity.test/api/v1/deposits', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: bearer(key.key), ...headers },
      body: JSON.stringify(body),
    }),
  );
}

const depositCount = (key: Key) => getDb().deposit.count({ where: { orgId: key.org.id } });
const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;
const secondsToUtcMidnight = () => (86_400_000 - (Date.now() % 86_400_000)) / 1000;

describe('deposit limits per API key', () => {
  it('refuses deposits over the rate with 429 and Retry-After, writing nothing of the batch', async () => {
    // 6 a minute: one deposit every 10 s, 3 at once.
    const key = await keyWith({ ratePerMinute: 6, burst: 3, dailyQuota: null });
    const first = await post(key, deposits(3));
    expect(first.status).toBe(201);
    expect(first.headers.get('ratelimit-limit')).toBe('3');
    expect(first.headers.get('ratelimit-remaining')).toBe('0');
    // Both policies: the key's own rate, and the server's default daily quota (null: the default).
    expect(first.headers.get('ratelimit-policy')).toBe(`3;w=30, ${defaultDepositLimits().dailyQuota};w=86400`);

    const refused = await post(key, deposits(2));
    expect(refused.status).toBe(429);
    // The bucket drained to 3 − 2 = 1 at 3 × 10 s − 1 × 10 s = 20 s after the first request.
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(18);
    expect(retryAfter).toBeLessThanOrEqual(20);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('RATE_LIMITED');
    expect(body.error.message).toMatch(/6 deposits a minute.*nothing was deposited/);
    expect(await depositCount(key)).toBe(3);

    // One deposit fits 10 s after the first request.
    const one = await post(key, deposits(1));
    expect(one.status).toBe(429);
    expect(Number(one.headers.get('retry-after'))).toBeLessThanOrEqual(10);
    expect(Number(one.headers.get('retry-after'))).toBeGreaterThanOrEqual(8);
    expect(await depositCount(key)).toBe(3);
  });

  it('answers a batch larger than the burst with 413 (waiting would never help)', async () => {
    const key = await keyWith({ ratePerMinute: 600, burst: 5, dailyQuota: null });
    const res = await post(key, deposits(6));
    expect(res.status).toBe(413);
    expect(await errorCode(res)).toBe('PAYLOAD_TOO_LARGE');
    expect(await depositCount(key)).toBe(0);
    expect((await post(key, deposits(5))).status).toBe(201);
  });

  it('refuses deposits over the daily quota until 00:00 UTC, counting the deposits of a batch', async () => {
    const key = await keyWith({ ratePerMinute: null, burst: null, dailyQuota: 5 });
    const first = await post(key, deposits(4));
    expect(first.status).toBe(201);
    expect(first.headers.get('ratelimit-limit')).toBe('5');
    expect(first.headers.get('ratelimit-remaining')).toBe('1');
    expect(Math.abs(Number(first.headers.get('ratelimit-reset')) - secondsToUtcMidnight())).toBeLessThan(5);

    const refused = await post(key, deposits(2));
    expect(refused.status).toBe(429);
    expect(Math.abs(Number(refused.headers.get('retry-after')) - secondsToUtcMidnight())).toBeLessThan(5);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /daily quota of 5 deposits.*1 left today.*00:00 UTC/,
    );
    expect(await depositCount(key)).toBe(4);

    expect((await post(key, deposits(1))).status).toBe(201);
    expect((await post(key, deposits(1))).status).toBe(429);
    expect(await depositCount(key)).toBe(5);
    // More than the whole quota in one request can never succeed.
    expect((await post(key, deposits(6))).status).toBe(413);
  });

  it('leaves another key unaffected', async () => {
    const spent = await keyWith({ ratePerMinute: null, burst: null, dailyQuota: 1 });
    expect((await post(spent, deposits(1))).status).toBe(201);
    expect((await post(spent, deposits(1))).status).toBe(429);
    const other = await buildApiKey();
    expect((await post(other, deposits(2))).status).toBe(201);
    // Even another key of the same organisation: the limits are the key's.
    const sibling = { ...spent, ...(await createApiKey(spent.admin, { orgId: spent.org.id, label: 'second key' })) };
    expect((await post(sibling, deposits(2))).status).toBe(201);
    expect((await post(spent, deposits(1))).status).toBe(429);
  });

  it('applies a change of the limits by the administrator at once', async () => {
    const key = await keyWith({ ratePerMinute: null, burst: null, dailyQuota: 2 });
    expect((await post(key, deposits(2))).status).toBe(201);
    expect((await post(key, deposits(1))).status).toBe(429);
    await setApiKeyLimits(key.admin, { apiKeyId: key.id, ratePerMinute: null, burst: null, dailyQuota: 3 });
    expect((await post(key, deposits(1))).status).toBe(201);
    expect((await post(key, deposits(1))).status).toBe(429);
  });

  it('answers a retry of an accepted request (same Idempotency-Key) even when the quota is spent, without counting it', async () => {
    const key = await keyWith({ ratePerMinute: null, burst: null, dailyQuota: 3 });
    const idempotencyKey = randomUUID();
    const body = deposits(2);
    const first = await post(key, body, { 'idempotency-key': idempotencyKey });
    expect(first.status).toBe(201);
    const again = await post(key, body, { 'idempotency-key': idempotencyKey });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    // The replay deposited nothing and was not counted: one deposit is left of 3.
    expect((await post(key, deposits(1))).status).toBe(201);
    const spent = await post(key, body, { 'idempotency-key': idempotencyKey });
    expect(spent.status).toBe(201);
    expect(spent.headers.get('idempotent-replayed')).toBe('true');
    expect((await post(key, deposits(1))).status).toBe(429);
    expect(await depositCount(key)).toBe(3);
  });

  it('does not count a refused request against the daily quota', async () => {
    const key = await keyWith({ ratePerMinute: null, burst: null, dailyQuota: 2 });
    const idempotencyKey = randomUUID();
    expect((await post(key, deposits(1), { 'idempotency-key': idempotencyKey })).status).toBe(201);
    // The same Idempotency-Key with another body: 422 after the charge, which is given back.
    const reused = await post(key, deposits(1), { 'idempotency-key': idempotencyKey });
    expect(reused.status).toBe(422);
    expect((await post(key, deposits(1))).status).toBe(201);
    expect(await depositCount(key)).toBe(2);
  });

  it('accepts the request again once Retry-After has passed', async () => {
    const key = await keyWith({ ratePerMinute: 60, burst: 1, dailyQuota: null });
    expect((await post(key, deposits(1))).status).toBe(201);
    const refused = await post(key, deposits(1));
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBe(1);
    // Waiting exactly as long as the server said is the behaviour under test.
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    expect((await post(key, deposits(1))).status).toBe(201);
  });
});
