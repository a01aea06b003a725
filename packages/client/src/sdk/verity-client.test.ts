/**
 * VerityClient against the real portal (its front server on the test PostgreSQL, a real API
 * key: portal.testing.ts), with a node:http proxy in front where a fault is needed: batches split
 * 1000/1000/500 in order; a batch whose answer is lost is retried with the same Idempotency-Key
 * and deposited once (counted in the database); Retry-After honoured; a portal that is down,
 * a wrong and a revoked key, a statement the portal refuses; receipts verified online, the log
 * proven consistent with the checkpoint remembered (in a file), and a fork with the evidence.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPool } from '@/lib/db/pool';
import { setApiKeyLimits } from '@/lib/depositors/set-api-key-limits';
import { buildAdmin } from '@/lib/depositors/testing';
import type { DepositRequestInput } from '@/lib/ledger/statement';
import { formatCheckpoint, signNote, verifierKeyFromSignerKey } from '@/lib/tlog';
import { fileCheckpointStore } from '../node/checkpoint-file-store';
import { memoryCheckpointStore } from './checkpoint-store';
import { VerityError } from './errors';
import { deadAddress, type FaultProxy, startFaultProxy, startTestPortal, type TestPortal } from './portal.testing';
import { VerityClient } from './verity-client';

let portal: TestPortal;
let proxy: FaultProxy;
let logKey: string;
const dirs: string[] = [];

beforeAll(async () => {
  portal = await startTestPortal();
  proxy = await startFaultProxy(portal.url);
  logKey = verifierKeyFromSignerKey(process.env.VERITY_LOG_SIGNER_KEY ?? '');
});

afterAll(async () => {
  await proxy?.close();
  await portal?.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const statement = (): DepositRequestInput => ({ digests: { sha256: randomBytes(32).toString('hex') } });

async function caught(promise: Promise<unknown>): Promise<VerityError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VerityError);
  return error as VerityError;
}

describe('VerityClient deposits', () => {
  it('deposits 2,500 statements in batches of 1000, 1000 and 500, in order, with a key per batch', async () => {
    const { apiKey, orgId } = await portal.newApiKey();
    const client = new VerityClient({ url: proxy.url, apiKey, logKey });
    const requests = Array.from({ length: 2500 }, statement);
    const batches: number[] = [];
    const from = proxy.seen.length;
    const receipts = await client.depositMany(requests, { onBatch: (b) => void batches.push(b.offset) });

    expect(receipts.map((r) => r.digests.sha256)).toEqual(requests.map((r) => r.digests.sha256));
    expect(batches).toEqual([0, 1000, 2000]);
    const posts = proxy.seen.slice(from).filter((s) => s.method === 'POST');
    expect(posts.map((p) => (JSON.parse(p.body) as { deposits: unknown[] }).deposits.length)).toEqual([
      1000, 1000, 500,
    ]);
    expect(new Set(posts.map((p) => p.headers['idempotency-key'])).size).toBe(3);
    expect(await portal.countDeposits(orgId)).toBe(2500);
    const check = await client.verifyReceipt(receipts[2499], { digests: { sha256: requests[2499]?.digests.sha256 } });
    expect(check.ok, JSON.stringify(check.checks)).toBe(true);
  }, 120_000);

  it('retries a batch whose answer was lost with the same Idempotency-Key: deposited once, counted on the server', async () => {
    const { apiKey, orgId } = await portal.newApiKey();
    const client = new VerityClient({ url: proxy.url, apiKey, logKey, backoffMs: 10 });
    const from = proxy.seen.length;
    proxy.plan.push({ kind: 'forward-then-fail' });
    const receipts = await client.depositMany(Array.from({ length: 3 }, statement));

    const posts = proxy.seen.slice(from);
    expect(posts).toHaveLength(2);
    expect(posts[0]?.forwardedStatus).toBe(201); // the portal did deposit the first time
    expect(posts[1]?.headers['idempotency-key']).toBe(posts[0]?.headers['idempotency-key']);
    expect(posts[1]?.forwardedHeaders?.['idempotent-replayed']).toBe('true');
    expect(await portal.countDeposits(orgId)).toBe(3);
    expect(receipts).toHaveLength(3);
  });

  it('honours Retry-After on a 503', async () => {
    const client = new VerityClient({ url: proxy.url, apiKey: portal.apiKey, logKey, backoffMs: 1 });
    const from = proxy.seen.length;
    proxy.plan.push({ kind: 'answer', status: 503, headers: { 'retry-after': '1' } });
    const receipt = await client.deposit(statement());
    expect(receipt.status).toBe('sealed');
    const [first, second] = proxy.seen.slice(from);
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(second?.headers['idempotency-key']).toBe(first?.headers['idempotency-key']);
  });

  it('waits out the portal’s real deposit limit (429, Retry-After) and deposits (issue #21)', async () => {
    const { apiKey, orgId, keyId } = await portal.newApiKey();
    // One a second, one at once: the second deposit is refused for about a second.
    await setApiKeyLimits(await buildAdmin(), { apiKeyId: keyId, ratePerMinute: 60, burst: 1, dailyQuota: null });
    const client = new VerityClient({ url: proxy.url, apiKey, logKey, backoffMs: 1 });
    await client.deposit(statement());
    const from = proxy.seen.length;
    const receipt = await client.deposit(statement());
    expect(receipt.status).toBe('sealed');
    const [refused, accepted] = proxy.seen.slice(from);
    expect(refused?.forwardedStatus).toBe(429);
    expect(refused?.forwardedHeaders?.['retry-after']).toBe('1');
    expect(accepted?.forwardedStatus).toBe(201);
    // backoffMs is 1 ms: only the portal's Retry-After made it wait.
    expect((accepted?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(await portal.countDeposits(orgId)).toBe(2);
  });

  it('gives up with UNAVAILABLE when the portal is down, after its retries', async () => {
    const url = await deadAddress();
    let attempts = 0;
    const client = new VerityClient({
      url,
      apiKey: portal.apiKey,
      retries: 2,
      backoffMs: 5,
      fetch: (input, init) => {
        attempts++;
        return fetch(input, init);
      },
    });
    const error = await caught(client.deposit(statement()));
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toMatch(/could not be reached.*gave up after 3 attempts/);
    expect(attempts).toBe(3);
  });

  it('answers a wrong key and a revoked key with UNAUTHORIZED and the portal’s code', async () => {
    const wrong = new VerityClient({ url: portal.url, apiKey: `${portal.apiKey.slice(0, -4)}AAAA` });
    const error = await caught(wrong.deposit(statement()));
    expect(error).toMatchObject({ code: 'UNAUTHORIZED', status: 401, portalCode: 'UNAUTHENTICATED' });

    const revoked = await portal.newApiKey();
    await getPool().query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [revoked.keyId]);
    const again = await caught(new VerityClient({ url: portal.url, apiKey: revoked.apiKey }).deposit(statement()));
    expect(again).toMatchObject({ code: 'UNAUTHORIZED', status: 401, portalCode: 'KEY_REVOKED' });
    expect(again.message).toContain('revoked');
    expect(await portal.countDeposits(revoked.orgId)).toBe(0);
    // No key at all: refused before anything is sent.
    expect((await caught(new VerityClient({ url: portal.url }).deposit(statement()))).code).toBe('UNAUTHORIZED');
  });

  it('answers a statement the portal refuses with HTTP 422 and the portal’s message, without retrying', async () => {
    const client = new VerityClient({ url: proxy.url, apiKey: portal.apiKey });
    const from = proxy.seen.length;
    const error = await caught(client.deposit({ digests: { sha256: 'not hex' } } as DepositRequestInput));
    expect(error).toMatchObject({ code: 'HTTP', status: 422, portalCode: 'VALIDATION_FAILED' });
    expect(error.message).toMatch(/^the deposit: HTTP 422 VALIDATION_FAILED: /);
    expect(proxy.seen.length - from).toBe(1);
    await expect(client.depositMany([statement()], { batchSize: 1001 })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('looks deposits up by ID and by digest', async () => {
    const client = new VerityClient({ url: portal.url, apiKey: portal.apiKey, logKey });
    const request = statement();
    const receipt = await client.deposit(request);
    expect((await client.getDeposit(receipt.id)).leaf).toBe(receipt.leaf);
    const found = await client.findByDigest({ sha256: request.digests.sha256 ?? '' });
    expect(found.map((r) => r.id)).toEqual([receipt.id]);
    expect(await client.findByDigest({ sm3: randomBytes(32).toString('hex') })).toEqual([]);
    const missing = await caught(client.getDeposit('0b0e7f52-3c1a-4c5e-9a51-6a3b2f1d9e77'));
    expect(missing).toMatchObject({ code: 'HTTP', status: 404, portalCode: 'NOT_FOUND' });
  });
});

describe('VerityClient receipt checks online, and the remembered checkpoint', () => {
  it('pins the log key on first use, proves each newer checkpoint consistent with the one remembered in its file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'verity-sdk-'));
    dirs.push(dir);
    const file = path.join(dir, 'state', 'checkpoints.json');
    const warnings: string[] = [];
    const client = new VerityClient({
      url: portal.url,
      apiKey: portal.apiKey,
      checkpoints: fileCheckpointStore(file),
      onWarning: (m) => warnings.push(m),
    });
    const first = await client.deposit(statement());
    const one = await client.verifyReceipt(first, { online: true });
    expect(one.ok, JSON.stringify(one.checks)).toBe(true);
    expect(warnings).toEqual([expect.stringContaining(`trusting the log key on first use: ${logKey}`)]);
    expect(one.checks.find((c) => c.name === 'remembered')?.message).toMatch(/remembered \(the first for /);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(await readFile(file, 'utf8')) as { logs: Record<string, string> };
    const size = Number(Object.values(saved.logs)[0]?.split('\n')[1]);

    await client.depositMany(Array.from({ length: 5 }, statement));
    // A new client, the same file: the later run proves the log extends what the earlier saw.
    const later = new VerityClient({ url: portal.url, logKey, checkpoints: fileCheckpointStore(file) });
    const two = await later.verifyReceipt(first, { online: true });
    expect(two.ok, JSON.stringify(two.checks)).toBe(true);
    expect(two.checks.find((c) => c.name === 'remembered')?.message).toBe(
      `consistent with the checkpoint of size ${size} remembered before`,
    );
    expect(two.checks.find((c) => c.name === 'consistency')?.ok).toBe(true);
  });

  it('throws FORK with the evidence when the log’s key signed another history than the one remembered', async () => {
    const client0 = new VerityClient({ url: portal.url, apiKey: portal.apiKey, logKey });
    const before = await client0.deposit(statement());
    if (before.status !== 'sealed') throw new Error('the deposit was not sealed');
    // Another log with the same key: a checkpoint of a size the log did sign, with another root.
    const origin = logKey.split('+')[0] ?? '';
    const forged = signNote(
      formatCheckpoint({ origin, size: BigInt(before.treeSize), rootHash: randomBytes(32) }),
      process.env.VERITY_LOG_SIGNER_KEY ?? '',
    );
    const client = new VerityClient({
      url: portal.url,
      apiKey: portal.apiKey,
      logKey,
      checkpoints: memoryCheckpointStore({ [origin]: forged }),
    });
    const receipt = await client.deposit(statement());
    const offline = await client.verifyReceipt(receipt);
    expect(offline.ok).toBe(true); // offline: nothing remembered is consulted
    const error = await caught(client.verifyReceipt(receipt, { online: true }));
    expect(error.code).toBe('FORK');
    expect(error.evidence).toMatchObject({
      kind: 'INCONSISTENT',
      origin,
      older: { size: String(before.treeSize), note: forged },
    });
    expect(error.evidence?.newer.note).toMatch(new RegExp(`^${origin}\n`));
    expect(error.evidence?.proof.length).toBeGreaterThan(0);
    expect(error.message).toContain('shows two histories');
  });

  it('refuses an answer that is not what the API defines', async () => {
    const client = new VerityClient({ url: proxy.url, logKey, retries: 0 });
    proxy.plan.push({ kind: 'answer', status: 200, body: '{"id":"x"}' });
    const error = await caught(client.getDeposit('0b0e7f52-3c1a-4c5e-9a51-6a3b2f1d9e77'));
    expect(error.code).toBe('INVALID_RESPONSE');
  });
});
