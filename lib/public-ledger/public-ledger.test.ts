/**
 * The public ledger page's reads on a ledger of their own (other files seal into the shared one at
 * the same time): the overview against the witness policy, paging, each kind of search, malformed
 * searches, and exactly which fields of a deposit leave the server.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors/app-error';
import { acceptDeposits } from '@/lib/ledger/accept-deposits';
import { type AuditDatabase, createAuditDatabase } from '@/lib/ledger/audit/audit.testing';
import type { SealedReceipt } from '@/lib/ledger/receipt';
import { sealBatch } from '@/lib/ledger/seal-batch';
import {
  formatSignatureLine,
  generateCosignerKeys,
  generateNoteKeys,
  hashLeaf,
  parseSignedNote,
  signCosignature,
  verifyCosignedCheckpoint,
} from '@/lib/tlog';
import { witnessPolicy } from '@/lib/witnessing/witness-policy';
import { storeAlarm, storeCosignature } from '@/lib/witnessing/witness-store';
import { getLedgerOverview } from './get-ledger-overview';
import { listRecentDeposits, RECENT_PAGE_SIZE } from './list-recent-deposits';
import { classifySearch, searchLedger } from './search-ledger';

let db: AuditDatabase;
let logKeys: { signerKey: string; verifierKey: string };
let org: { id: string; name: string };
const witnesses = ['notary', 'forensics', 'association'].map((slug) => ({
  slug,
  ...generateCosignerKeys(`witness.${slug}.example`),
}));
let receipts: SealedReceipt[] = [];

const PUBLIC_FIELDS = ['id', 'recordNumber', 'depositedAt', 'depositor', 'digests'];

async function deposit(requests: Parameters<typeof acceptDeposits>[0]['requests']): Promise<SealedReceipt[]> {
  const { receipts } = await acceptDeposits({ org, requests, wait: true });
  return receipts as SealedReceipt[];
}

async function newestCheckpoint(): Promise<{ size: bigint; note: string }> {
  const { rows } = await db.pool.query<{ tree_size: string; note: string }>(
    'SELECT tree_size, note FROM checkpoints ORDER BY tree_size DESC LIMIT 1',
  );
  return { size: BigInt(rows[0]?.tree_size ?? 0), note: rows[0]?.note ?? '' };
}

/** Witness `slug` cosigns the checkpoint `note` at `time`, stored through the domain function. */
async function cosign(slug: string, size: bigint, note: string, time: number): Promise<void> {
  const w = witnesses.find((x) => x.slug === slug);
  const configured = witnessPolicy().witnesses.find((x) => x.verifierKey === w?.verifierKey);
  if (!w || !configured) throw new Error(`no witness ${slug}`);
  const line = formatSignatureLine(signCosignature(w.signerKey, parseSignedNote(note).text, time));
  await storeCosignature({ treeSize: size, witness: configured, line, cosignedAt: new Date(time * 1000) }, db.pool);
}

beforeAll(async () => {
  db = await createAuditDatabase();
  process.env.DATABASE_URL = db.url;
  logKeys = generateNoteKeys(`verity.test/public-ledger-${randomBytes(4).toString('hex')}`);
  process.env.VERITY_LOG_SIGNER_KEY = logKeys.signerKey;
  process.env.VERITY_WITNESSES = JSON.stringify(
    witnesses.map((w, i) => ({
      name: ['示范公证处', '示范司法鉴定中心', '示范行业协会'][i],
      nameEn: ['Demo Notary Office', 'Demo Forensic Appraisal Centre', 'Demo Industry Association'][i],
      verifierKey: w.verifierKey,
      url: `http://127.0.0.1:${7390 + i}`,
    })),
  );
  process.env.VERITY_WITNESS_QUORUM = '2';
  org = { id: randomUUID(), name: `某某市某某区某某科技有限公司（一家名称很长的存证机构）${randomUUID()}` };
  await db.pool.query('INSERT INTO depositor_orgs (id, name) VALUES ($1, $2)', [org.id, org.name]);
  // 45 deposits: SHA-256 only, both digests, SM3 only; one with a title and metadata (their digests stay private).
  receipts = await deposit([
    { digests: { sha256: randomBytes(32).toString('hex') }, title: '合同扫描件（机密）', metadata: { case: 'x' } },
    ...Array.from({ length: 14 }, () => ({ digests: { sha256: randomBytes(32).toString('hex') } })),
  ]);
  receipts.push(
    ...(await deposit(
      Array.from({ length: 15 }, () => ({
        digests: { sha256: randomBytes(32).toString('hex'), sm3: randomBytes(32).toString('hex') },
      })),
    )),
  );
  receipts.push(
    ...(await deposit(Array.from({ length: 15 }, () => ({ digests: { sm3: randomBytes(32).toString('hex') } })))),
  );
}, 60_000);

