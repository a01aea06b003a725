/**
 * The log asks its witnesses, end to end: a log in a database of this file's own (sealed through
 * the real sequencer), real witnesses (lib/witness) over HTTP on free ports, and fake ones that
 * answer garbage, too slowly, or with a key other than the configured one. The Cosigner runs with
 * short time-outs and back-offs; `settle()` runs its rounds until nothing is behind.
 *
 * The pool (lib/db/pool.ts) reads DATABASE_URL on first use, so pointing it at our database
 * before anything else runs keeps the shared test log out of it (as lib/ledger/audit's tests do).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getDepositRoute } from '@/app/api/v1/deposits/[id]/route';
import { GET as alarmsRoute } from '@/app/api/v1/log/alarms/route';
import { GET as checkpointRoute } from '@/app/api/v1/log/checkpoint/route';
import { GET as witnessesRoute } from '@/app/api/v1/log/witnesses/route';
import { getPool } from '@/lib/db/pool';
import { acceptDeposits } from '@/lib/ledger/accept-deposits';
import { type AuditDatabase, createAuditDatabase, createOrg, tamper } from '@/lib/ledger/audit/audit.testing';
import { runCli } from '@/lib/ledger/audit/cli.testing';
import { formatReport } from '@/lib/ledger/audit/format-report';
import { verifyLedger } from '@/lib/ledger/audit/verify-ledger';
import { ZWitnessAlarms, ZWitnessPolicy } from '@/lib/ledger/log.schema';
import type { SealedReceipt } from '@/lib/ledger/receipt';
import { ZSealedReceipt } from '@/lib/ledger/receipt.schema';
import { onSealed } from '@/lib/ledger/sequencer';
import {
  bytesToBase64,
  checkCosignatures,
  formatCheckpoint,
  generateNoteKeys,
  parseCheckpoint,
  parseSignedNote,
  signNote,
  verifyCosignedCheckpoint,
  verifyTlogProof,
} from '@/lib/tlog';
import { addCheckpointBody, makeWitnessDir, post, TestLog } from '@/lib/witness/witness.testing';
import { type RunningWitness, startWitnessServer } from '@/lib/witness/witness-server';
import { documented } from '@/test/api/openapi-check';
import { roleActor } from '@/test/builders';
import type { CosignOutcome } from './cosign-with-witness';
import { Cosigner } from './cosigner';
import { getWitnessingStatus } from './get-witnessing-status';
import type { ConfiguredWitness } from './witness-policy';

// Every answer is checked against the served OpenAPI document.
const getDeposit = documented('GET', '/deposits/{id}', getDepositRoute);
const getCheckpoint = documented('GET', '/log/checkpoint', checkpointRoute);
const getWitnesses = documented('GET', '/log/witnesses', witnessesRoute);
const getAlarms = documented('GET', '/log/alarms', alarmsRoute);

let db: AuditDatabase;
let org: { id: string; name: string };
let keys: { signerKey: string; verifierKey: string };
let origin: string;

interface Served {
  name: string;
  dir: string;
  verifierKey: string;
  port: number;
  server: RunningWitness | undefined;
}
const witnesses = new Map<string, Served>();
const fakes: http.Server[] = [];
const outcomes: Array<{ name: string; outcome: CosignOutcome }> = [];

async function serveWitness(label: string, name = `witness.test/${label}-${randomBytes(3).toString('hex')}`) {
  const { dir, verifierKeys } = await makeWitnessDir([new TestLog(origin, keys)], { name });
  const server = await startWitnessServer(dir, { port: 0 });
  const served = { name: label, dir, verifierKey: verifierKeys[0] as string, port: server.port, server };
  witnesses.set(label, served);
  return served;
}

async function stop(label: string): Promise<void> {
  const w = witnesses.get(label) as Served;
  await w.server?.close();
  w.server = undefined;
}

async function restart(label: string): Promise<void> {
  const w = witnesses.get(label) as Served;
  w.server = await startWitnessServer(w.dir, { port: w.port });
}

const urlOf = (w: { port: number }) => `http://127.0.0.1:${w.port}`;

const NAMES: Record<string, string> = { a: '示范公证处', b: '示范司法鉴定中心', c: '示范行业协会' };

/** Configures the log's witnesses (labels of served witnesses, or explicit entries) and quorum. */
function configure(entries: Array<string | ConfiguredEntry>, quorum: number): void {
  const list = entries.map((e) => {
    if (typeof e !== 'string') return e;
    const w = witnesses.get(e) as Served;
    return { name: NAMES[e] ?? `机构 ${e}`, nameEn: `Institution ${e}`, verifierKey: w.verifierKey, url: urlOf(w) };
  });
  process.env.VERITY_WITNESSES = JSON.stringify(list);
  process.env.VERITY_WITNESS_QUORUM = String(quorum);
}
interface ConfiguredEntry {
  name: string;
  verifierKey: string;
  url: string;
}

