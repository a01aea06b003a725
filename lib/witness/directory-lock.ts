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

/** Directories this process holds: a lock with our own pid is live only if listed here (a pid
 * may be reused after a crash, e.g. pid 1 in a container). */
const held = new Set<string>();

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
      held.add(file);
      return async () => {
        held.delete(file);
        const owner = await readFile(file, 'utf8').catch(() => '');
        if (owner.trim() === String(process.pid)) await rm(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const pid = Number.parseInt((await readFile(file, 'utf8').catch(() => '')).trim(), 10);
    const live = pid === process.pid ? held.has(file) : Number.isSafeInteger(pid) && pid > 0 && alive(pid);
    if (live) {
      throw new Error(`another witness (pid ${pid}) serves ${dir}; stop it first`);
    }
    await rm(file, { force: true });
  }
  throw new Error(`cannot take the lock ${file}`);
}
