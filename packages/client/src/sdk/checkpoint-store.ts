/**
 * Where a VerityClient remembers the newest checkpoint it has verified, per log (its origin), as
 * the signed note itself: every later checkpoint it meets must be consistent with that one, so a
 * log that rewrote its history after this client saw it cannot pass (lib/verification/
 * checkpoint-memory.ts; RFC 9162 §2.1.4). The note is re-verified against the pinned log key
 * whenever it is read back, so a store needs no integrity of its own — only persistence:
 * `memoryCheckpointStore()` here (one process), `fileCheckpointStore(path)` in the Node entry,
 * or anything that keeps two strings (localStorage, a database row).
 *
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.4
 * @module
 */

export interface CheckpointStore {
  /** The signed checkpoint note remembered for `origin`, or null. */
  get(origin: string): Promise<string | null>;
  /** Remember `note` (already verified, and consistent with the one before) for `origin`. */
  set(origin: string, note: string): Promise<void>;
}

/** A store that lives as long as the process (or the page). */
export function memoryCheckpointStore(initial: Record<string, string> = {}): CheckpointStore {
  const notes = new Map(Object.entries(initial));
  return {
    async get(origin) {
      return notes.get(origin) ?? null;
    },
    async set(origin, note) {
      notes.set(origin, note);
    },
  };
}
