/**
 * The anchoring job on real components: a real EVM node (anvil) with the EvidenceAnchor contract,
 * the built-in RFC 3161 responder, and the shared test database, into which other files seal at the
 * same time (so sizes are read, never assumed). Each anchor the job stores is read back with raw
 * JSON-RPC — eth_getTransactionReceipt, eth_getBlockByNumber, eth_call of rootAt — not with the
 * project's chain client; each stored token passes `openssl ts -verify` over the checkpoint text and
 * fails it over a changed text. Then the schedule (every N leaves or M seconds, one transaction per
 * interval), the chain going down during a burst of deposits (nothing recorded, retried, resumed,
 * no duplicate) and a chain that holds another root for the size (an alarm, never an anchor).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPool } from '@/lib/db/pool';
import { checkpointAt } from '@/lib/ledger/latest-checkpoint';
import { buildDepositorOrg, syntheticDeposit } from '@/lib/ledger/ledger.testing';
import { sealBatch } from '@/lib/ledger/seal-batch';
import { roleActor } from '@/test/builders';
import type { AnchorSettings } from './anchor-settings';
import { anchorStatuses } from './anchor-store';
import { runHoldingTheLock, startTestAnchors, type TestAnchors } from './anchors.testing';
import { getAnchoringStatus } from './get-anchoring-status';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const ANCHORED_TOPIC = `0x${hex(keccak_256(new TextEncoder().encode('Anchored(uint64,bytes32,uint256)')))}`;
const ROOT_AT = hex(keccak_256(new TextEncoder().encode('rootAt(uint64)'))).slice(0, 8);

async function rpc<T>(url: string, method: string, params: unknown[]): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

interface StoredRow {
  tree_size: string;
  root_hash: Buffer;
  transaction_hash: string;
  block_number: string;
  block_hash: string;
  anchored_at: Date;
}

/** One stored EVM anchor, read back from the node by raw JSON-RPC. */
async function expectOnChain(url: string, contract: string, row: StoredRow): Promise<void> {
  const receipt = await rpc<{
    status: string;
    to: string;
    blockHash: string;
    blockNumber: string;
    logs: Array<{ address: string; topics: string[]; data: string }>;
  }>(url, 'eth_getTransactionReceipt', [row.transaction_hash]);
  expect(receipt.status).toBe('0x1');
  expect(receipt.to.toLowerCase()).toBe(contract);
  expect(receipt.blockHash).toBe(row.block_hash);
  expect(BigInt(receipt.blockNumber)).toBe(BigInt(row.block_number));
  const log = receipt.logs.find((l) => l.topics[0] === ANCHORED_TOPIC);
  expect(log?.address.toLowerCase()).toBe(contract);
  expect(BigInt(log?.topics[1] ?? '0x0')).toBe(BigInt(row.tree_size)); // tree size, indexed
  expect(log?.data.slice(2, 66)).toBe(hex(row.root_hash)); // root, then time
  const block = await rpc<{ hash: string; timestamp: string }>(url, 'eth_getBlockByNumber', [
    receipt.blockNumber,
    false,
  ]);
  expect(block.hash).toBe(row.block_hash);
  expect(Number(BigInt(`0x${log?.data.slice(66, 130)}`))).toBe(Number(BigInt(block.timestamp)));
  expect(row.anchored_at.getTime()).toBe(Number(BigInt(block.timestamp)) * 1000);
  const sizeWord = BigInt(row.tree_size).toString(16).padStart(64, '0');
  const root = await rpc<string>(url, 'eth_call', [{ to: contract, data: `0x${ROOT_AT}${sizeWord}` }, 'latest']);
  expect(root).toBe(`0x${hex(row.root_hash)}`);
}

