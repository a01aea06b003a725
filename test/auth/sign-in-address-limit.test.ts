/**
 * The per-address sign-in limit behind a trusted reverse proxy, through the built portal over
 * real HTTP (front server → Next.js → next-auth): the address is the one the proxy appended to
 * X-Forwarded-For, so what a client writes before it cannot spread its attempts over made-up
 * addresses. Shares the soak lock (test/soak): one real cluster at a time on a small machine.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDRESS_POLICY } from '@/lib/auth/login-throttle';
import { type Cluster, startCluster } from '../cluster/cluster';
import { postCredentials } from '../cluster/sign-in';
import { acquireSoakLock } from '../soak/soak.testing';

let cluster: Cluster | undefined;
let release: (() => Promise<void>) | undefined;
let url: string;

beforeAll(async () => {
  release = await acquireSoakLock(300_000);
  cluster = await startCluster({ servers: 1, env: { VERITY_TRUST_PROXY: 'true' } });
  url = (cluster.servers[0] as { url: string }).url;
}, 600_000);

afterAll(async () => {
  await cluster?.stop();
  await release?.();
}, 60_000);

/** One failed credentials sign-in; returns next-auth's error code from the answer. */
async function failSignIn(forwardedFor: string): Promise<string> {
  const { response } = await postCredentials(
    url,
    { email: `nobody-${randomUUID()}@example.test`, password: 'wrong password' },
    { 'x-forwarded-for': forwardedFor },
  );
  const location = response.headers.get('location') ?? ((await response.json()) as { url?: string }).url ?? '';
  return new URL(location, url).searchParams.get('error') ?? `no error (${response.status})`;
}

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
});
