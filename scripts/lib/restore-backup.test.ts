/**
 * The backup/restore round trip (issue #21, "Backups that restore"): a portal with deposits, an
 * exhibit's file, custody events, secrets and a witness's state is backed up while deposits keep
 * being sealed; the archive is restored on a "fresh machine" (an empty data folder, its own
 * embedded PostgreSQL); the restored ledger and custody log verify, the exhibit's bytes come back,
 * a checkpoint handed out before the backup is consistent with the restored log and one handed
 * out after it is detected as ahead (the rollback README explains). A damaged backup — one file
 * altered, an archive cut short — is refused before anything is written.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { closeDb } from '@/lib/db/client';
import { closePool } from '@/lib/db/pool';
import { isAppError } from '@/lib/errors/app-error';
import { appendToUpload } from '@/lib/evidence/append-to-upload';
import { createUpload } from '@/lib/evidence/create-upload';
import { buildUploader, chunked, digestsOf } from '@/lib/evidence/evidence.testing';
import { closeUploadPool } from '@/lib/evidence/upload-row';
import { openExhibitFile } from '@/lib/exhibits/open-exhibit-file';
import { submitFileExhibit } from '@/lib/exhibits/submit-exhibit';
import { issuedConsistencyProof } from '@/lib/ledger/consistency-proof';
import { latestCheckpoint } from '@/lib/ledger/latest-checkpoint';
import { buildDepositorOrg, syntheticDeposit } from '@/lib/ledger/ledger.testing';
import { sealBatch } from '@/lib/ledger/seal-batch';
import { base64ToBytes, verifierKeyFromSignerKey } from '@/lib/tlog';
import { checkLedger, type RememberedCheckpoint } from '@/lib/verification/check-ledger';
import { addLog, initWitness } from '@/lib/witness/witness-directory';
import { startWitnessServer } from '@/lib/witness/witness-server';
import type { BackupManifest } from '../../lib/backup/backup-manifest';
import { createBackup } from './create-backup';
import { freePort } from './free-port';
import { migrateDatabase } from './migrate';
import { restoreBackup } from './restore-backup';

const adminUrl = inject('databaseUrl');
const folders: string[] = [];
const databases: string[] = [];

async function newDatabase(): Promise<string> {
  const name = `verity_backup_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  databases.push(name);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function tempFolder(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  folders.push(dir);
  return dir;
}

/** Points the domain code (lib/db, lib/evidence) at another database and store. */
async function switchPortal(databaseUrl: string, evidenceDir: string): Promise<void> {
  await Promise.all([closePool(), closeDb(), closeUploadPool()]);
  process.env.DATABASE_URL = databaseUrl;
  process.env.VERITY_EVIDENCE_DIR = evidenceDir;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function tableCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'",
    );
    return rows[0]?.n ?? -1;
  } finally {
    await client.end();
  }
}

/** `npx verity …` as an operator runs it (bin/verity.mjs), without the test's database. */
function runVerity(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.resolve('bin/verity.mjs'), ...args],
      { env, timeout: 50_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      },
    );
  });
}

const ledgerApi = {
  latestCheckpoint: async () => (await latestCheckpoint()).note,
  consistencyProof: async (from: bigint, to: bigint) => {
    try {
      return (await issuedConsistencyProof(from, to)).proof.map(base64ToBytes);
    } catch (error) {
      if (isAppError(error, 'NOT_FOUND')) return null;
      throw error;
    }
  },
};

function remembering(note: string) {
  return { read: (): RememberedCheckpoint => ({ note, seenAt: new Date().toISOString() }), write: () => {} };
}

const logSignerKey = process.env.VERITY_LOG_SIGNER_KEY as string;
const verifierKey = verifierKeyFromSignerKey(logSignerKey);

let source: { url: string; dataDir: string; evidenceDir: string };
let exhibit: { id: string; bytes: Buffer; actor: Awaited<ReturnType<typeof buildUploader>>['actor'] };
let before: string; // a checkpoint handed out before the backup
let after: string; // …and one handed out after it
let manifest: BackupManifest;
let folderBackup: string;
let archiveBackup: string;
let witnessFiles: Map<string, Buffer>;