describe('the anchoring job', () => {
  let anchors: TestAnchors;
  let org: { id: string };

  const settings = (everyLeaves: number, intervalMs = 3_600_000) => anchors.settings({ everyLeaves, intervalMs });
  const job = (s: AnchorSettings) => anchors.job({ settings: s });
  const seal = async (n: number) => sealBatch(Array.from({ length: n }, () => syntheticDeposit(org.id)));
  const stored = async () =>
    (
      await getPool().query<StoredRow>(
        `SELECT tree_size, root_hash, transaction_hash, block_number, block_hash, anchored_at FROM log_anchors
          WHERE kind = 'evm' AND contract = $1 AND chain_id = $2 ORDER BY tree_size`,
        [anchors.contract, anchors.chain.chainId],
      )
    ).rows;

  beforeAll(async () => {
    anchors = await startTestAnchors();
    org = await buildDepositorOrg();
  });

  afterAll(() => anchors?.stop());

  it('anchors the newest checkpoint, time-stamps it, and both check outside the project', async () => {
    await seal(3);
    const outcome = await runHoldingTheLock(job(settings(1)));
    expect(outcome.failures).toEqual([]);
    expect(outcome.anchored).not.toBeNull();
    expect(outcome.timestamped).toContain(outcome.anchored);
    const rows = await stored();
    expect(rows.map((r) => BigInt(r.tree_size))).toEqual([outcome.anchored]);
    for (const row of rows) await expectOnChain(anchors.chain.url, anchors.contract, row);

    const { rows: tokens } = await getPool().query<{ checkpoint: string; token: Buffer; certificates: string[] }>(
      `SELECT checkpoint, token, certificates FROM log_anchors WHERE kind = 'rfc3161' AND tsa_url = $1 AND tree_size = $2`,
      [anchors.tsa.url, String(outcome.anchored)],
    );
    expect(tokens).toHaveLength(1);
    const token = tokens[0] as { checkpoint: string; token: Buffer; certificates: string[] };
    const files = {
      data: path.join(anchors.dir, 'checkpoint.txt'),
      changed: path.join(anchors.dir, 'changed.txt'),
      token: path.join(anchors.dir, 'token.der'),
      root: path.join(anchors.dir, 'root.pem'),
      chain: path.join(anchors.dir, 'untrusted.pem'),
    };
    writeFileSync(files.data, token.checkpoint);
    writeFileSync(
      files.changed,
      token.checkpoint.replace(/\n\d+\n/, (m) => `\n${BigInt(m.trim()) + 1n}\n`),
    );
    writeFileSync(files.token, token.token);
    writeFileSync(files.root, token.certificates.at(-1) ?? '');
    writeFileSync(files.chain, token.certificates.slice(0, -1).join(''));
    const verify = (data: string) =>
      spawnSync('openssl', [
        'ts',
        '-verify',
        '-data',
        data,
        '-in',
        files.token,
        '-token_in',
        '-CAfile',
        files.root,
        '-untrusted',
        files.chain,
      ]);
    expect(verify(files.data).status, verify(files.data).stderr.toString()).toBe(0);
    expect(verify(files.changed).status).toBe(1);
  });

  it('anchors once per N leaves or M seconds, whatever else happens in between', async () => {
    // A contract of this test's own: its first anchor is due at once, and what other files seal
    // into the shared log meanwhile cannot make N (a million) leaves.
    const own = await anchors.deployAnother();
    const on = (everyLeaves: number, intervalMs: number) => {
      const s = settings(everyLeaves, intervalMs);
      return job({ ...s, chain: s.chain && { ...s.chain, contract: own } });
    };
    const count = async () =>
      Number(
        (
          await getPool().query<{ n: string }>(
            'SELECT count(*) AS n FROM log_anchors WHERE contract = $1 AND chain_id = $2',
            [own, anchors.chain.chainId],
          )
        ).rows[0]?.n,
      );
    await seal(1);
    const first = await runHoldingTheLock(on(1_000_000, 3_600_000));
    expect(first.failures).toEqual([]);
    expect(first.anchored).not.toBeNull(); // nothing anchored on it yet: due
    await seal(2);
    expect((await runHoldingTheLock(on(1_000_000, 3_600_000))).anchored).toBeNull(); // neither N leaves nor the hour
    expect(await count()).toBe(1);
    // By leaves: N = 1, and the log grew by at least our 2.
    const byLeaves = await runHoldingTheLock(on(1, 3_600_000));
    expect(byLeaves.anchored).toBeGreaterThan(first.anchored ?? 0n);
    // By time: an interval of 0 s makes any growth due.
    await seal(1);
    expect((await runHoldingTheLock(on(1_000_000, 0))).anchored).toBeGreaterThan(byLeaves.anchored ?? 0n);
    expect(await count()).toBe(3); // one transaction per due run, none between
  });

  it('survives the chain stopping during a burst: deposits sealed, failure recorded, resumed, no duplicate', async () => {
    const resilient = job(settings(1));
    await anchors.stopChain();
    const before = await stored();
    for (let i = 0; i < 5; i++) await seal(20); // the burst: sealing never waits for the chain
    const down = await runHoldingTheLock(resilient);
    expect(down.anchored).toBeNull();
    expect(down.failures.map((f) => f.code)).toContain('CHAIN_UNREACHABLE');
    expect((await stored()).length).toBe(before.length);
    const status = (await anchorStatuses()).find(
      (s) => s.target === `evm:${anchors.chain.chainId}:${anchors.contract}`,
    );
    expect(status?.failuresInRow).toBeGreaterThan(0);
    expect(status?.lastErrorCode).toBe('CHAIN_UNREACHABLE');

    await anchors.restartChain();
    await new Promise((resolve) => setTimeout(resolve, 5)); // past the 1 ms back-off
    const up = await runHoldingTheLock(resilient);
    expect(up.failures).toEqual([]);
    expect(up.anchored).not.toBeNull();
    const again = await runHoldingTheLock(resilient); // nothing new past the anchor: no second transaction
    const rows = await stored();
    expect(new Set(rows.map((r) => r.tree_size)).size).toBe(rows.length);
    expect(rows.length).toBe(before.length + 1 + (again.anchored === null ? 0 : 1));
    for (const row of rows) await expectOnChain(anchors.chain.url, anchors.contract, row);
    const logs = await rpc<unknown[]>(anchors.chain.url, 'eth_getLogs', [
      { address: anchors.contract, topics: [ANCHORED_TOPIC], fromBlock: '0x0', toBlock: 'latest' },
    ]);
    expect(logs.length).toBe(rows.length); // the chain holds exactly the anchors stored
  });

  it('raises an alarm, and stores no anchor, when the chain holds another root for the size', async () => {
    const rogue = await anchors.deployAnother();
    await seal(1);
    const { rows } = await getPool().query<{ tree_size: string }>(
      'SELECT max(tree_size) AS tree_size FROM checkpoints',
    );
    const size = BigInt(rows[0]?.tree_size ?? '0');
    // Someone with the contract's key wrote another root at the size the job will anchor.
    const other = new Uint8Array(32).fill(7);
    await anchors.client(rogue).anchor(size, other);
    const s = settings(1);
    const conflicted = anchors.job({
      settings: { ...s, chain: s.chain && { ...s.chain, contract: rogue } },
      candidate: () => checkpointAt(size), // other files seal meanwhile: the job is asked about `size` itself
    });
    const outcome = await runHoldingTheLock(conflicted);
    expect(outcome.anchored).toBeNull();
    expect(outcome.failures.map((f) => f.code)).toContain('ROOT_CONFLICT');
    const { rows: alarms } = await getPool().query<{ chain_root: Buffer }>(
      'SELECT chain_root FROM anchor_alarms WHERE contract = $1 AND tree_size = $2 AND chain_id = $3',
      [rogue, size.toString(), anchors.chain.chainId],
    );
    expect(alarms.map((a) => hex(a.chain_root))).toEqual([hex(other)]);
    const { rowCount } = await getPool().query('SELECT 1 FROM log_anchors WHERE contract = $1 AND chain_id = $2', [
      rogue,
      anchors.chain.chainId,
    ]);
    expect(rowCount).toBe(0);
  });

  it('shows admins, and only admins, the failures being retried and the alarms', async () => {
    const actor = roleActor;
    const status = await getAnchoringStatus(actor('admin'));
    // This process configures no chain (the jobs above were given theirs): the page says so.
    expect(status.chain).toBeNull();
    const mine = status.targets.filter((t) => t.target.startsWith(`evm:${anchors.chain.chainId}:`));
    expect(mine.some((t) => t.lastErrorCode === 'CHAIN_UNREACHABLE' || t.lastErrorCode === 'ROOT_CONFLICT')).toBe(true);
    expect(status.alarms.some((a) => a.chainRoot === '07'.repeat(32))).toBe(true);
    for (const role of ['clerk', 'judge', 'litigant', 'depositor'] as const) {
      await expect(getAnchoringStatus(actor(role))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});
