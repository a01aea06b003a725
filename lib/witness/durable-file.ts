/**
 * Writes a file so that after a crash (kill -9, power loss) it holds either the old content or
 * the new, never a mix: the bytes go to a new temporary file beside it, which is fsync'd, renamed
 * over the target (atomic on POSIX), and then the directory is fsync'd so the rename itself is on
 * disk. Only when this resolves may the caller act on the new content (for the witness: answer
 * 200 with a cosignature).
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

const TEMP_MARK = '.tmp-';

export async function writeFileDurably(file: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `${path.basename(file)}${TEMP_MARK}${randomBytes(6).toString('hex')}`);
  const handle = await open(temp, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}

/** fsync a directory: makes renames and new names in it durable. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Removes temporary files a crash left behind (never read: the target is the truth). */
export async function removeStaleTemporaries(dir: string): Promise<number> {
  let removed = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (name.includes(TEMP_MARK)) {
      await rm(path.join(dir, name), { force: true });
      removed++;
    }
  }
  return removed;
}