beforeAll(async () => {
  const dataDir = await tempFolder('verity-backup-source-');
  source = { url: await newDatabase(), dataDir, evidenceDir: path.join(dataDir, 'evidence') };
  await migrateDatabase(source.url);
  await switchPortal(source.url, source.evidenceDir);
  // The secrets `npm start` generates into the data folder.
  await writeFile(path.join(dataDir, 'log-signer-key'), `${logSignerKey}\n`, { mode: 0o600 });
  await writeFile(path.join(dataDir, 'court-signer-key'), `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  await writeFile(path.join(dataDir, 'api-key-pepper'), `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
  await writeFile(path.join(dataDir, 'auth-secret'), `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });

  // Deposits, an exhibit's file (an upload, in the evidence store) and custody events.
  const org = await buildDepositorOrg();
  await sealBatch(Array.from({ length: 20 }, () => syntheticDeposit(org.id)));
  const uploader = await buildUploader();
  const bytes = randomBytes(300_000);
  const upload = await createUpload(uploader.actor, uploader.caseId, {
    fileName: 'contract.pdf',
    mediaType: 'application/pdf',
    size: bytes.byteLength,
    ...digestsOf(bytes),
  });
  await appendToUpload(uploader.actor, upload.id, 0, chunked(bytes));
  const submitted = await submitFileExhibit(uploader.actor, uploader.caseId, { uploadId: upload.id, title: '合同' });
  exhibit = { id: submitted.id, bytes, actor: uploader.actor };
  // An upload still in progress at the backup: its bytes so far are not evidence yet.
  const half = randomBytes(1000);
  const open = await createUpload(uploader.actor, uploader.caseId, {
    fileName: 'half.bin',
    mediaType: 'application/octet-stream',
    size: 2000,
    ...digestsOf(Buffer.concat([half, half])),
  });
  await appendToUpload(uploader.actor, open.id, 0, chunked(half));

  // A witness of the log, in the data folder as the demo witnesses are, having cosigned a checkpoint.
  before = (await latestCheckpoint()).note;
  const witnessDir = path.join(dataDir, 'witnesses', 'demo-notary');
  await mkdir(witnessDir, { recursive: true });
  await initWitness(witnessDir, { name: 'demo-notary.example', algorithms: ['ed25519'] });
  await addLog(witnessDir, verifierKey);
  const witness = await startWitnessServer(witnessDir, { port: 0 });
  try {
    const answer = await fetch(`${witness.url}/add-checkpoint`, { method: 'POST', body: `old 0\n\n${before}` });
    expect(answer.status, await answer.clone().text()).toBe(200);
  } finally {
    await witness.close();
  }
  witnessFiles = new Map();
  for (const f of await readdir(witnessDir, { recursive: true, withFileTypes: true })) {
    if (f.isFile() && f.name !== 'witness.lock') {
      const p = path.join(f.parentPath, f.name);
      witnessFiles.set(path.relative(dataDir, p), await readFile(p));
    }
  }

  // Deposits keep being sealed during the backup, one batch at a time as the sequencer does.
  let sealing = true;
  let batches = 0;
  const depositing = (async () => {
    while (sealing) {
      await sealBatch(Array.from({ length: 5 }, () => syntheticDeposit(org.id)));
      batches++;
    }
  })();
  const backups = await tempFolder('verity-backups-');
  archiveBackup = path.join(backups, 'verity.tar.gz');
  try {
    manifest = await createBackup({
      databaseUrl: source.url,
      dataDir,
      evidenceDir: source.evidenceDir,
      target: archiveBackup,
      // At least one batch lands between the files and the snapshot.
      beforeSnapshot: async () => {
        const seen = batches;
        while (batches === seen) await new Promise((r) => setImmediate(r));
      },
    });
    folderBackup = path.join(backups, 'folder');
    await createBackup({ databaseUrl: source.url, dataDir, evidenceDir: source.evidenceDir, target: folderBackup });
  } finally {
    sealing = false;
    await depositing;
  }
  await sealBatch(Array.from({ length: 3 }, () => syntheticDeposit(org.id)));
  after = (await latestCheckpoint()).note;
}, 120_000);

afterAll(async () => {
  await Promise.all([closePool(), closeDb(), closeUploadPool()]);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  for (const dir of folders) await rm(dir, { recursive: true, force: true });
});

describe('verity backup', () => {
  it('writes an archive only its owner can read, naming the log and every file with its digest', async () => {
    expect((await stat(archiveBackup)).mode & 0o777).toBe(0o600);
    expect(manifest.log).not.toBeNull();
    expect(BigInt(manifest.log?.treeSize ?? 0)).toBeGreaterThan(20n);
    expect(manifest.evidenceBlobs).toBe(1);
    const paths = manifest.files.map((f) => f.path);
    for (const secret of ['log-signer-key', 'court-signer-key', 'api-key-pepper', 'auth-secret']) {
      expect(paths).toContain(`data/${secret}`);
    }
    const { sha256 } = digestsOf(exhibit.bytes);
    expect(paths).toContain(`evidence/blobs/sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`);
    expect(paths.some((p) => p.startsWith('data/witnesses/demo-notary/state/'))).toBe(true);
    // The part file of the upload in progress is not evidence, and the lock is this machine's.
    expect(paths.some((p) => p.includes('uploads/') || p.endsWith('witness.lock'))).toBe(false);
    for (const entry of await readdir(folderBackup, { recursive: true, withFileTypes: true })) {
      const mode = (await stat(path.join(entry.parentPath, entry.name))).mode & 0o777;
      expect(mode, entry.name).toBe(entry.isDirectory() ? 0o700 : 0o600);
    }
  });

  it('refuses a target inside the data folder: the next backup would carry this one', async () => {
    await expect(
      createBackup({
        databaseUrl: source.url,
        dataDir: source.dataDir,
        evidenceDir: source.evidenceDir,
        target: path.join(source.dataDir, 'backups', 'b.tar.gz'),
      }),
    ).rejects.toThrow(/inside the data folder/);
    expect(await readdir(source.dataDir)).not.toContain('backups');
  });
});

describe('verity restore', () => {
  it('restores on a fresh machine; the ledger and custody log verify; the exhibit comes back byte for byte', {
    timeout: 120_000,
  }, async () => {
    const machine = await tempFolder('verity-restored-');
    // As root, the embedded PostgreSQL runs as the postgres user, who must reach data/pg.
    await chmod(machine, 0o755);
    const dataDir = path.join(machine, 'data');
    const evidenceDir = path.join(dataDir, 'evidence');
    const restored = await restoreBackup({ source: archiveBackup, dataDir, evidenceDir, pgPort: await freePort() });
    try {
      expect(restored.ledger.ok).toBe(true);
      expect(restored.ledger.treeSize).toBe(BigInt(manifest.log?.treeSize ?? -1));
      expect(restored.audit.ok).toBe(true);
      expect(restored.audit.count).toBeGreaterThan(0);
      // Secrets and the witness's state, as they were.
      for (const secret of ['log-signer-key', 'court-signer-key', 'api-key-pepper', 'auth-secret']) {
        expect(await readFile(path.join(dataDir, secret))).toEqual(await readFile(path.join(source.dataDir, secret)));
        expect((await stat(path.join(dataDir, secret))).mode & 0o777).toBe(0o600);
      }
      for (const [file, bytes] of witnessFiles) expect(await readFile(path.join(dataDir, file)), file).toEqual(bytes);

      await switchPortal(restored.databaseUrl, evidenceDir);
      const file = await openExhibitFile(exhibit.actor, exhibit.id);
      expect((await readAll(file.stream)).equals(exhibit.bytes)).toBe(true);

      // A checkpoint handed out before the backup: consistent with the restored log.
      const earlier = await checkLedger({ verifierKey, api: ledgerApi, store: remembering(before) });
      expect(earlier.check.state).toBe('ok');
      // One handed out after it is ahead of the restored log: a client that kept it sees the rollback.
      const later = await checkLedger({ verifierKey, api: ledgerApi, store: remembering(after) });
      expect(later.check).toMatchObject({ state: 'inconsistent', code: 'DENIED' });

      // The restored portal goes on: a new deposit extends the restored log consistently.
      const org = await buildDepositorOrg();
      await sealBatch([syntheticDeposit(org.id)]);
      const next = await checkLedger({ verifierKey, api: ledgerApi, store: remembering(before) });
      expect(next.check.state).toBe('ok');
      // The upload in progress at the backup lost its bytes: the uploader is told to start again.
      const client = new pg.Client({ connectionString: restored.databaseUrl });
      await client.connect();
      try {
        const { rows } = await client.query<{ status: string }>(
          "SELECT status::text FROM uploads WHERE file_name = 'half.bin'",
        );
        expect(rows.map((r) => r.status)).toEqual(['failed']);
      } finally {
        await client.end();
      }
    } finally {
      await switchPortal(source.url, source.evidenceDir);
      await restored.stop();
    }
  });

  it('restores a folder backup into a fresh DATABASE_URL', { timeout: 60_000 }, async () => {
    const machine = await tempFolder('verity-restored-');
    const databaseUrl = await newDatabase();
    const restored = await restoreBackup({
      source: folderBackup,
      dataDir: path.join(machine, 'data'),
      evidenceDir: path.join(machine, 'evidence'),
      databaseUrl,
    });
    expect(restored.ledger.ok && restored.audit.ok).toBe(true);
    // Every row comes back exactly: the restored tables, written out as the dump writes them, are
    // the backup's files line for line (uploads aside: the one in progress is marked failed).
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      for (const table of manifest.database.tables.filter((t) => t.name !== 'uploads')) {
        const { rows } = await client.query<{ j: string }>(`SELECT row_to_json(t)::text AS j FROM "${table.name}" t`);
        const dumped = (await readFile(path.join(folderBackup, table.file), 'utf8')).split('\n').filter(Boolean);
        expect(rows.map((r) => r.j).sort(), table.name).toEqual(dumped.sort());
      }
    } finally {
      await client.end();
    }
    // Restoring again onto what is now a portal's data is refused without --force.
    await expect(
      restoreBackup({
        source: folderBackup,
        dataDir: path.join(machine, 'other'),
        evidenceDir: path.join(machine, 'ev2'),
        databaseUrl,
      }),
    ).rejects.toMatchObject({ code: 'TARGET_NOT_EMPTY' });
  });

  it('refuses a backup with one file altered, before changing anything', async () => {
    const copy = path.join(await tempFolder('verity-damaged-'), 'backup');
    await cp(folderBackup, copy, { recursive: true });
    const victim = path.join(copy, 'database', 'deposits.ndjson');
    const text = await readFile(victim);
    text[10] = text[10] === 0x30 ? 0x31 : 0x30;
    await writeFile(victim, text);
    const machine = await tempFolder('verity-restored-');
    const databaseUrl = await newDatabase();
    await expect(
      restoreBackup({
        source: copy,
        dataDir: path.join(machine, 'data'),
        evidenceDir: path.join(machine, 'ev'),
        databaseUrl,
      }),
    ).rejects.toMatchObject({
      code: 'BACKUP_DAMAGED',
      message: expect.stringMatching(/deposits\.ndjson has been altered/),
    });
    expect(await readdir(machine)).toEqual([]);
    expect(await tableCount(databaseUrl)).toBe(0);
  });

  it('`npx verity restore` exits 1 on a damaged backup, writing nothing', {
    timeout: 60_000,
  }, async () => {
    const copy = path.join(await tempFolder('verity-damaged-'), 'backup');
    await cp(folderBackup, copy, { recursive: true });
    await rm(path.join(copy, 'data', 'court-signer-key'));
    const machine = await tempFolder('verity-restored-');
    const damaged = await runVerity(['restore', copy, '--data-dir', path.join(machine, 'data')]);
    expect(damaged.stderr).toMatch(/data\/court-signer-key is missing/);
    expect(damaged.code).toBe(1);
    expect(await readdir(machine)).toEqual([]);
  });

  it('refuses an archive holding a link, before writing anything through it', async () => {
    const crafted = await tempFolder('verity-crafted-');
    const outside = await tempFolder('verity-outside-');
    await cp(folderBackup, path.join(crafted, 'b'), { recursive: true });
    await symlink(outside, path.join(crafted, 'b', 'data', 'escape'));
    const archive = path.join(crafted, 'b.tar');
    await new Promise<void>((resolve, reject) =>
      execFile('tar', ['-C', path.join(crafted, 'b'), '-cf', archive, '.'], (error) =>
        error ? reject(error) : resolve(),
      ),
    );
    const machine = await tempFolder('verity-restored-');
    await expect(
      restoreBackup({ source: archive, dataDir: path.join(machine, 'data'), evidenceDir: path.join(machine, 'ev') }),
    ).rejects.toMatchObject({ code: 'BACKUP_DAMAGED', message: expect.stringMatching(/not a file or folder/) });
    expect(await readdir(machine)).toEqual([]);
  });

  it('refuses an archive cut short, before changing anything', async () => {
    const whole = await readFile(archiveBackup);
    const cut = path.join(await tempFolder('verity-cut-'), 'verity.tar.gz');
    await writeFile(cut, whole.subarray(0, Math.floor(whole.byteLength * 0.6)));
    const machine = await tempFolder('verity-restored-');
    await expect(
      restoreBackup({
        source: cut,
        dataDir: path.join(machine, 'data'),
        evidenceDir: path.join(machine, 'ev'),
        pgPort: await freePort(),
      }),
    ).rejects.toMatchObject({ code: 'BACKUP_DAMAGED' });
    expect(await readdir(machine)).toEqual([]);
  });
});