const cosigner = new Cosigner({
  timeoutMs: 2000, // generous: the witnesses share this busy process
  backoffMs: 20,
  maxBackoffMs: 100,
  catchUpMs: 60_000,
  roundIntervalMs: 5,
  report: (witness: ConfiguredWitness, outcome: CosignOutcome) => outcomes.push({ name: witness.name, outcome }),
});

async function deposit(count = 1): Promise<SealedReceipt[]> {
  const { receipts } = await acceptDeposits({
    org,
    requests: Array.from({ length: count }, () => ({ digests: { sha256: randomBytes(32).toString('hex') } })),
    wait: true,
  });
  return receipts as SealedReceipt[];
}

async function latestSize(): Promise<bigint> {
  const { rows } = await getPool().query<{ s: string }>('SELECT max(tree_size)::text AS s FROM checkpoints');
  return BigInt(rows[0]?.s ?? 0);
}

async function servedNote(): Promise<string> {
  const answer = await getCheckpoint();
  expect(answer.status).toBe(200);
  return answer.text();
}

async function receiptOf(id: string): Promise<SealedReceipt> {
  const answer = await getDeposit(new Request('http://verity.test'), { params: Promise.resolve({ id }) });
  expect(answer.status).toBe(200);
  return ZSealedReceipt.parse(await answer.json());
}

function policyKeys(...labels: string[]): string[] {
  return labels.map((l) => (witnesses.get(l) as Served).verifierKey);
}