afterAll(async () => {
  delete process.env.VERITY_WITNESSES;
  delete process.env.VERITY_WITNESS_QUORUM;
  const { closePool } = await import('@/lib/db/pool');
  await closePool();
  await db?.drop();
});

describe('getLedgerOverview', () => {
  it('before any witness cosigned: the newest checkpoint, every witness "not yet", no alarm', async () => {
    const overview = await getLedgerOverview(db.pool);
    const newest = await newestCheckpoint();
    expect(Object.keys(overview).sort()).toEqual(['alarms', 'checkpoint', 'logKey', 'quorum', 'records', 'witnesses']);
    expect(overview.records).toBe(Number(newest.size));
    expect(overview.checkpoint).toMatchObject({ treeSize: Number(newest.size), note: newest.note, witnessed: false });
    expect(overview.logKey).toBe(logKeys.verifierKey);
    expect(overview.quorum).toBe(2);
    expect(overview.witnesses.map((w) => [w.name, w.cosignedAt])).toEqual([
      ['示范公证处', null],
      ['示范司法鉴定中心', null],
      ['示范行业协会', null],
    ]);
    expect(overview.alarms).toEqual({ total: 0, newest: [] });
  });

  it('serves the newest checkpoint two witnesses cosigned, verifiable with the pinned keys; records count the newest', async () => {
    const witnessed = await newestCheckpoint();
    const t = Math.floor(Date.now() / 1000) - 60;
    await cosign('notary', witnessed.size, witnessed.note, t);
    await cosign('association', witnessed.size, witnessed.note, t + 2);
    const later = await deposit([{ digests: { sha256: randomBytes(32).toString('hex') } }]);
    receipts.push(...later);

    const overview = await getLedgerOverview(db.pool);
    expect(overview.records).toBe(Number(witnessed.size) + 1);
    expect(overview.checkpoint?.treeSize).toBe(Number(witnessed.size));
    expect(overview.checkpoint?.witnessed).toBe(true);
    expect(overview.witnesses.map((w) => [w.nameEn, w.cosignedAt])).toEqual([
      ['Demo Notary Office', new Date(t * 1000).toISOString()],
      ['Demo Forensic Appraisal Centre', null],
      ['Demo Industry Association', new Date((t + 2) * 1000).toISOString()],
    ]);
    // What the browser does with it: the log's signature and 2 of 3 cosignatures check.
    const checked = verifyCosignedCheckpoint(overview.checkpoint?.note ?? '', [overview.logKey], {
      witnesses: overview.witnesses.map((w) => w.verifierKey),
      quorum: overview.quorum,
    });
    expect(checked.cosignatures.cosigned.map((c) => c.name)).toEqual([
      'witness.notary.example',
      'witness.association.example',
    ]);
  });

  it('shows a stored alarm with its evidence and the witness’s English name', async () => {
    const configured = witnessPolicy().witnesses[1];
    if (!configured) throw new Error('no second witness');
    const { size, note } = await newestCheckpoint();
    await storeAlarm(
      {
        kind: 'other_root',
        witness: configured,
        checkpointSize: size,
        checkpoint: note,
        oldSize: size,
        proof: [],
        status: 409,
        responseBody: `${size}\n`,
        witnessSize: size,
        witnessCheckpoint: 'another history\n',
      },
      db.pool,
    );
    const { alarms } = await getLedgerOverview(db.pool);
    expect(alarms.total).toBe(1);
    expect(alarms.newest[0]).toMatchObject({
      kind: 'other_root',
      witness: {
        name: '示范司法鉴定中心',
        nameEn: 'Demo Forensic Appraisal Centre',
        verifierKey: configured.verifierKey,
      },
      checkpointSize: Number(size),
      checkpoint: note,
      witnessCheckpoint: 'another history\n',
      status: 409,
    });
  });

  it('without witnesses: the log’s newest checkpoint, quorum 0, nobody listed', async () => {
    const saved = [process.env.VERITY_WITNESSES, process.env.VERITY_WITNESS_QUORUM];
    delete process.env.VERITY_WITNESSES;
    delete process.env.VERITY_WITNESS_QUORUM;
    try {
      const overview = await getLedgerOverview(db.pool);
      const newest = await newestCheckpoint();
      expect(overview.checkpoint).toMatchObject({ treeSize: Number(newest.size), note: newest.note, witnessed: false });
      expect(overview.quorum).toBe(0);
      expect(overview.witnesses).toEqual([]);
    } finally {
      process.env.VERITY_WITNESSES = saved[0];
      process.env.VERITY_WITNESS_QUORUM = saved[1];
    }
  });
});

