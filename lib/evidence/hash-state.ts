import 'server-only';
/**
 * The server's running SHA-256 and SM3 of each upload's received bytes, kept between requests
 * in this process (node:crypto Hash objects cannot be stored). Each entry records how many
 * bytes it has hashed; an entry whose count differs from the row's `received` (another process
 * appended in between, or this one failed half-way) is dropped, and the state is rebuilt by
 * hashing the part file's first `received` bytes, as after a restart. SM3 runs in a worker thread
 * (off-thread-sm3.ts): a state given up must `free` it there (dropState).
 */
import { createHash, type Hash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { MAX_SM3_BACKLOG, OffThreadSm3 } from './off-thread-sm3';

export interface HashState {
  sha256: Hash;
  sm3: OffThreadSm3;
  /** Bytes hashed so far. */
  bytes: number;
  usedAt: number;
}

const globalForStates = globalThis as unknown as { verityUploadHashes?: Map<string, HashState> };
globalForStates.verityUploadHashes ??= new Map();
const states: Map<string, HashState> = globalForStates.verityUploadHashes;

const REBUILD_CHUNK = 1024 * 1024;

/** The hash state of `uploadId` after exactly `received` bytes, from memory or from the part file. */
export async function resumeHashState(uploadId: string, part: FileHandle, received: number): Promise<HashState> {
  const cached = states.get(uploadId);
  if (cached && cached.bytes === received) {
    cached.usedAt = Date.now();
    return cached;
  }
  dropState(uploadId);
  const state: HashState = { sha256: createHash('sha256'), sm3: new OffThreadSm3(), bytes: 0, usedAt: Date.now() };
  const buffer = Buffer.allocUnsafe(Math.min(REBUILD_CHUNK, Math.max(received, 1)));
  while (state.bytes < received) {
    const want = Math.min(buffer.length, received - state.bytes);
    const { bytesRead } = await part.read(buffer, 0, want, state.bytes);
    if (bytesRead === 0) throw new Error(`part file of upload ${uploadId} is shorter than its ${received} bytes`);
    const chunk = buffer.subarray(0, bytesRead);
    state.sha256.update(chunk);
    state.sm3.update(chunk);
    state.bytes += bytesRead;
    if (state.sm3.backlog > MAX_SM3_BACKLOG) await state.sm3.caughtUp();
  }
  states.set(uploadId, state);
  return state;
}

/** A copy to fall back to if a request must be undone (Hash.copy is a few hundred bytes). */
export function snapshotHashState(state: HashState): HashState {
  return { sha256: state.sha256.copy(), sm3: state.sm3.copy(), bytes: state.bytes, usedAt: state.usedAt };
}

export function restoreHashState(uploadId: string, snapshot: HashState): void {
  if (states.get(uploadId) !== snapshot) dropState(uploadId);
  states.set(uploadId, snapshot);
}

/** Frees a snapshot that was not restored (the request it guarded succeeded). */
export function releaseSnapshot(uploadId: string, snapshot: HashState): void {
  if (states.get(uploadId) !== snapshot) snapshot.sm3.free();
}

export function forgetHashState(uploadId: string): void {
  dropState(uploadId);
}

/** Drops states not used since `before` (uploads abandoned without a cancel). */
export function forgetHashStatesIdleSince(before: Date): void {
  for (const [id, state] of states) if (state.usedAt < before.getTime()) dropState(id);
}

/** Forgets every state, as a restart would (tests). */
export function clearHashStates(): void {
  for (const id of [...states.keys()]) dropState(id);
}

function dropState(uploadId: string): void {
  states.get(uploadId)?.sm3.free();
  states.delete(uploadId);
}