async function cosignedSizes(label: string): Promise<bigint[]> {
  const { rows } = await getPool().query<{ tree_size: string }>(
    'SELECT tree_size FROM checkpoint_cosignatures WHERE witness_key = $1 ORDER BY tree_size',
    [(witnesses.get(label) as Served).verifierKey],
  );
  return rows.map((r) => BigInt(r.tree_size));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A checkpoint of this log's origin at `size` with a random root, signed with the log's own key. */
function forgedCheckpoint(size: bigint): string {
  return signNote(formatCheckpoint({ origin, size, rootHash: randomBytes(32) }), keys.signerKey);
}

beforeAll(async () => {
  db = await createAuditDatabase();
  process.env.DATABASE_URL = db.url;
  origin = `verity.test/cosign-${randomBytes(4).toString('hex')}`;
  keys = generateNoteKeys(origin);
  process.env.VERITY_LOG_SIGNER_KEY = keys.signerKey;
  const id = await createOrg(db.pool);
  org = { id, name: `Audit test ${id}` };
  for (const label of ['a', 'b', 'c']) await serveWitness(label);
}, 60_000);

afterAll(async () => {
  await cosigner.stop();
  for (const w of witnesses.values()) {
    await w.server?.close();
    await rm(w.dir, { recursive: true, force: true });
  }
  for (const f of fakes) await new Promise((resolve) => f.close(resolve));
  delete process.env.VERITY_WITNESSES;
  delete process.env.VERITY_WITNESS_QUORUM;
  const { closePool } = await import('@/lib/db/pool');
  await closePool();
  await db?.drop();
});

describe('the log asks its witnesses', () => {
  it('with witnesses configured and none cosigned yet, serves the log’s own checkpoint and says "not witnessed"', async () => {
    configure(['a', 'b', 'c'], 2);
    const [receipt] = await deposit(2);
    expect(receipt?.witnessed).toBeNull(); // the 201's receipt: just sealed, nobody has seen it
    const note = await servedNote();
    expect(parseCheckpoint(parseSignedNote(note).text).size).toBe(await latestSize());
    expect(parseSignedNote(note).signatures).toHaveLength(1); // the log's own line only
    expect(() =>
      verifyCosignedCheckpoint(note, [keys.verifierKey], { witnesses: policyKeys('a', 'b', 'c'), quorum: 2 }),
    ).toThrow(/0 of 3 witnesses cosigned/);
    expect((await receiptOf(receipt?.id as string)).witnessed).toBeNull();

    const witnessesAnswer = await getWitnesses();
    expect(ZWitnessPolicy.parse(await witnessesAnswer.json())).toEqual({
      policy: { quorum: 2 },
      witnesses: ['a', 'b', 'c'].map((l) => ({
        name: NAMES[l],
        nameEn: `Institution ${l}`,
        verifierKey: (witnesses.get(l) as Served).verifierKey,
        url: urlOf(witnesses.get(l) as Served),
      })),
    });
  });

  it('after a seal, all three witnesses cosign the newest checkpoint; the API serves it cosigned and receipts upgrade', async () => {
    const stopListening = onSealed(() => cosigner.poke());
    try {
      const [receipt] = await deposit(3);
      const size = await latestSize();
      // The seal's poke alone does it: wait for the served checkpoint to carry three cosignatures.
      const deadline = Date.now() + 5000;
      let note = await servedNote();
      while (parseSignedNote(note).signatures.length < 4 && Date.now() < deadline) {
        await sleep(20);
        note = await servedNote();
      }
      const verified = verifyCosignedCheckpoint(note, [keys.verifierKey], {
        witnesses: policyKeys('a', 'b', 'c'),
        quorum: 3,
      });
      expect(verified.checkpoint.size).toBe(size);
      expect(verified.cosignatures.cosigned.map((c) => c.name)).toHaveLength(3);

      const upgraded = await receiptOf(receipt?.id as string);
      expect(upgraded.witnessed).toEqual({ quorum: 2, of: 3, by: [NAMES.a, NAMES.b, NAMES.c] });
      expect(upgraded.checkpoint).toBe(note);
      expect(BigInt(upgraded.treeSize)).toBe(size);
      // The offline proof carries the cosigned note and still verifies with the log's key.
      verifyTlogProof(upgraded.tlogProof, Buffer.from(upgraded.leaf, 'base64'), [keys.verifierKey]);
      expect(upgraded.tlogProof).toContain(note);
    } finally {
      stopListening();
    }
  });

  it('one witness down: the other two meet the quorum; the down one catches up later from its own last size', async () => {
    await cosigner.settle();
    const before = (await cosignedSizes('c')).at(-1) as bigint;
    await stop('c');
    await deposit(2);
    await cosigner.settle();
    const size = await latestSize();
    const note = await servedNote();
    const check = verifyCosignedCheckpoint(note, [keys.verifierKey], {
      witnesses: policyKeys('a', 'b', 'c'),
      quorum: 2,
    });
    expect(check.checkpoint.size).toBe(size);
    expect(check.cosignatures.cosigned).toHaveLength(2);
    expect(outcomes.some((o) => o.name === NAMES.c && o.outcome.kind === 'failed')).toBe(true);
    expect((await cosignedSizes('c')).at(-1)).toBe(before);

    await deposit(1); // the log moves on while c is away
    await cosigner.settle();
    await restart('c');
    await sleep(150); // past c's back-off
    outcomes.length = 0;
    await cosigner.settle();
    const caughtUp = await latestSize();
    expect((await cosignedSizes('c')).at(-1)).toBe(caughtUp);
    // c was asked once, with a consistency proof from the size it had cosigned: no 409, no retry.
    expect(outcomes.filter((o) => o.name === NAMES.c).map((o) => o.outcome.kind)).toEqual(['cosigned']);
    expect(caughtUp > before + 1n).toBe(true);
  });

  it('two witnesses down: deposits still seal fast, the API serves the last witnessed checkpoint, receipts say which', async () => {
    await cosigner.settle();
    const witnessedSize = await latestSize();
    const [older] = await deposit(1);
    await cosigner.settle(); // all three up: this one is witnessed too
    const witnessedAt = await latestSize();
    await stop('b');
    await stop('c');
    const started = performance.now();
    const fresh = await deposit(5);
    expect(performance.now() - started).toBeLessThan(1000); // sealing never waits for witnesses
    await cosigner.settle();
    expect(await latestSize()).toBeGreaterThan(witnessedAt);

    const note = await servedNote();
    const served = verifyCosignedCheckpoint(note, [keys.verifierKey], {
      witnesses: policyKeys('a', 'b', 'c'),
      quorum: 2,
    });
    expect(served.checkpoint.size).toBe(witnessedAt); // not the newest: the newest is cosigned by a alone
    expect(witnessedAt > witnessedSize).toBe(true);

    // The older deposit's receipt is to the witnessed checkpoint; the new one's to the newest, not witnessed.
    const olderReceipt = await receiptOf(older?.id as string);
    expect(BigInt(olderReceipt.treeSize)).toBe(witnessedAt);
    expect(olderReceipt.witnessed?.by).toHaveLength(3);
    const freshReceipt = await receiptOf(fresh[0]?.id as string);
    expect(BigInt(freshReceipt.treeSize)).toBe(await latestSize());
    expect(freshReceipt.witnessed).toBeNull();
    // It carries a's cosignature, which alone is not the quorum.
    const partial = checkCosignatures(freshReceipt.checkpoint, { witnesses: policyKeys('a', 'b', 'c'), quorum: 2 });
    expect(partial.cosigned.map((c) => c.name)).toHaveLength(1);
    expect(partial.satisfied).toBe(false);

    await restart('b');
    await restart('c');
    await sleep(150);
    await cosigner.settle();
    const upgraded = await receiptOf(fresh[0]?.id as string);
    expect(upgraded.witnessed).toEqual({ quorum: 2, of: 3, by: [NAMES.a, NAMES.b, NAMES.c] });
    expect(BigInt(upgraded.treeSize)).toBe(await latestSize());
  });

  it('409: a witness behind what the log remembers (restored without its state) and one ahead (it cosigned for another process) get a retry from their size', async () => {
    await cosigner.settle();
    // Behind: c loses its state; the log still remembers c's last size.
    await stop('c');
    const state = path.join((witnesses.get('c') as Served).dir, 'state');
    await rm(state, { recursive: true, force: true });
    await mkdir(state, { mode: 0o700 });
    await restart('c');
    // Ahead: a new witness d that already cosigned the newest checkpoint, asked by someone else.
    const d = await serveWitness('d');
    const size = await latestSize();
    const { rows } = await getPool().query<{ note: string }>('SELECT note FROM checkpoints WHERE tree_size = $1', [
      size.toString(),
    ]);
    const direct = await post(urlOf(d), addCheckpointBody(0, [], rows[0]?.note as string));
    expect(direct.status).toBe(200);
    configure(['a', 'b', 'c', 'd'], 2);
    await deposit(2);
    outcomes.length = 0;
    await cosigner.settle();
    const newest = await latestSize();
    expect((await cosignedSizes('c')).at(-1)).toBe(newest);
    expect((await cosignedSizes('d')).at(-1)).toBe(newest);
    expect(outcomes.filter((o) => o.outcome.kind !== 'cosigned')).toEqual([]);
    const note = await servedNote();
    expect(
      verifyCosignedCheckpoint(note, [keys.verifierKey], { witnesses: policyKeys('a', 'b', 'c', 'd'), quorum: 4 })
        .cosignatures.cosigned,
    ).toHaveLength(4);
  });

  it('equivocation: witnesses shown another history refuse, and each refusal is an alarm with its evidence', async () => {
    await cosigner.settle();
    const size = await latestSize();
    // Three witnesses are first shown forged checkpoints of this log (signed with its own key):
    // e at the size the log is about to reach, f at a size below it, g beyond anything it signed.
    for (const label of ['e', 'f', 'g']) await serveWitness(label);
    const forged = {
      e: forgedCheckpoint(size + 1n),
      f: forgedCheckpoint(size - 1n),
      g: forgedCheckpoint(size + 1000n),
    };
    for (const [label, note] of Object.entries(forged)) {
      const answer = await post(urlOf(witnesses.get(label) as Served), addCheckpointBody(0, [], note));
      expect(answer.status).toBe(200);
    }
    configure(['a', 'b', 'c', 'd', 'e', 'f', 'g'], 2);
    await deposit(1); // size + 1: the true checkpoint at e's forged size
    outcomes.length = 0;
    await cosigner.settle();

    // (A witness may be asked again after its back-off within settle(): one alarm per witness and kind.)
    const alarms = new Set(
      outcomes
        .filter((o) => o.outcome.kind === 'alarm')
        .map((o) => `${o.name} ${(o.outcome as { alarm: string }).alarm}`),
    );
    expect([...alarms].sort().map((a) => a.split(/ (?=[a-z_]+$)/))).toEqual(
      [
        ['机构 e', 'other_root'],
        ['机构 f', 'proof_refused'],
        ['机构 g', 'ahead_of_log'],
      ].sort(),
    );
    for (const label of ['e', 'f', 'g']) expect(await cosignedSizes(label)).toEqual([]);
    // The honest witnesses cosigned regardless.
    const note = await servedNote();
    expect(parseCheckpoint(parseSignedNote(note).text).size).toBe(size + 1n);

    const answer = await getAlarms();
    const listed = ZWitnessAlarms.parse(await answer.json());
    expect(listed.total).toBe(3);
    const byKind = new Map(listed.alarms.map((a) => [a.kind, a]));
    const otherRoot = byKind.get('other_root');
    expect(otherRoot?.status).toBe(422);
    expect(otherRoot?.checkpointSize).toBe(Number(size + 1n));
    expect(otherRoot?.oldSize).toBe(Number(size + 1n));
    expect(otherRoot?.witnessCheckpoint).toContain(parseSignedNote(forged.e).text); // the other history, as the witness holds it
    expect(otherRoot?.checkpoint).toContain(`\n${size + 1n}\n`);
    const refused = byKind.get('proof_refused');
    expect(refused?.status).toBe(422);
    expect(refused?.oldSize).toBe(Number(size - 1n));
    expect(refused?.proof.length).toBeGreaterThan(0);
    const ahead = byKind.get('ahead_of_log');
    expect(ahead?.status).toBe(409);
    expect(ahead?.witnessSize).toBe(Number(size + 1000n));
    expect(ahead?.witnessCheckpoint).toContain(parseSignedNote(forged.g).text);

    // Asked again after their back-off, even about a newer checkpoint, the same refusals are not stored twice.
    await sleep(150);
    await cosigner.settle();
    await deposit(1);
    await sleep(150);
    outcomes.length = 0;
    await cosigner.settle();
    expect(outcomes.filter((o) => o.outcome.kind === 'alarm').length).toBeGreaterThanOrEqual(3);
    expect(ZWitnessAlarms.parse(await (await getAlarms()).json()).total).toBe(3);

    // The audit reports them and fails.
    const report = await verifyLedger({ pool: db.pool, verifierKey: keys.verifierKey });
    expect(report.ok).toBe(false);
    expect(report.findings.filter((x) => x.kind === 'WITNESS_ALARM')).toHaveLength(3);
    expect(formatReport(report).join('\n')).toMatch(/witness 机构 e .*another tree of size/);
  });

  it('administrators see the witnesses, how far the ledger is witnessed, and the alarms; no one else does', async () => {
    const actor = roleActor;
    const status = await getWitnessingStatus(actor('admin'));
    expect(status.quorum).toBe(2);
    expect(status.witnesses.map((w) => w.name)).toEqual([
      NAMES.a,
      NAMES.b,
      NAMES.c,
      '机构 d',
      '机构 e',
      '机构 f',
      '机构 g',
    ]);
    expect(status.witnesses[0]?.lastCosigned?.treeSize).toBe(Number(await latestSize()));
    expect(status.witnesses[4]?.lastCosigned).toBeNull(); // e never cosigned
    expect(status.witnessedSize).toBe(Number(await latestSize()));
    expect(status.alarms.total).toBe(3);
    expect(status.alarms.newest.map((a) => a.kind).sort()).toEqual(['ahead_of_log', 'other_root', 'proof_refused']);
    for (const role of ['clerk', 'judge', 'litigant', 'depositor'] as const) {
      await expect(getWitnessingStatus(actor(role))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('the audit verifies every stored cosignature: one changed past the trigger is found', async () => {
    const before = await verifyLedger({ pool: db.pool, verifierKey: keys.verifierKey });
    expect(before.cosignaturesChecked).toBeGreaterThan(10);
    expect(before.findings.filter((x) => x.kind !== 'WITNESS_ALARM')).toEqual([]);
    const { rows } = await db.pool.query<{ tree_size: string; witness_key: string; signature_line: string }>(
      'SELECT tree_size, witness_key, signature_line FROM checkpoint_cosignatures ORDER BY tree_size DESC LIMIT 1',
    );
    const row = rows[0] as { tree_size: string; witness_key: string; signature_line: string };
    // Another cosignature line of the same witness (another checkpoint's): well formed, wrong here.
    const { rows: others } = await db.pool.query<{ signature_line: string }>(
      'SELECT signature_line FROM checkpoint_cosignatures WHERE witness_key = $1 AND tree_size < $2 LIMIT 1',
      [row.witness_key, row.tree_size],
    );
    const sql = 'UPDATE checkpoint_cosignatures SET signature_line = $1 WHERE tree_size = $2 AND witness_key = $3';
    await tamper(db.pool, sql, [others[0]?.signature_line, row.tree_size, row.witness_key]);
    try {
      const report = await verifyLedger({ pool: db.pool, verifierKey: keys.verifierKey });
      const bad = report.findings.filter((x) => x.kind === 'COSIGNATURE_INVALID');
      expect(bad).toHaveLength(1);
      expect(bad[0]?.treeSize).toBe(BigInt(row.tree_size));
      expect(bad[0]?.message).toMatch(/does not verify/);
    } finally {
      await tamper(db.pool, sql, [row.signature_line, row.tree_size, row.witness_key]);
    }
  });

  it('`npm run ledger:verify` exits 1 and names the alarms', { timeout: 60_000 }, async () => {
    const result = await runCli({ DATABASE_URL: db.url, VERITY_LOG_VERIFIER_KEY: keys.verifierKey });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/WITNESS_ALARM/);
    expect(result.stdout).toMatch(/witness alarm/i);
  });

  it('a witness that answers garbage, too slowly, or with another key than configured: nothing stored, each logged', async () => {
    const fake = (handler: http.RequestListener) =>
      new Promise<number>((resolve) => {
        const server = http.createServer(handler);
        fakes.push(server);
        server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
      });
    const garbagePort = await fake((_req, res) => res.end('this is not a cosignature\n'));
    const bogusLinePort = await fake((_req, res) =>
      res.end(`\u2014 witness.test/bogus ${bytesToBase64(randomBytes(76))}\n`),
    );
    const slowPort = await fake((_req, res) => setTimeout(() => res.end(''), 6000).unref());
    // A real witness, but configured with the key of another witness of the same name.
    const impostorName = `witness.test/impostor-${randomBytes(3).toString('hex')}`;
    const configured = await makeWitnessDir([new TestLog(origin, keys)], { name: impostorName });
    const impostor = await serveWitness('impostor', impostorName);
    const bogusKey = (await makeWitnessDir([], { name: 'witness.test/bogus' })).verifierKeys[0] as string;
    await rm(configured.dir, { recursive: true, force: true });

    const entry = (label: string, port: number, verifierKey: string) => ({
      name: `机构 ${label}`,
      verifierKey,
      url: `http://127.0.0.1:${port}`,
    });
    configure(
      [
        'a',
        'b',
        entry('garbage', garbagePort, policyKeys('e')[0] as string),
        entry('bogus', bogusLinePort, bogusKey),
        entry('slow', slowPort, policyKeys('f')[0] as string),
        entry('impostor', impostor.port, configured.verifierKeys[0] as string),
      ],
      2,
    );
    outcomes.length = 0;
    const started = performance.now();
    await deposit(1);
    const size = await latestSize();
    cosigner.poke();
    // The quorum is met without waiting for the slow one's time-out.
    for (;;) {
      const note = await servedNote();
      if (parseCheckpoint(parseSignedNote(note).text).size === size) break;
      expect(performance.now() - started).toBeLessThan(1800); // less than the slow one’s 2 s time-out
      await sleep(10);
    }
    await cosigner.settle();
    const failed = new Map(
      outcomes
        .filter((o) => o.outcome.kind === 'failed')
        .map((o) => [o.name, (o.outcome as { message: string }).message]),
    );
    expect(failed.get('机构 garbage')).toMatch(/not a cosignature|not note signature lines/);
    expect(failed.get('机构 bogus')).toMatch(/without a valid cosignature/);
    expect(failed.get('机构 slow')).toMatch(/no answer within 2000 ms/);
    expect(failed.get('机构 impostor')).toMatch(/without a valid cosignature.*key the policy does not list/);
    const { rows } = await getPool().query<{ n: string }>(
      'SELECT count(*) AS n FROM checkpoint_cosignatures WHERE witness_key = ANY($1::text[])',
      [[bogusKey, configured.verifierKeys[0], ...policyKeys('e', 'f')]],
    );
    expect(rows[0]?.n).toBe('0');
  });

  it('two processes poked at once: one asks (the advisory lock), each witness is asked once', async () => {
    configure(['a', 'b', 'c'], 2);
    await cosigner.settle();
    const other: Array<{ name: string; outcome: CosignOutcome }> = [];
    const second = new Cosigner({
      timeoutMs: 2000,
      catchUpMs: 60_000,
      roundIntervalMs: 5,
      report: (witness, outcome) => other.push({ name: witness.name, outcome }),
    });
    try {
      await deposit(1);
      outcomes.length = 0;
      cosigner.poke();
      second.poke();
      await Promise.all([cosigner.settle(), second.settle()]);
      await sleep(300); // the loser's retry finds nothing behind
      await second.settle();
      const all = [...outcomes, ...other];
      expect(all.map((o) => o.outcome.kind)).toEqual(['cosigned', 'cosigned', 'cosigned']);
      expect(new Set(all.map((o) => o.name))).toEqual(new Set([NAMES.a, NAMES.b, NAMES.c]));
      for (const label of ['a', 'b', 'c']) expect((await cosignedSizes(label)).at(-1)).toBe(await latestSize());
    } finally {
      await second.stop();
    }
  });

  it('rounds stay the interval apart however often seals poke (each round reads PostgreSQL)', async () => {
    configure(['a', 'b', 'c'], 2);
    await cosigner.settle();
    const spaced = new Cosigner({ timeoutMs: 2000, catchUpMs: 60_000, roundIntervalMs: 100, report: () => {} });
    try {
      const started = Date.now();
      while (Date.now() - started < 1000) {
        await deposit(1); // a seal, as under load: every one pokes
        for (let i = 0; i < 5; i++) spaced.poke();
        await sleep(2);
      }
      await spaced.settle();
      const elapsed = Date.now() - started;
      expect(spaced.rounds).toBeGreaterThanOrEqual(3);
      expect(spaced.rounds).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 2);
      for (const label of ['a', 'b', 'c']) expect((await cosignedSizes(label)).at(-1)).toBe(await latestSize());
    } finally {
      await spaced.stop();
    }
  });

  it('on start, a cosigner brings a witness that is behind up to the newest checkpoint, with no seal to prompt it', async () => {
    configure(['a', 'b', 'c', 'd'], 2); // d was left out above: it is behind
    const behind = (await cosignedSizes('d')).at(-1) as bigint;
    expect(behind < (await latestSize())).toBe(true);
    const starting = new Cosigner({ timeoutMs: 2000, catchUpMs: 60_000, roundIntervalMs: 5, report: () => {} });
    try {
      starting.start();
      const deadline = Date.now() + 5000;
      while ((await cosignedSizes('d')).at(-1) !== (await latestSize()) && Date.now() < deadline) await sleep(20);
      expect((await cosignedSizes('d')).at(-1)).toBe(await latestSize());
    } finally {
      await starting.stop();
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE of cosignatures and alarms', async () => {
    for (const sql of [
      'UPDATE checkpoint_cosignatures SET witness_name = witness_name',
      'DELETE FROM checkpoint_cosignatures',
      'TRUNCATE checkpoint_cosignatures',
      "UPDATE witness_alarms SET response_body = ''",
      'DELETE FROM witness_alarms',
      'TRUNCATE witness_alarms',
    ]) {
      await expect(db.pool.query(sql), sql).rejects.toThrow(/append-only/);
    }
  });
});
