/**
 * The witness's memory, per log: the latest checkpoint it cosigned (size, root hash, and the
 * note it serves to monitors: the checkpoint with the log's verified signatures and its own
 * cosignatures). One file per log, `state/<sha256(origin) hex>.json`, replaced durably
 * (durable-file.ts) before the witness answers 200: after a crash the file holds the newest
 * checkpoint it may have cosigned, so it never cosigns one inconsistent with it.
 *
 * A file that cannot be read as a state is an error, never "no state": treating a damaged
 * file as a fresh log would let the witness cosign any history.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { base64ToBytes, bytesToBase64 } from '@/lib/tlog';
import { removeStaleTemporaries, writeFileDurably } from './durable-file';

export interface LogState {
  origin: string;
  size: bigint;
  rootHash: Uint8Array;
  /** The cosigned checkpoint note, as served at GET /<origin hash>/checkpoint. */
  note: string;
  /** POSIX seconds of the cosignature. */
  cosignedAt: number;
}

const ZStateFile = z.strictObject({
  version: z.literal(1),
  origin: z.string().min(1),
  size: z.string().regex(/^(0|[1-9][0-9]{0,19})$/),
  rootHash: z.string().length(44),
  note: z.string().min(1),
  cosignedAt: z.number().int().nonnegative(),
});

export class WitnessStateError extends Error {
  override name = 'WitnessStateError';
}

/** Lowercase hex SHA-256 of the origin: the state file's name and the monitoring URL's segment. */
export function originHash(origin: string): string {
  return createHash('sha256').update(origin, 'utf8').digest('hex');
}

export class WitnessStateStore {
  readonly dir: string;
  /** Only this process writes the directory (directory-lock.ts), so the cache is the truth. */
  private readonly cache = new Map<string, LogState | null>();

  constructor(witnessDir: string) {
    this.dir = path.join(witnessDir, 'state');
  }

  fileOf(origin: string): string {
    return path.join(this.dir, `${originHash(origin)}.json`);
  }

  /** Deletes temporary files a crash left (the state files themselves are whole). */
  async clean(): Promise<void> {
    await removeStaleTemporaries(this.dir);
  }

  async read(origin: string): Promise<LogState | undefined> {
    const cached = this.cache.get(origin);
    if (cached !== undefined) return cached ?? undefined;
    const file = this.fileOf(origin);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        this.cache.set(origin, null);
        return undefined;
      }
      throw new WitnessStateError(`cannot read ${file}: ${(error as Error).message}`);
    }
    const state = parseState(text, file);
    if (state.origin !== origin) throw new WitnessStateError(`${file} holds the state of another origin`);
    this.cache.set(origin, state);
    return state;
  }

  async write(state: LogState): Promise<void> {
    const file = this.fileOf(state.origin);
    const json = {
      version: 1,
      origin: state.origin,
      size: state.size.toString(),
      rootHash: bytesToBase64(state.rootHash),
      note: state.note,
      cosignedAt: state.cosignedAt,
    };
    try {
      await writeFileDurably(file, `${JSON.stringify(json)}\n`, 0o600);
    } catch (error) {
      // The rename may or may not have happened: forget the cache, read the disk's truth next time.
      this.cache.delete(state.origin);
      throw error;
    }
    this.cache.set(state.origin, state);
  }
}

export function parseState(text: string, file = 'state file'): LogState {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WitnessStateError(`${file} is not JSON: the witness will not guess its state`);
  }
  const parsed = ZStateFile.safeParse(json);
  if (!parsed.success)
    throw new WitnessStateError(`${file} is not a witness state: ${parsed.error.issues[0]?.message}`);
  const rootHash = base64ToBytes(parsed.data.rootHash);
  if (rootHash.length !== 32) throw new WitnessStateError(`${file}: the root hash is not 32 bytes`);
  return {
    origin: parsed.data.origin,
    size: BigInt(parsed.data.size),
    rootHash,
    note: parsed.data.note,
    cosignedAt: parsed.data.cosignedAt,
  };
}
