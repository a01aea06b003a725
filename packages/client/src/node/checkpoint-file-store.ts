/**
 * The remembered checkpoints (sdk/checkpoint-store.ts) in one JSON file, so that a later run of
 * a program proves the log consistent with what an earlier run saw: format
 * `verity-checkpoints/v1`, `{ format, logs: { <origin>: <signed note> } }`, validated with zod
 * when read. Written whole to a temporary file beside it, fsynced, renamed over it, and the
 * directory fsynced: a crash leaves the old file or the new, never half of one. Mode 0600 (the
 * notes are public, but the file says which logs this user follows).
 *
 * A file that is not one is refused (INVALID_ARGUMENT), never replaced: it may be the evidence
 * of something. The notes are re-verified against the pinned log key whenever used.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { CheckpointStore } from '../sdk/checkpoint-store';
import { VerityError } from '../sdk/errors';

export const CHECKPOINTS_FORMAT = 'verity-checkpoints/v1';

const ZCheckpointsFile = z.strictObject({
  format: z.literal(CHECKPOINTS_FORMAT),
  logs: z.record(z.string().min(1).max(1000), z.string().min(1).max(100_000)),
});

export interface FileCheckpointStoreOptions {
  /** File mode of the file written (default 0o600). */
  mode?: number;
}

export function fileCheckpointStore(file: string, options: FileCheckpointStoreOptions = {}): CheckpointStore {
  const mode = options.mode ?? 0o600;
  // One write at a time, each from the file as it is then: two origins set at once both stay.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    async get(origin) {
      const logs = await readLogs(file);
      return Object.hasOwn(logs, origin) ? (logs[origin] ?? null) : null;
    },
    set(origin, note) {
      const run = queue.then(async () => {
        const logs = await readLogs(file);
        logs[origin] = note;
        await writeAtomically(file, `${JSON.stringify({ format: CHECKPOINTS_FORMAT, logs }, null, 2)}\n`, mode);
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

async function readLogs(file: string): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new VerityError('INVALID_ARGUMENT', `cannot read the checkpoint file ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = ZCheckpointsFile.safeParse(json);
  if (!parsed.success) {
    throw new VerityError(
      'INVALID_ARGUMENT',
      `${file} is not a ${CHECKPOINTS_FORMAT} file; it was left as it is (move it away to start afresh)`,
    );
  }
  return { ...parsed.data.logs };
}

async function writeAtomically(file: string, text: string, mode: number): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  const dirHandle = await open(dir, 'r');
  try {
    await dirHandle.sync();
  } catch {
    // Some file systems (and Windows) cannot fsync a directory; the rename is still atomic.
  } finally {
    await dirHandle.close();
  }
}
