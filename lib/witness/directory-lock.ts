/**
 * One `serve` per witness directory: two processes writing one state could each check the old
 * size against their own view and cosign two inconsistent checkpoints. The lock file holds the
 * owner's pid; a lock left by a process that no longer runs (kill -9, power loss) is taken over.
 *
 * @module
 */
import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

export const LOCK_FILE = 'witness.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function acquireDirectoryLock(dir: string): Promise<() => Promise<void>> {
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(file, 'wx', 0o600);
      await handle.writeFile(`${process.pid}\n`);
      await handle.sync();
      await handle.close();
      return async () => {
        const owner = await readFile(file, 'utf8').catch(() => '');
        if (owner.trim() === String(process.pid)) await rm(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const pid = Number.parseInt((await readFile(file, 'utf8').catch(() => '')).trim(), 10);
    if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
      throw new Error(`another witness (pid ${pid}) serves ${dir}; stop it first`);
    }
    await rm(file, { force: true });
  }
  throw new Error(`cannot take the lock ${file}`);
}