describe('listRecentDeposits', () => {
  it('pages the newest first, 20 a page, numbered as records of the ledger, with only the public fields', async () => {
    const { size } = await newestCheckpoint();
    const total = Number(size);
    const first = await listRecentDeposits({}, db.pool);
    expect(first).toMatchObject({ page: 1, pages: Math.ceil(total / RECENT_PAGE_SIZE), total });
    expect(first.deposits.map((d) => d.recordNumber)).toEqual(
      Array.from({ length: RECENT_PAGE_SIZE }, (_, i) => total - i),
    );
    const newest = receipts.at(-1) as SealedReceipt;
    expect(first.deposits[0]).toEqual({
      id: newest.id,
      recordNumber: newest.leafIndex + 1,
      depositedAt: newest.depositedAt,
      depositor: org.name,
      digests: { sha256: newest.digests.sha256 },
    });
    for (const d of first.deposits) expect(Object.keys(d)).toEqual(PUBLIC_FIELDS);

    const second = await listRecentDeposits({ page: '2' }, db.pool);
    expect(second.deposits.map((d) => d.recordNumber)).toEqual(
      Array.from({ length: RECENT_PAGE_SIZE }, (_, i) => total - RECENT_PAGE_SIZE - i),
    );
    const last = await listRecentDeposits({ page: first.pages }, db.pool);
    expect(last.deposits.at(-1)?.recordNumber).toBe(1);
    expect(last.deposits).toHaveLength(total - (first.pages - 1) * RECENT_PAGE_SIZE);
    // The first deposit carried a title and metadata: their digests never leave the server.
    const titled = last.deposits.find((d) => d.id === receipts[0]?.id);
    expect(titled).toEqual({
      id: receipts[0]?.id,
      recordNumber: (receipts[0]?.leafIndex ?? 0) + 1,
      depositedAt: receipts[0]?.depositedAt,
      depositor: org.name,
      digests: { sha256: receipts[0]?.digests.sha256 },
    });
    expect(JSON.stringify(last)).not.toContain(org.id);
    expect(await listRecentDeposits({ page: first.pages + 1 }, db.pool)).toMatchObject({ deposits: [] });
  });

  it('refuses a page that is not a whole number from 1, saying so', async () => {
    for (const page of ['0', '-1', '1.5', 'abc', '']) {
      const error = await listRecentDeposits({ page }, db.pool).catch((e: unknown) => e);
      expect(isAppError(error) && error.code, String(page)).toBe('VALIDATION_FAILED');
      expect(String((error as Error).message)).toMatch(/page must be a whole number from 1/);
    }
    const extra = await listRecentDeposits({ page: 1, sort: 'id' }, db.pool).catch((e: unknown) => e);
    expect(isAppError(extra) && extra.code).toBe('VALIDATION_FAILED');
  });

  it('shows a row whose leaf is not a deposit statement without depositor or digests', async () => {
    const leaf = new TextEncoder().encode(JSON.stringify({ not: 'a statement' }));
    const id = randomUUID();
    await sealBatch([
      {
        id,
        orgId: org.id,
        leaf,
        leafHash: hashLeaf(leaf),
        sha256: randomBytes(32),
        sm3: null,
        depositedAt: new Date(),
      },
    ]);
    const first = await listRecentDeposits({}, db.pool);
    expect(first.deposits[0]).toEqual({
      id,
      recordNumber: first.total,
      depositedAt: expect.any(String),
      depositor: null,
      digests: {},
    });
  });
});

