import 'server-only';
/**
 * The data folder's own files in and out of a backup: the generated secrets (log signing key,
 * court key, API-key pepper, session secret), the demo witnesses' keys and state, the demo
 * anchors' CA and chain — everything `npm start` keeps beside the database and the evidence
 * store, which have their own steps. Every copy is mode 0600 (folders 0700): these are secrets.
 * A witness writes its state by rename (lib/witness/durable-file.ts), so a file read while it
 * runs is its old or its new state, never half of each.
 */
import { chmod, copyFile, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';

/** What a data folder holds that is not the portal's state to carry to another machine. */
export function isRuntimeOnly(relativePath: string): boolean {
  const parts = relativePath.split('/');
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  return (
    // The cluster (the dump carries its rows) and its password (a restore makes a new cluster).
    first === 'pg' ||
    first === 'pg-password' ||
    // A witness's lock holds the pid of the process serving it on this machine now; serve.log is
    // a demo witness's console output (its record of what it signed is witness-log.jsonl, kept).
    last === 'witness.lock' ||
    last === 'serve.log'
  );
}

export interface CopyStateFilesOptions {
  from: string;
  to: string;
  /** Relative paths (forward slashes) to leave out, besides isRuntimeOnly's. */
  skip?: (relativePath: string) => boolean;
}

/** Copies every regular file below `from` to the same place below `to`; returns their relative paths. */
export async function copyStateFiles(options: CopyStateFilesOptions): Promise<string[]> {
  const { from, to, skip = () => false } = options;
  const entries = await readdir(from, { recursive: true, withFileTypes: true }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    },
  );
  const copied: string[] = [];
  for (const entry of entries) {
    // Sockets, FIFOs and symbolic links are no one's state.
    if (!entry.isFile()) continue;
    const relative = path.relative(from, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    if (isRuntimeOnly(relative) || skip(relative)) continue;
    const target = path.join(to, ...relative.split('/'));
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    await copyFile(path.join(from, relative), target);
    await chmod(target, 0o600);
    copied.push(relative);
  }
  return copied.sort();
}
