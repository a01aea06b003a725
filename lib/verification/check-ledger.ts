/**
 * What the page checks about the log itself when it opens, before any file: the current
 * checkpoint is signed by the pinned key, and it is consistent with the checkpoint this browser
 * remembered from its last visit. A remembered checkpoint that is not the log's (another key,
 * another origin, damaged) is discarded with a notice; one that is the log's own but
 * inconsistent with today's is kept, as evidence, and raises the alarm.
 *
 * @module
 */
import { type Checkpoint, isTlogError } from '@/lib/tlog';
import { CheckpointMemory, ConsistencyFailure, proveConsistent } from './checkpoint-memory';
import { type LedgerClient, LedgerUnavailableError } from './ledger-client';
import { type KnownCheckpoint, openCheckpoint } from './open-checkpoint';

/** A checkpoint this browser kept, and when (ISO 8601). */
export interface RememberedCheckpoint {
  note: string;
  seenAt: string;
}

export interface CheckpointStore {
  /** The remembered checkpoint; `undefined` if none; `null` if something unreadable was stored. */
  read(): RememberedCheckpoint | undefined | null;
  write(value: RememberedCheckpoint): void;
}

export type LedgerCheck =
  | {
      state: 'ok';
      current: Checkpoint;
      /** The current checkpoint's note, with its witnesses' cosignature lines (witnessed-by.ts). */
      currentNote: string;
      /** The remembered checkpoint it was checked against; null on a first visit. */
      previous: { checkpoint: Checkpoint; seenAt: string } | null;
      /** A remembered checkpoint was not the log's and was thrown away. */
      discarded: boolean;
    }
  | {
      state: 'inconsistent';
      current: KnownCheckpoint;
      previous: KnownCheckpoint & { seenAt: string };
      code: ConsistencyFailure['code'];
      message: string;
    }
  | { state: 'bad_checkpoint'; message: string }
  | { state: 'unavailable'; message: string };

export interface CheckLedgerOptions {
  verifierKey: string;
  api: Pick<LedgerClient, 'latestCheckpoint' | 'consistencyProof'>;
  store: CheckpointStore;
  now?: () => Date;
}

/**
 * The check, and the remembered checkpoint the receipts to come are checked against (absent when
 * the log could not be reached).
 */
export async function checkLedger(
  options: CheckLedgerOptions,
): Promise<{ check: LedgerCheck; memory?: CheckpointMemory }> {
  const { verifierKey, api, store } = options;
  const now = options.now ?? (() => new Date());
  let current: KnownCheckpoint;
  try {
    current = openCheckpoint(await api.latestCheckpoint(), verifierKey);
  } catch (error) {
    if (isTlogError(error)) {
      // Receipts can still be read (and will fail alike); every verdict is marked suspect (ledger-suspect.ts).
      return {
        check: { state: 'bad_checkpoint', message: error.message },
        memory: new CheckpointMemory({ verifierKey, api }),
      };
    }
    return { check: { state: 'unavailable', message: messageOf(error) } };
  }

  const remember = (known: KnownCheckpoint) => store.write({ note: known.note, seenAt: now().toISOString() });
  const stored = store.read();
  let previous: (KnownCheckpoint & { seenAt: string }) | undefined;
  let discarded = stored === null;
  if (stored) {
    try {
      previous = { ...openCheckpoint(stored.note, verifierKey), seenAt: stored.seenAt };
    } catch {
      discarded = true;
    }
  }

  if (previous) {
    try {
      await proveConsistent(previous, current, api);
    } catch (error) {
      if (error instanceof ConsistencyFailure) {
        // Keep the remembered checkpoint in storage: it is the evidence. The memory follows today's
        // log so receipts can still be read, but every verdict is marked suspect (ledger-suspect.ts).
        const memory = new CheckpointMemory({ verifierKey, api, newest: current });
        return {
          check: { state: 'inconsistent', current, previous, code: error.code, message: error.message },
          memory,
        };
      }
      if (error instanceof LedgerUnavailableError) return { check: { state: 'unavailable', message: error.message } };
      throw error;
    }
  }

  const newest = previous && previous.checkpoint.size > current.checkpoint.size ? previous : current;
  if (newest === current) remember(current);
  const memory = new CheckpointMemory({ verifierKey, api, newest, onAdvance: remember });
  return {
    check: {
      state: 'ok',
      current: current.checkpoint,
      currentNote: current.note,
      previous: previous ? { checkpoint: previous.checkpoint, seenAt: previous.seenAt } : null,
      discarded,
    },
    memory,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const STORAGE_KEY = 'verity.verify.checkpoint';

/** The remembered checkpoint in `localStorage` (absent storage, e.g. blocked, remembers nothing). */
export function localCheckpointStore(): CheckpointStore {
  return {
    read() {
      let text: string | null;
      try {
        text = window.localStorage.getItem(STORAGE_KEY);
      } catch {
        return undefined;
      }
      if (text === null) return undefined;
      try {
        const value: unknown = JSON.parse(text);
        if (
          typeof value === 'object' &&
          value !== null &&
          'note' in value &&
          'seenAt' in value &&
          typeof value.note === 'string' &&
          typeof value.seenAt === 'string'
        ) {
          return { note: value.note, seenAt: value.seenAt };
        }
      } catch {
        // Unreadable: reported as discarded below.
      }
      return null;
    },
    write(value) {
      try {
        window.localStorage.setItem(STORAGE_KEY, JSON.stringify(value));
      } catch {
        // Storage full or blocked: the page still works, it just cannot remember.
      }
    },
  };
}

export const CHECKPOINT_STORAGE_KEY = STORAGE_KEY;