describe('searchLedger', () => {
  it('finds a deposit by its SHA-256, whatever the case and spacing, with only the public fields', async () => {
    const r = receipts[3] as SealedReceipt;
    const spaced = (r.digests.sha256 as string).toUpperCase().replace(/(.{8})/g, '$1 ');
    const found = await searchLedger({ q: `  ${spaced} ` });
    expect(found).toEqual({
      kind: 'digest',
      digest: r.digests.sha256,
      deposits: [
        {
          id: r.id,
          recordNumber: r.leafIndex + 1,
          depositedAt: r.depositedAt,
          depositor: org.name,
          digests: { sha256: r.digests.sha256 },
        },
      ],
    });
  });

  it('finds a deposit by its SM3 digest and shows both its digests', async () => {
    const r = receipts[20] as SealedReceipt;
    const found = await searchLedger({ q: r.digests.sm3 });
    expect(found.kind === 'digest' && found.deposits).toEqual([
      {
        id: r.id,
        recordNumber: r.leafIndex + 1,
        depositedAt: r.depositedAt,
        depositor: org.name,
        digests: { sha256: r.digests.sha256, sm3: r.digests.sm3 },
      },
    ]);
  });

  it('lists every deposit of a digest deposited twice, oldest first; an unknown digest finds nothing', async () => {
    const sha256 = randomBytes(32).toString('hex');
    const [a] = await deposit([{ digests: { sha256 } }]);
    const [b] = await deposit([{ digests: { sha256 } }]);
    const found = await searchLedger({ q: sha256 });
    expect(found.kind === 'digest' && found.deposits.map((d) => d.id)).toEqual([a?.id, b?.id]);
    expect(await searchLedger({ q: randomBytes(32).toString('hex') })).toMatchObject({ kind: 'digest', deposits: [] });
  });

  it('finds a deposit by its ID (any case); an unknown ID finds nothing', async () => {
    const r = receipts[40] as SealedReceipt;
    const found = await searchLedger({ q: r.id.toUpperCase() });
    expect(found).toEqual({
      kind: 'deposit',
      id: r.id,
      deposits: [
        {
          id: r.id,
          recordNumber: r.leafIndex + 1,
          depositedAt: r.depositedAt,
          depositor: org.name,
          digests: { sm3: r.digests.sm3 },
        },
      ],
    });
    expect(await searchLedger({ q: randomUUID() })).toMatchObject({ kind: 'deposit', deposits: [] });
  });

  it('recognises a certificate number without looking it up (the lookup asks for the check code)', async () => {
    expect(await searchLedger({ q: 'vc 2026 000123' })).toEqual({ kind: 'certificate', number: 'VC-2026-000123' });
    expect(await searchLedger({ q: 'ＶＣ－２０２６－０００００１' })).toEqual({
      kind: 'certificate',
      number: 'VC-2026-000001',
    });
  });

  it('says what is wrong with a malformed search', async () => {
    const problem = async (q: unknown) => {
      const found = await searchLedger(q);
      return found.kind === 'problem' ? found.problem : found;
    };
    expect(await problem({ q: '   ' })).toEqual({
      code: 'EMPTY',
      message: 'Enter a digest, a deposit ID or a certificate number.',
    });
    expect(await problem({})).toMatchObject({ code: 'EMPTY' });
    expect(await problem({ q: 42 })).toMatchObject({ code: 'EMPTY' });
    expect(await problem({ q: 'abc123' })).toEqual({
      code: 'DIGEST_LENGTH',
      length: 6,
      message: 'A SHA-256 or SM3 digest has 64 hexadecimal characters; this has 6.',
    });
    expect(await problem({ q: 'a'.repeat(65) })).toMatchObject({ code: 'DIGEST_LENGTH', length: 65 });
    expect(await problem({ q: 'x'.repeat(201) })).toMatchObject({ code: 'TOO_LONG' });
    expect(await problem({ q: '合同' })).toMatchObject({
      code: 'UNRECOGNISED',
      message: expect.stringMatching(/SHA-256 or SM3 digest .* deposit ID .* certificate number/),
    });
    expect(await problem({ q: 'VC-2026-12' })).toMatchObject({ code: 'UNRECOGNISED' });
    expect(await problem({ q: '0b0e7f52-3c1a-4c5e-9a51' })).toMatchObject({ code: 'UNRECOGNISED' });
  });

  it('classifies without a query', () => {
    expect(classifySearch('0B0E7F52-3C1A-4C5E-9A51-6A3B2F1D9E77')).toEqual({
      kind: 'deposit',
      id: '0b0e7f52-3c1a-4c5e-9a51-6a3b2f1d9e77',
    });
  });
});
