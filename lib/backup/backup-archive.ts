import 'server-only';
/**
 * A backup as one file: a POSIX tar of the backup folder (pax format), gzip-compressed when the
 * name ends in .tar.gz or .tgz. Written and read by the system's GNU tar rather than an npm
 * package (the project has none for tar; GNU tar is on every Linux a court runs, refuses member
 * names with `..` when extracting, and reports an archive cut short). The archive is only the
 * wrapping: what is in it is checked against the manifest afterwards (check-backup-files.ts).
 */
import { execFile } from 'node:child_process';
import { chmod } from 'node:fs/promises';
import { promisify } from 'node:util';
import { BackupError } from './backup-error';

const run = promisify(execFile);

export type BackupKind = 'folder' | 'tar' | 'tar.gz';

export function backupKind(target: string): BackupKind {
  if (/\.(tar\.gz|tgz)$/i.test(target)) return 'tar.gz';
  if (/\.tar$/i.test(target)) return 'tar';
  return 'folder';
}

/** Writes the folder `dir` as the archive `file` (mode 0600). */
export async function packArchive(dir: string, file: string, kind: Exclude<BackupKind, 'folder'>): Promise<void> {
  const flags = kind === 'tar.gz' ? '-czf' : '-cf';
  await run('tar', ['--format=pax', '--owner=0', '--group=0', '--numeric-owner', '-C', dir, flags, file, '.']);
  await chmod(file, 0o600);
}

/**
 * Unpacks the archive `file` into the empty folder `dir`; a damaged archive is BACKUP_DAMAGED.
 * Its members are listed first: a backup holds folders and regular files only, so a link, device
 * or a name leaving the folder is refused before anything is written (a symbolic link followed by
 * a file through it would otherwise write outside `dir` before the manifest is checked).
 */
export async function unpackArchive(file: string, dir: string): Promise<void> {
  try {
    // GNU tar detects gzip itself when reading a file.
    const { stdout } = await run('tar', ['-tvf', file], { maxBuffer: 256 * 1024 * 1024 });
    const names = (await run('tar', ['-tf', file], { maxBuffer: 256 * 1024 * 1024 })).stdout
      .split('\n')
      .filter(Boolean);
    const odd = stdout
      .split('\n')
      .filter(Boolean)
      .find((line) => line[0] !== '-' && line[0] !== 'd');
    const outside = names.find((name) => name.startsWith('/') || name.split('/').includes('..'));
    if (odd || outside) {
      throw new BackupError(
        'BACKUP_DAMAGED',
        `${file} holds ${outside ? `a member outside the backup (${outside})` : `a member that is not a file or folder (${odd})`}: not a Verity backup; nothing was restored`,
      );
    }
    await run('tar', ['--no-same-owner', '--no-same-permissions', '-C', dir, '-xf', file]);
  } catch (cause) {
    if (cause instanceof BackupError) throw cause;
    const stderr = String((cause as { stderr?: unknown }).stderr ?? '').trim();
    throw new BackupError(
      'BACKUP_DAMAGED',
      `${file} could not be unpacked (${stderr.split('\n').pop() || 'tar failed'}): the archive is damaged or cut short; nothing was restored`,
      { cause },
    );
  }
}
