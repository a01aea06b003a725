/**
 * `npx verity backup <folder | file.tar | file.tar.gz>`: the portal's whole state, consistent
 * while it runs (lib/backup/README.md). In this order, which is what makes it consistent:
 *
 *  1. the data folder's own files (secrets, demo witnesses' state, demo anchors) — before the
 *     snapshot, so a witness's saved state is never ahead of the log restored beside it;
 *  2. the database, every table in one repeatable-read snapshot (lib/backup/dump-database.ts);
 *  3. the evidence blobs that snapshot's evidence_blobs names — blobs are named by their SHA-256
 *     and never rewritten, so copying after the snapshot copies exactly what it names; files
 *     stored later are not in it and are left out; uploads in progress are not evidence yet and
 *     are left out (their rows are restored as failed);
 *  4. the manifest with every file's SHA-256, then the archive if one was asked for.
 *
 * Written to `<target>.partial-…` and renamed at the end: an interrupted backup is never mistaken
 * for one. Everything is mode 0600: a backup holds the ledger's and the court's private keys.
 */
import { chmod, copyFile, mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { backupKind, packArchive } from '../../lib/backup/backup-archive';
import { BACKUP_FORMAT, type BackupManifest, MANIFEST_FILE } from '../../lib/backup/backup-manifest';
import { listBackupFiles } from '../../lib/backup/check-backup-files';
import { copyStateFiles } from '../../lib/backup/copy-state-files';
import { dumpDatabase } from '../../lib/backup/dump-database';
import { blobPath } from '../../lib/evidence/store-layout';

export interface CreateBackupOptions {
  databaseUrl: string;
  /** The data folder (absolute): its own files go to `data/`. */
  dataDir: string;
  /** The evidence store (absolute): the snapshot's blobs go to `evidence/`. */
  evidenceDir: string;
  /** A folder that does not exist or is empty, or a file name ending .tar, .tar.gz or .tgz. */
  target: string;
  /** Secrets the portal takes from its environment (names): recorded as not in the backup. */
  secretsNotIncluded?: readonly string[];
  now?: () => Date;
  /** Called between the state files and the snapshot (a test's deposits land there). */
  beforeSnapshot?: () => Promise<void>;
}

export async function createBackup(options: CreateBackupOptions): Promise<BackupManifest> {
  const target = path.resolve(options.target);
  const kind = backupKind(target);
  if (kind === 'folder' && (await readdir(target).catch(() => [])).length > 0) {
    throw new Error(`${target} is not empty: give a new folder, or a file name ending .tar.gz`);
  }
  for (const [what, dir] of [
    ['data folder', options.dataDir],
    ['evidence store', options.evidenceDir],
  ] as const) {
    const inside = path.relative(dir, target);
    // The next backup would carry this one (and its copy of every secret) inside it.
    if (!inside.startsWith('..') && !path.isAbsolute(inside)) {
      throw new Error(`${target} is inside the ${what} ${dir}: keep backups elsewhere`);
    }
  }
  await mkdir(path.dirname(target), { recursive: true });
  const work = await mkdtemp(`${target}.partial-`);
  try {
    const evidenceInData = path.relative(options.dataDir, options.evidenceDir).split(path.sep).join('/');
    const inside = !evidenceInData.startsWith('..') && !path.isAbsolute(evidenceInData);
    await copyStateFiles({
      from: options.dataDir,
      to: path.join(work, 'data'),
      skip: (p) => inside && (evidenceInData === '' || p === evidenceInData || p.startsWith(`${evidenceInData}/`)),
    });
    await options.beforeSnapshot?.();
    const dump = await dumpDatabase({ databaseUrl: options.databaseUrl, dir: work });
    for (const hex of dump.evidenceBlobs) {
      const from = blobPath(options.evidenceDir, hex);
      const to = path.join(work, 'evidence', path.relative(options.evidenceDir, from));
      await mkdir(path.dirname(to), { recursive: true, mode: 0o700 });
      await copyFile(from, to).catch((cause: unknown) => {
        throw new Error(`the database names the evidence file ${hex}, which ${options.evidenceDir} lacks`, { cause });
      });
      await chmod(to, 0o600);
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: (options.now?.() ?? new Date()).toISOString(),
      database: dump.database,
      log: dump.log,
      evidenceBlobs: dump.evidenceBlobs.length,
      secretsNotIncluded: [...(options.secretsNotIncluded ?? [])],
      files: await listBackupFiles(work),
    };
    await writeFile(path.join(work, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    if (kind === 'folder') {
      await rm(target, { recursive: true, force: true }); // an empty folder at most (checked above)
      await rename(work, target);
    } else {
      const partial = `${work}.${kind}`;
      await packArchive(work, partial, kind);
      await rename(partial, target);
      await rm(work, { recursive: true, force: true });
    }
    return manifest;
  } catch (error) {
    await rm(work, { recursive: true, force: true });
    await rm(`${work}.tar`, { force: true });
    await rm(`${work}.tar.gz`, { force: true });
    throw error;
  }
}
