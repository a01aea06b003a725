/**
 * The browser's remembered checkpoint: the newest checkpoint of the log this page has checked,
 * against which every later one it meets (the latest one, the one in each receipt) must be
 * consistent — the older tree a prefix of the newer. A log that rewrote history cannot pass this
 * against a checkpoint the browser kept from before. (Not a C2SP witness, which cosigns for
 * others: lib/witness.)
 *
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.4
 * @module
 */
import { bytesEqual, isTlogError, verifyConsistency } from '@/lib/tlog';
import type { LedgerClient } from './ledger-client';
import type { KnownCheckpoint } from './open-checkpoint';

export type { KnownCheckpoint } from './open-checkpoint';

/**
 * Two checkpoints signed by the log cannot both be true: `INCONSISTENT` (the proof fails, or equal
 * sizes with different roots) or `DENIED` (the log refuses a proof for a size it signed).
 */
export class ConsistencyFailure extends Error {
  readonly code: 'INCONSISTENT' | 'DENIED';
  readonly older: KnownCheckpoint;
  readonly newer: KnownCheckpoint;
  constructor(code: 'INCONSISTENT' | 'DENIED', message: string, older: KnownCheckpoint, newer: KnownCheckpoint) {
    super(message);
    this.name = 'ConsistencyFailure';
    this.code = code;
    this.older = older;
    this.newer = newer;
  }
}

/**
 * Resolves when `a` and `b` are consistent; throws `ConsistencyFailure`, or `LedgerUnavailableError`
 * when the proof could not be fetched.
 */
export async function proveConsistent(
  a: KnownCheckpoint,
  b: KnownCheckpoint,
  api: Pick<LedgerClient, 'consistencyProof'>,
): Promise<void> {
  const [older, newer] = a.checkpoint.size <= b.checkpoint.size ? [a, b] : [b, a];
  const from = older.checkpoint.size;
  const to = newer.checkpoint.size;
  if (from === to) {
    if (!bytesEqual(older.checkpoint.rootHash, newer.checkpoint.rootHash)) {
      throw new ConsistencyFailure('INCONSISTENT', `two checkpoints of size ${to} have different roots`, older, newer);
    }
    return;
  }
  // Every tree extends the empty tree; RFC 9162 has no proof for it.
  if (from === 0n) return;
  const proof = await api.consistencyProof(from, to);
  if (!proof) {
    throw new ConsistencyFailure(
      'DENIED',
      `the log denies issuing a checkpoint of size ${from} or ${to}`,
      older,
      newer,
    );
  }
  try {
    verifyConsistency(from, to, proof, older.checkpoint.rootHash, newer.checkpoint.rootHash);
  } catch (error) {
    if (!isTlogError(error)) throw error;
    throw new ConsistencyFailure('INCONSISTENT', `size ${from} → ${to}: ${error.message}`, older, newer);
  }
}

export interface CheckpointMemoryOptions {
  /** The pinned log key every checkpoint must be signed by. */
  verifierKey: string;
  api: Pick<LedgerClient, 'consistencyProof'>;
  /** The newest checkpoint already known to be good, if any. */
  newest?: KnownCheckpoint;
  /** Called when a newer checkpoint has been checked and becomes the newest. */
  onAdvance?: (newest: KnownCheckpoint) => void;
}

export class CheckpointMemory {
  readonly verifierKey: string;
  private newestKnown: KnownCheckpoint | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly options: CheckpointMemoryOptions;

  constructor(options: CheckpointMemoryOptions) {
    this.options = options;
    this.verifierKey = options.verifierKey;
    this.newestKnown = options.newest;
  }

  get newest(): KnownCheckpoint | undefined {
    return this.newestKnown;
  }

  /**
   * Checks that `seen` (a checkpoint already opened against the pinned key) is consistent with the
   * newest one remembered (ConsistencyFailure, LedgerUnavailableError), and remembers it when it is
   * newer. One at a time, so the newest only moves forward.
   */
  observe(seen: KnownCheckpoint): Promise<void> {
    const run = this.queue.then(async () => {
      const newest = this.newestKnown;
      if (newest) await proveConsistent(newest, seen, this.options.api);
      if (!newest || seen.checkpoint.size > newest.checkpoint.size) {
        this.newestKnown = seen;
        this.options.onAdvance?.(seen);
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
