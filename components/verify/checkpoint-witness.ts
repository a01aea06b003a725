/**
 * The browser's own view of the log, as a witness keeps one: every checkpoint the page meets
 * (the latest one, the one in each receipt) must be signed by the pinned log key and consistent
 * with the newest one seen so far — the older tree a prefix of the newer. A log that rewrote
 * history cannot pass this against a checkpoint the browser kept from before.
 *
 * @see https://c2sp.org/tlog-checkpoint
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.4
 * @module
 */
import {
  bytesEqual,
  type Checkpoint,
  isTlogError,
  parseVerifierKey,
  verifyCheckpoint,
  verifyConsistency,
} from '@/lib/tlog';
import type { LedgerApi } from './ledger-api';

export interface KnownCheckpoint {
  note: string;
  checkpoint: Checkpoint;
}

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

/** The log's origin: the name in its verifier key (`<origin>+<key id>+<key>`). */
export function logOrigin(verifierKey: string): string {
  return parseVerifierKey(verifierKey).name;
}

/** Opens `note` as a checkpoint of the pinned log; throws a TlogError otherwise. */
export function openCheckpoint(note: string, verifierKey: string): KnownCheckpoint {
  const { checkpoint } = verifyCheckpoint(note, verifierKey, { origin: logOrigin(verifierKey) });
  return { note, checkpoint };
}

/**
 * Resolves when `a` and `b` are consistent; throws `ConsistencyFailure`, or `LedgerUnavailableError`
 * when the proof could not be fetched.
 */
export async function proveConsistent(
  a: KnownCheckpoint,
  b: KnownCheckpoint,
  api: Pick<LedgerApi, 'consistencyProof'>,
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

export interface CheckpointWitnessOptions {
  verifierKey: string;
  api: Pick<LedgerApi, 'consistencyProof'>;
  /** The newest checkpoint already known to be good, if any. */
  newest?: KnownCheckpoint;
  /** Called when a newer checkpoint has been checked and becomes the newest. */
  onAdvance?: (newest: KnownCheckpoint) => void;
}

export class CheckpointWitness {
  private newestKnown: KnownCheckpoint | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly options: CheckpointWitnessOptions;

  constructor(options: CheckpointWitnessOptions) {
    this.options = options;
    this.newestKnown = options.newest;
  }

  get newest(): KnownCheckpoint | undefined {
    return this.newestKnown;
  }

  /**
   * Verifies `note`'s signature (TlogError) and its consistency with the newest checkpoint seen
   * (ConsistencyFailure, LedgerUnavailableError). One at a time, so the newest only moves forward.
   */
  observe(note: string): Promise<KnownCheckpoint> {
    const run = this.queue.then(async () => {
      const seen = openCheckpoint(note, this.options.verifierKey);
      const newest = this.newestKnown;
      if (newest) await proveConsistent(newest, seen, this.options.api);
      if (!newest || seen.checkpoint.size > newest.checkpoint.size) {
        this.newestKnown = seen;
        this.options.onAdvance?.(seen);
      }
      return seen;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
