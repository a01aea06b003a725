/**
 * The per-address sign-in limit behind a declared reverse proxy (this test's own requests, from loopback), through the built portal over
 * real HTTP (front server → Next.js → next-auth): the address is the one the proxy appended to
 * X-Forwarded-For, so what a client writes before it cannot spread its attempts over made-up
 * addresses. Shares the soak lock (test/soak): one real cluster at a time on a small machine.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_CLIENT_POLICY, ADDRESS_POLICY } from '@/lib/auth/login-throttle';
import { hashPassword } from '@/lib/auth/password';
import { type Cluster, startCluster } from '../cluster/cluster';
import { postCredentials } from '../cluster/sign-in';
import { acquireSoakLock, SOAK_LOCK_WAIT_MS, SOAK_START_MS } from '../soak/soak.testing';

let cluster: Cluster | undefined;
let release: (() => Promise<void>) | undefined;
let url: string;

beforeAll(async () => {
  release = await acquireSoakLock(SOAK_LOCK_WAIT_MS);
  cluster = await startCluster({ servers: 1, env: { VERITY_TRUSTED_PROXIES: '127.0.0.1, ::1' } });
  url = (cluster.servers[0] as { url: string }).url;
}, SOAK_START_MS);

afterAll(async () => {
  await cluster?.stop();
  await release?.();
}, 60_000);

/** One credentials sign-in; returns next-auth's error code from the answer, or 'OK'. */
async function signIn(forwardedFor: string, credentials?: { email: string; password: string }): Promise<string> {
  const { response } = await postCredentials(
    url,
    credentials ?? { email: `nobody-${randomUUID()}@example.test`, password: 'wrong password' },
    { 'x-forwarded-for': forwardedFor },
  );
  const location = response.headers.get('location') ?? ((await response.json()) as { url?: string }).url ?? '';
  return new URL(location, url).searchParams.get('error') ?? (response.ok ? 'OK' : `no error (${response.status})`);
}
const failSignIn = (forwardedFor: string) => signIn(forwardedFor);

describe('sign-in behind a trusted proxy', () => {
  it('limits an address however the client varies what it writes before the proxy’s entry', async () => {
    const client = '203.0.113.7';
    for (let i = 1; i < ADDRESS_POLICY.maxFailures; i++) {
      // Each attempt a new made-up address, as a client spreading its attempts would send.
      expect(await failSignIn(`198.51.100.${i}, ${client}`)).toBe('INVALID_CREDENTIALS');
    }
    // The failure that reaches the limit locks the address, and so answers as locked.
    expect(await failSignIn(`192.0.2.99, ${client}`)).toMatch(/^RATE_LIMITED:\d+$/);
    expect(await failSignIn(client)).toMatch(/^RATE_LIMITED:\d+$/);
    // Another client behind the same proxy is not held back by it.
    expect(await failSignIn('203.0.113.8')).toBe('INVALID_CREDENTIALS');
  }, 180_000);

  it('five wrong passwords from one client address do not stop the right password from another', async () => {
    const email = `owner-${randomUUID()}@example.test`;
    const password = `right-${randomUUID()}`;
    const db = new pg.Client({ connectionString: cluster?.databaseUrl });
    await db.connect();
    try {
      await db.query(`INSERT INTO users (id, email, name, role, password_hash) VALUES ($1, $2, 'Owner', 'judge', $3)`, [
        randomUUID(),
        email,
        await hashPassword(password),
      ]);
    } finally {
      await db.end();
    }
    const attacker = '198.51.100.66';
    const answers = [];
    for (let i = 0; i < ACCOUNT_CLIENT_POLICY.maxFailures; i++) {
      answers.push(await signIn(attacker, { email, password: `guess-${i}` }));
    }
    expect(answers.slice(0, -1)).toEqual(Array(ACCOUNT_CLIENT_POLICY.maxFailures - 1).fill('INVALID_CREDENTIALS'));
    expect(answers.at(-1)).toMatch(/^RATE_LIMITED:\d+$/);
    expect(await signIn(attacker, { email, password })).toMatch(/^RATE_LIMITED:\d+$/);
    expect(await signIn('198.51.100.77', { email, password })).toBe('OK');
  }, 180_000);
});
