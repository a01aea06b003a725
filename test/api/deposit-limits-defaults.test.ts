/**
 * The server's default deposit limits (VERITY_DEPOSIT_RATE_PER_MINUTE, VERITY_DEPOSIT_BURST,
 * VERITY_DEPOSIT_DAILY_QUOTA) apply to every API key without limits of its own (issue #21,
 * finding 3: 1,817 deposits from one key in 3 s). Only standing code is used here — an API key
 * and the deposit route — so this file shows the finding on the code before the fix.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { POST as postDepositsRoute } from '@/app/api/v1/deposits/route';
import { getDb } from '@/lib/db/client';
import { bearer, buildApiKey } from '@/lib/depositors/testing';
import { documented } from './openapi-check';

// This file's process only (Vitest runs each file in its own worker); read on every request.
process.env.VERITY_DEPOSIT_RATE_PER_MINUTE = '60';
process.env.VERITY_DEPOSIT_BURST = '20';
process.env.VERITY_DEPOSIT_DAILY_QUOTA = '30';

const postDeposits = documented('POST', '/deposits', postDepositsRoute);
const deposits = (n: number) => ({
  deposits: Array.from({ length: n }, () => ({ digests: { sha256: randomBytes(32).toString('hex') } })),
});

function post(key: string, body: unknown) {
  return postDeposits(
    new Request('http://verity.test/api/v1/deposits', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: bearer(key) },
      body: JSON.stringify(body),
    }),
  );
}

describe('default deposit limits', () => {
  it('stops a burst from one key with 429 and Retry-After; nothing of the refused batch is deposited', async () => {
    const { key, org } = await buildApiKey();
    expect((await post(key, deposits(20))).status).toBe(201);
    const refused = await post(key, deposits(10));
    expect(refused.status).toBe(429);
    // One a second, 20 at once: 10 fit when the bucket is down to 10, 10 s after the first request.
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(8);
    expect(retryAfter).toBeLessThanOrEqual(10);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    expect(await getDb().deposit.count({ where: { orgId: org.id } })).toBe(20);
    // Another key has its own bucket.
    const other = await buildApiKey();
    expect((await post(other.key, deposits(20))).status).toBe(201);
  });
});
