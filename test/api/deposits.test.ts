/**
 * The deposit API through its route handlers (the same functions Next.js serves), on the real
 * database: receipts verify with lib/tlog, bad input gets a clear 4xx with a code, and a
 * refused request writes nothing.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as getDepositRoute } from '@/app/api/v1/deposits/[id]/route';
import { GET as findDepositsRoute, POST as postDepositsRoute } from '@/app/api/v1/deposits/route';
import { GET as getCheckpointRoute } from '@/app/api/v1/log/checkpoint/route';
import { GET as getConsistencyRoute } from '@/app/api/v1/log/consistency/route';
import { GET as getKeyRoute } from '@/app/api/v1/log/key/route';
import { getDb } from '@/lib/db/client';
import { getPool } from '@/lib/db/pool';
import { registerDepositorKey } from '@/lib/depositors/register-depositor-key';
import { revokeApiKey } from '@/lib/depositors/revoke-api-key';
import { bearer, buildApiKey } from '@/lib/depositors/testing';
import type { SealedReceipt } from '@/lib/ledger/receipt.schema';
import { SEQUENCER_LOCK } from '@/lib/ledger/seal-batch';
import { signDepositRequest } from '@/lib/ledger/statement';
import {
  base64ToBytes,
  hashLeaf,
  parseCheckpoint,
  verifyCheckpoint,
  verifyConsistency,
  verifyInclusion,
  verifyTlogProof,
} from '@/lib/tlog';
import { documented } from './openapi-check';

// Every answer these tests receive is checked against the served OpenAPI document.
const postDeposits = documented('POST', '/deposits', postDepositsRoute);
const findDeposits = documented('GET', '/deposits', findDepositsRoute);
const getDeposit = documented('GET', '/deposits/{id}', getDepositRoute);
const getCheckpoint = documented('GET', '/log/checkpoint', getCheckpointRoute);
const getConsistency = documented('GET', '/log/consistency', getConsistencyRoute);
const getKey = documented('GET', '/log/key', getKeyRoute);

const hex = () => randomBytes(32).toString('hex');
let auth: Awaited<ReturnType<typeof buildApiKey>>;
let logKey: string;

beforeAll(async () => {
  auth = await buildApiKey();
  logKey = (await (await getKey()).text()).trim();
});

function post(
  body: unknown,
  options: { key?: string; query?: string; headers?: Record<string, string>; raw?: string } = {},
) {
  return postDeposits(
    new Request(`http://verity.test/api/v1/deposits${options.query ?? ''}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: bearer(options.key ?? auth.key),
        ...options.headers,
      },
      body: options.raw ?? JSON.stringify(body),
    }),
  );
}

async function depositCount(): Promise<number> {
  return getDb().deposit.count({ where: { orgId: auth.org.id } });
}

function expectReceiptVerifies(r: SealedReceipt) {
  const leaf = base64ToBytes(r.leaf);
  const { checkpoint } = verifyCheckpoint(r.checkpoint, [logKey]);
  verifyInclusion(
    r.leafIndex,
    checkpoint.size,
    hashLeaf(leaf),
    r.inclusionProof.map(base64ToBytes),
    checkpoint.rootHash,
  );
  verifyTlogProof(r.tlogProof, leaf, [logKey]);
}

describe('POST /api/v1/deposits', () => {
  it('seals one statement and answers 201 with a receipt that verifies', async () => {
    const sha256 = hex().toUpperCase();
    const res = await post({ digests: { sha256, sm3: hex() }, title: '合同' });
    expect(res.status).toBe(201);
    const r = (await res.json()) as SealedReceipt;
    expect(r.status).toBe('sealed');
    expect(r.digests.sha256).toBe(sha256.toLowerCase());
    expect(r.depositor).toEqual({ id: auth.org.id, name: auth.org.name });
    expectReceiptVerifies(r);
    // The leaf commits to the digests (anyone holding the receipt can see them).
    expect(JSON.parse(Buffer.from(r.leaf, 'base64').toString('utf8')).digests.sha256).toBe(sha256.toLowerCase());

    const fresh = (await (
      await getDeposit(new Request('http://t'), { params: Promise.resolve({ id: r.id }) })
    ).json()) as SealedReceipt;
    expect(fresh.leafIndex).toBe(r.leafIndex);
    expectReceiptVerifies(fresh);
  });

  it('seals a batch of 1000 in one request, each with its own index', async () => {
    const res = await post({ deposits: Array.from({ length: 1000 }, () => ({ digests: { sha256: hex() } })) });
    expect(res.status).toBe(201);
    const { deposits } = (await res.json()) as { deposits: SealedReceipt[] };
    expect(new Set(deposits.map((d) => d.leafIndex)).size).toBe(1000);
    for (const d of deposits.filter((_, i) => i % 97 === 0)) expectReceiptVerifies(d);
  });

  it('answers 202 at once with ?wait=false, and the deposit is sealed shortly after', async () => {
    const sm3 = hex();
    const res = await post({ digests: { sm3 } }, { query: '?wait=false' });
    expect(res.status).toBe(202);
    const r = (await res.json()) as SealedReceipt;
    expect(r.status).toBe('pending');
    // A batch, and the same in summaries: pending too (each answer checked against the document).
    const batch = await post({ deposits: [{ digests: { sha256: hex() } }] }, { query: '?wait=false' });
    expect(batch.status).toBe(202);
    expect(((await batch.json()) as { deposits: { status: string }[] }).deposits[0]?.status).toBe('pending');
    const summaries = await post(
      { deposits: [{ digests: { sha256: hex() } }] },
      { query: '?wait=false', headers: { prefer: 'return=minimal' } },
    );
    expect(summaries.status).toBe(202);
    expect(await summaries.json()).toEqual({ deposits: [{ id: expect.any(String), status: 'pending' }] });
    // Listed by digest while pending or already sealed, whichever it is by now.
    const listed = await findDeposits(new Request(`http://t/api/v1/deposits?sm3=${sm3}`));
    expect(((await listed.json()) as { deposits: { id: string }[] }).deposits.map((d) => d.id)).toEqual([r.id]);
    for (let i = 0; i < 40; i++) {
      const fresh = (await (
        await getDeposit(new Request('http://t'), { params: Promise.resolve({ id: r.id }) })
      ).json()) as SealedReceipt;
      if (fresh.status === 'sealed') return expectReceiptVerifies(fresh);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the deposit was not sealed within 4 s');
  });

  it('refuses ?wait=false deposits with 503 while queued ones wait over 10 s, writing nothing; the queue is still sealed', async () => {
    async function waitUntilSealed(id: string) {
      for (let i = 0; i < 80; i++) {
        const r = (await (
          await getDeposit(new Request('http://t'), { params: Promise.resolve({ id }) })
        ).json()) as SealedReceipt;
        if (r.status === 'sealed') return r;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`deposit ${id} was not sealed within 8 s`);
    }
    // Holding the sequencers' lock keeps the queue as it is (no process can seal) while the test looks at it.
    const lock = await getPool().connect();
    let first: SealedReceipt;
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [SEQUENCER_LOCK]);
      const queued = await post({ digests: { sha256: hex() } }, { query: '?wait=false' });
      expect(queued.status).toBe(202);
      first = (await queued.json()) as SealedReceipt;
      await lock.query("UPDATE sequence_queue SET enqueued_at = now() - interval '11 seconds' WHERE deposit_id = $1", [
        first.id,
      ]);

      const before = await depositCount();
      const refused = await post({ deposits: [{ digests: { sha256: hex() } }] }, { query: '?wait=false' });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('5');
      const { error } = (await refused.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('UNAVAILABLE');
      expect(error.message).toMatch(/more than 10 s late; nothing was written/);
      expect(await depositCount()).toBe(before);

      // Once the oldest has waited less than that, ?wait=false is taken again.
      await lock.query("UPDATE sequence_queue SET enqueued_at = now() - interval '9 seconds' WHERE deposit_id = $1", [
        first.id,
      ]);
      expect((await post({ digests: { sha256: hex() } }, { query: '?wait=false' })).status).toBe(202);
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [SEQUENCER_LOCK]);
      lock.release();
    }
    expectReceiptVerifies(await waitUntilSealed(first.id));
  });

  it('honours Idempotency-Key: a retry returns the same deposits, another body is refused', async () => {
    const key = randomUUID();
    const body = { deposits: [{ digests: { sha256: hex() } }, { digests: { sha256: hex() } }] };
    const first = (await (await post(body, { headers: { 'idempotency-key': key } })).json()) as {
      deposits: SealedReceipt[];
    };
    const before = await depositCount();
    const again = await post(body, { headers: { 'idempotency-key': key } });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { deposits: SealedReceipt[] }).deposits.map((d) => d.id)).toEqual(
      first.deposits.map((d) => d.id),
    );
    const other = await post({ digests: { sha256: hex() } }, { headers: { 'idempotency-key': key } });
    expect(other.status).toBe(422);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await depositCount()).toBe(before);
  });

  it('answers Prefer: return=minimal with IDs, leaf indexes and one checkpoint that contains them', async () => {
    const minimal = { prefer: 'respond-async, return=minimal' };
    const digests = Array.from({ length: 50 }, () => hex());
    const res = await post({ deposits: digests.map((sha256) => ({ digests: { sha256 } })) }, { headers: minimal });
    expect(res.status).toBe(201);
    expect(res.headers.get('preference-applied')).toBe('return=minimal');
    const body = (await res.json()) as {
      deposits: { id: string; status: string; leafIndex: number }[];
      treeSize: number;
      checkpoint: string;
    };
    expect(Object.keys(body).sort()).toEqual(['checkpoint', 'deposits', 'treeSize']);
    const { checkpoint } = verifyCheckpoint(body.checkpoint, [logKey]);
    expect(checkpoint.size).toBe(BigInt(body.treeSize));
    expect(new Set(body.deposits.map((d) => d.leafIndex)).size).toBe(50);
    for (const d of body.deposits) {
      expect(Object.keys(d).sort()).toEqual(['id', 'leafIndex', 'status']);
      expect(d.status).toBe('sealed');
      expect(d.leafIndex).toBeLessThan(body.treeSize);
    }
    // The full receipt is one GET away, for the same leaf, and proves it into that very checkpoint's tree.
    const [first] = body.deposits;
    const full = (await (
      await getDeposit(new Request('http://t'), { params: Promise.resolve({ id: first?.id as string }) })
    ).json()) as SealedReceipt;
    expect(full.leafIndex).toBe(first?.leafIndex);
    expect(JSON.parse(Buffer.from(full.leaf, 'base64').toString('utf8')).digests.sha256).toBe(digests[0]);
    expectReceiptVerifies(full);

    const single = await post({ digests: { sm3: hex() } }, { headers: minimal });
    expect(single.status).toBe(201);
    const one = (await single.json()) as Record<string, unknown>;
    expect(Object.keys(one).sort()).toEqual(['checkpoint', 'id', 'leafIndex', 'status', 'treeSize']);
    expect(verifyCheckpoint(one.checkpoint as string, [logKey]).checkpoint.size).toBe(BigInt(one.treeSize as number));

    const queued = await post({ digests: { sm3: hex() } }, { headers: minimal, query: '?wait=false' });
    expect(queued.status).toBe(202);
    expect(Object.keys((await queued.json()) as object).sort()).toEqual(['id', 'status']);

    // A replay answers the same deposits the same way; return=representation (or nothing) is the full receipt.
    const key = randomUUID();
    const again = { deposits: [{ digests: { sha256: hex() } }] };
    const ids = [];
    for (let i = 0; i < 2; i++) {
      const r = await post(again, { headers: { ...minimal, 'idempotency-key': key } });
      expect(r.headers.get('idempotent-replayed')).toBe(i === 0 ? null : 'true');
      ids.push(((await r.json()) as { deposits: { id: string }[] }).deposits[0]?.id);
    }
    expect(ids[1]).toBe(ids[0]);
    const full2 = await post({ digests: { sha256: hex() } }, { headers: { prefer: 'return=representation' } });
    expect(full2.headers.get('preference-applied')).toBeNull();
    expectReceiptVerifies((await full2.json()) as SealedReceipt);
  });

  it('checks a depositor signature with the registered key, and refuses a bad one', async () => {
    const secretKey = ed25519.utils.randomSecretKey();
    await registerDepositorKey(auth.admin, {
      orgId: auth.org.id,
      algorithm: 'ed25519',
      publicKey: ed25519.getPublicKey(secretKey),
      label: 'test',
    });
    const signed = signDepositRequest({ digests: { sha256: hex() } }, { algorithm: 'ed25519', privateKey: secretKey });
    const ok = await post(signed);
    expect(ok.status).toBe(201);
    expect(
      JSON.parse(Buffer.from(((await ok.json()) as SealedReceipt).leaf, 'base64').toString()).signature.algorithm,
    ).toBe('ed25519');

    const before = await depositCount();
    const tampered = { ...signed, digests: { sha256: hex() } };
    const bad = await post({ deposits: [{ digests: { sha256: hex() } }, tampered] });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('SIGNATURE_INVALID');
    const unregistered = signDepositRequest(
      { digests: { sha256: hex() } },
      { algorithm: 'ed25519', privateKey: ed25519.utils.randomSecretKey() },
    );
    expect(((await (await post(unregistered)).json()) as { error: { code: string } }).error.code).toBe(
      'KEY_NOT_REGISTERED',
    );
    expect(await depositCount()).toBe(before); // nothing half-written
  });

  it.each([
    ['malformed JSON', { raw: '{"digests": {' }, 400, 'MALFORMED_JSON'],
    ['a wrong digest length', { body: { digests: { sha256: 'ab'.repeat(31) } } }, 422, 'VALIDATION_FAILED'],
    ['a non-hex digest', { body: { digests: { sha256: 'zz'.repeat(32) } } }, 422, 'VALIDATION_FAILED'],
    ['no digest', { body: { digests: {} } }, 422, 'VALIDATION_FAILED'],
    ['an unknown field', { body: { digests: { sha256: 'ab'.repeat(32) }, owner: 'x' } }, 422, 'VALIDATION_FAILED'],
    [
      'a batch of 1001',
      { body: { deposits: Array.from({ length: 1001 }, () => ({ digests: { sha256: 'ab'.repeat(32) } })) } },
      422,
      'VALIDATION_FAILED',
    ],
    [
      'a 10 MB body',
      { raw: JSON.stringify({ digests: { sha256: 'ab'.repeat(32) }, title: 'x'.repeat(10 * 1024 * 1024) }) },
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      'a wrong content type',
      { raw: 'digests', headers: { 'content-type': 'text/plain' } },
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    ['no API key', { body: { digests: { sha256: 'ab'.repeat(32) } }, key: '' }, 401, 'UNAUTHENTICATED'],
    [
      'a wrong API key',
      { body: { digests: { sha256: 'ab'.repeat(32) } }, key: `vrt_aaaaaaaaaaaa_${'A'.repeat(43)}` },
      401,
      'UNAUTHENTICATED',
    ],
  ] as const)('refuses %s with %i %s and writes nothing', async (_, input, status, code) => {
    const before = await depositCount();
    const options = input as { raw?: string; body?: unknown; headers?: Record<string, string>; key?: string };
    const res = await post(options.body, options);
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(10);
    expect(await depositCount()).toBe(before);
  });

  it('refuses a revoked key with KEY_REVOKED', async () => {
    const other = await buildApiKey();
    await revokeApiKey(other.admin, { apiKeyId: other.id });
    const res = await post({ digests: { sha256: hex() } }, { key: other.key });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('KEY_REVOKED');
  });
});

describe('reading the log', () => {
  it('finds every deposit of a digest, oldest first', async () => {
    const sha256 = hex();
    const a = (await (await post({ digests: { sha256 } })).json()) as SealedReceipt;
    const b = (await (await post({ digests: { sha256 }, title: 'again' })).json()) as SealedReceipt;
    const res = await findDeposits(new Request(`http://t/api/v1/deposits?sha256=${sha256.toUpperCase()}`));
    const { deposits } = (await res.json()) as { deposits: SealedReceipt[] };
    expect(deposits.map((d) => d.id)).toEqual([a.id, b.id]);
    const none = (await (await findDeposits(new Request(`http://t/api/v1/deposits?sm3=${hex()}`))).json()) as {
      deposits: unknown[];
    };
    expect(none.deposits).toEqual([]);
    expect((await findDeposits(new Request('http://t/api/v1/deposits?sha256=xyz'))).status).toBe(422);
    expect((await findDeposits(new Request(`http://t/api/v1/deposits?sha256=${sha256}&sm3=${hex()}`))).status).toBe(
      422,
    );
  });

  it('serves the checkpoint, the key and consistency proofs that verify', async () => {
    const first = parseCheckpoint(verifyCheckpoint(await (await getCheckpoint()).text(), [logKey]).note.text);
    await post({ digests: { sha256: hex() } });
    const note = await (await getCheckpoint()).text();
    const second = verifyCheckpoint(note, [logKey]).checkpoint;
    expect(second.size).toBeGreaterThan(first.size);
    const res = await getConsistency(
      new Request(`http://t/api/v1/log/consistency?from=${first.size}&to=${second.size}`),
    );
    const body = (await res.json()) as { from: number; to: number; proof: string[] };
    verifyConsistency(first.size, second.size, body.proof.map(base64ToBytes), first.rootHash, second.rootHash);
    expect((await getConsistency(new Request('http://t/api/v1/log/consistency?from=5&to=2'))).status).toBe(422);
    expect(
      (await getConsistency(new Request(`http://t/api/v1/log/consistency?from=1&to=${second.size + 1000n}`))).status,
    ).toBe(404);
  });

  it('answers 404 for an unknown deposit and 422 for a malformed ID', async () => {
    expect((await getDeposit(new Request('http://t'), { params: Promise.resolve({ id: randomUUID() }) })).status).toBe(
      404,
    );
    expect((await getDeposit(new Request('http://t'), { params: Promise.resolve({ id: 'nope' }) })).status).toBe(422);
  });
});
