import 'server-only';
/**
 * A backup folder against its manifest: every file listed is there with its size and SHA-256,
 * and nothing else is there. Run by restoreBackup before it changes anything, and by
 * createBackup on what it has just written (listBackupFiles).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { issueSummary } from '@/lib/errors/zod-issues';
import { BackupError } from './backup-error';
import { type BackupFile, type BackupManifest, MANIFEST_FILE, ZBackupManifest } from './backup-manifest';

/** Every file below `dir` but the manifest, as `a/b/c` paths, sorted. */
export async function listBackupPaths(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => !e.isDirectory())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((p) => p !== MANIFEST_FILE)
    .sort();
}

export async function sha256OfFile(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  await pipeline(createReadStream(file), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      size += chunk.byteLength;
      hash.update(chunk);
    }
  });
  return { sha256: hash.digest('hex'), size };
}

export async function listBackupFiles(dir: string): Promise<BackupFile[]> {
  const files: BackupFile[] = [];
  for (const p of await listBackupPaths(dir)) files.push({ path: p, ...(await sha256OfFile(path.join(dir, p))) });
  return files;
}

export async function readBackupManifest(dir: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = await readFile(path.join(dir, MANIFEST_FILE), 'utf8');
  } catch (cause) {
    throw new BackupError('BACKUP_DAMAGED', `${dir} has no readable ${MANIFEST_FILE}: is it a Verity backup?`, {
      cause,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new BackupError('BACKUP_DAMAGED', `${MANIFEST_FILE} is not JSON (cut short or altered)`, { cause });
  }
  const parsed = ZBackupManifest.safeParse(json);
  if (!parsed.success) {
    throw new BackupError(
      'BACKUP_DAMAGED',
      `${MANIFEST_FILE} is not a ${'verity-backup/v1'} manifest: ${issueSummary(parsed.error)}`,
    );
  }
  return parsed.data;
}

/** Throws BACKUP_DAMAGED naming every file that is missing, extra, of another size or digest. */
export async function checkBackupFiles(dir: string, manifest: BackupManifest): Promise<void> {
  const problems: string[] = [];
  const present = new Set(await listBackupPaths(dir));
  for (const file of manifest.files) {
    if (!present.delete(file.path)) {
      problems.push(`${file.path} is missing`);
      continue;
    }
    const found = await sha256OfFile(path.join(dir, file.path));
    if (found.size !== file.size) problems.push(`${file.path} has ${found.size} bytes, not ${file.size}`);
    else if (found.sha256 !== file.sha256) problems.push(`${file.path} has been altered (its SHA-256 differs)`);
  }
  for (const extra of present) problems.push(`${extra} is not in the manifest`);
  if (problems.length > 0) {
    const shown = problems.slice(0, 10).join('; ');
    const more = problems.length > 10 ? `; and ${problems.length - 10} more` : '';
    throw new BackupError('BACKUP_DAMAGED', `the backup is not whole, nothing was restored: ${shown}${more}`);
  }
}
