/**
 * Anchors in the shared test database: stored once per checkpoint and target, append-only, refused
 * when half an EVM anchor or half a token, and served by GET /api/v1/log/anchors as the OpenAPI
 * document describes. Each test anchors to a contract address and TSA URL of its own, since other
 * files write to the same log at the same time.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GET as anchorsRoute } from '@/app/api/v1/log/anchors/route';
import { getPool } from '@/lib/db/pool';
import { latestCheckpoint } from '@/lib/ledger/latest-checkpoint';
import { ZLogAnchors } from '@/lib/ledger/log.schema';
import { documented } from '@/test/api/openapi-check';
import { anchorStatuses, recordAnchorOutcome, storeEvmAnchor, storeTimestamp } from './anchor-store';

const route = documented('GET', '/log/anchors', anchorsRoute);
const hex = (bytes: number) => `0x${randomBytes(bytes).toString('hex')}` as `0x${string}`;

async function anchorAtNewestCheckpoint() {
  const checkpoint = await latestCheckpoint();
  const evm = {
    treeSize: checkpoint.treeSize,
    rootHash: checkpoint.rootHash,
    chainId: 31337,
    contract: hex(20),
    transactionHash: hex(32),
    blockNumber: 7n,
    blockHash: hex(32),
    anchoredAt: new Date('2026-12-07T08:00:00.000Z'),
    demo: true,
  };
  const timestamp = {
    treeSize: checkpoint.treeSize,
    rootHash: checkpoint.rootHash,
    tsaUrl: `http://127.0.0.1:1/tsa-${randomBytes(6).toString('hex')}`,
    tsaName: 'Verity Demo TSA — demo only',
    checkpoint: checkpoint.note,
    token: randomBytes(40),
    certificates: ['-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n'],
    anchoredAt: new Date('2026-12-07T08:00:01.000Z'),
    demo: true,
  };
  return { checkpoint, evm, timestamp };
}

async function listed(query: string) {
  const response = await route(new Request(`http://portal.test/api/v1/log/anchors${query}`));
  expect(response.status).toBe(200);
  return ZLogAnchors.parse(await response.json());
}

describe('the anchor store', () => {
  it('stores an EVM anchor and a token once per checkpoint and target, and serves both', async () => {
    const { checkpoint, evm, timestamp } = await anchorAtNewestCheckpoint();
    expect(await storeEvmAnchor(evm)).toBe(true);
    expect(await storeEvmAnchor({ ...evm, transactionHash: hex(32) })).toBe(false); // a retry never duplicates
    expect(await storeTimestamp(timestamp)).toBe(true);
    expect(await storeTimestamp(timestamp)).toBe(false);

    const size = Number(checkpoint.treeSize);
    const anchors = await listed(`?from=${size}&to=${size}`);
    const mine = anchors.filter(
      (a) =>
        (a.kind === 'evm' && a.contract === evm.contract) || (a.kind === 'rfc3161' && a.tsaUrl === timestamp.tsaUrl),
    );
    expect(mine).toEqual([
      {
        kind: 'evm',
        treeSize: size,
        rootHash: Buffer.from(checkpoint.rootHash).toString('base64'),
        chainId: 31337,
        chain: 'chain 31337',
        demo: true,
        contract: evm.contract,
        transactionHash: evm.transactionHash,
        blockNumber: 7,
        blockHash: evm.blockHash,
        anchoredAt: '2026-12-07T08:00:00.000Z',
        rpcUrl: null,
      },
      {
        kind: 'rfc3161',
        treeSize: size,
        rootHash: Buffer.from(checkpoint.rootHash).toString('base64'),
        tsa: 'Verity Demo TSA — demo only',
        tsaUrl: timestamp.tsaUrl,
        demo: true,
        checkpoint: checkpoint.note,
        token: Buffer.from(timestamp.token).toString('base64'),
        certificates: timestamp.certificates,
        anchoredAt: '2026-12-07T08:00:01.000Z',
      },
    ]);
    // Without ?from: the newest, which include these (nothing newer than the newest checkpoint can be anchored yet… unless sealed meanwhile).
    expect((await listed('')).length).toBeGreaterThan(0);
  });

  it('is append-only and refuses half an anchor', async () => {
    const { evm } = await anchorAtNewestCheckpoint();
    await storeEvmAnchor(evm);
    const pool = getPool();
    await expect(
      pool.query(`UPDATE log_anchors SET block_number = 8 WHERE contract = $1`, [evm.contract]),
    ).rejects.toThrow(/append-only/);
    await expect(pool.query(`DELETE FROM log_anchors WHERE contract = $1`, [evm.contract])).rejects.toThrow(
      /append-only/,
    );
    await expect(
      pool.query(
        `INSERT INTO log_anchors (id, kind, tree_size, root_hash, chain_id, contract, transaction_hash, block_number, anchored_at)
         VALUES (gen_random_uuid(), 'evm', $1, $2, 1, $3, $4, 1, now())`,
        [evm.treeSize.toString(), Buffer.from(evm.rootHash), hex(20), hex(32)],
      ),
    ).rejects.toThrow(/check constraint/);
    await expect(
      pool.query(
        `INSERT INTO log_anchors (id, kind, tree_size, root_hash, tsa_url, tsa_name, checkpoint, token, anchored_at)
         VALUES (gen_random_uuid(), 'rfc3161', $1, $2, 'http://x', 'x', 'x', '\\x00', now())`,
        [evm.treeSize.toString(), Buffer.from(evm.rootHash)],
      ),
    ).rejects.toThrow(/check constraint/); // a token without the TSA's certificates
  });

  it('answers 422 for a query that is not a tree size', async () => {
    for (const query of ['?from=abc', '?from=-1', '?to=5', '?from=5&to=4', '?size=3']) {
      const response = await route(new Request(`http://portal.test/api/v1/log/anchors${query}`));
      expect(response.status, query).toBe(422);
      expect((await response.json()).error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('counts failures in a row for admins and clears them on success', async () => {
    const target = `evm:31337:${hex(20)}`;
    await recordAnchorOutcome(target, { ok: false, code: 'CHAIN_UNREACHABLE', message: 'connection refused' });
    await recordAnchorOutcome(target, { ok: false, code: 'CHAIN_UNREACHABLE', message: 'connection refused' });
    let status = (await anchorStatuses()).find((s) => s.target === target);
    expect(status).toMatchObject({ failuresInRow: 2, lastErrorCode: 'CHAIN_UNREACHABLE', lastSuccessAt: null });
    await recordAnchorOutcome(target, { ok: true });
    status = (await anchorStatuses()).find((s) => s.target === target);
    expect(status?.failuresInRow).toBe(0);
    expect(status?.lastSuccessAt).toBeInstanceOf(Date);
  });
});
