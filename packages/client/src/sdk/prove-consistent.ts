/**
 * The consistency steps of an online receipt check: the receipt's checkpoint against the fresh
 * one the portal gives now, and the newest checkpoint this client remembers for the log
 * (CheckpointStore) against that fresh one — each with lib/verification/checkpoint-memory.ts
 * `proveConsistent` (RFC 9162 §2.1.4 proofs fetched from GET /api/v1/log/consistency). Two
 * checkpoints signed by the log that cannot both be true are a fork: VerityError FORK, with both
 * notes and the proof as evidence. The remembered checkpoint only moves forward.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.4
 * @module
 */
import { ZConsistencyProof } from '@/lib/ledger/log.schema';
import { base64ToBytes } from '@/lib/tlog';
import { ConsistencyFailure, proveConsistent } from '@/lib/verification/checkpoint-memory';
import { type KnownCheckpoint, openCheckpoint } from '@/lib/verification/open-checkpoint';
import type { CheckpointStore } from './checkpoint-store';
import { VerityError } from './errors';
import { type HttpClient, httpError } from './http';

export interface ConsistencyApi {
  /** The proof between two sizes the log signed; null when it denies issuing one (404). */
  consistencyProof(from: bigint, to: bigint): Promise<Uint8Array[] | null>;
  /** The proof last fetched (base64), for a fork's evidence. */
  lastProof: string[];
}

export function consistencyApi(http: HttpClient, signal?: AbortSignal): ConsistencyApi {
  const api: ConsistencyApi = {
    lastProof: [],
    async consistencyProof(from, to) {
      api.lastProof = [];
      const answer = await http({ method: 'GET', path: `/api/v1/log/consistency?from=${from}&to=${to}`, signal });
      if (answer.status === 404) return null;
      if (answer.status !== 200) throw httpError(answer, `the consistency proof ${from} → ${to}`);
      const parsed = ZConsistencyProof.safeParse(parseJson(answer.text));
      if (!parsed.success || BigInt(parsed.data.from) !== from || BigInt(parsed.data.to) !== to) {
        throw new VerityError('INVALID_RESPONSE', `the consistency proof ${from} → ${to} is not one`);
      }
      api.lastProof = parsed.data.proof;
      return parsed.data.proof.map(base64ToBytes);
    },
  };
  return api;
}

/** Proves `a` and `b` consistent; a failure is FORK with the evidence. */
export async function proveOrFork(
  a: KnownCheckpoint,
  b: KnownCheckpoint,
  api: ConsistencyApi,
  origin: string,
): Promise<void> {
  try {
    await proveConsistent(a, b, api);
  } catch (error) {
    if (!(error instanceof ConsistencyFailure)) throw error;
    throw new VerityError('FORK', `the log ${origin} shows two histories: ${error.message}`, {
      evidence: {
        kind: error.code,
        origin,
        older: { size: error.older.checkpoint.size.toString(), note: error.older.note },
        newer: { size: error.newer.checkpoint.size.toString(), note: error.newer.note },
        proof: api.lastProof.length > 0 ? api.lastProof : [],
      },
      cause: error,
    });
  }
}

export interface RememberOptions {
  store: CheckpointStore;
  origin: string;
  logKey: string;
  api: ConsistencyApi;
  /** A remembered note that no longer opens against the pinned key is discarded, and said here. */
  onWarning?: (message: string) => void;
}

/**
 * `seen` proven consistent with the remembered checkpoint, and remembered when newer. Returns the
 * size remembered before (null: none, `seen` is pinned on first use).
 */
export async function rememberCheckpoint(seen: KnownCheckpoint, options: RememberOptions): Promise<bigint | null> {
  const { store, origin } = options;
  const note = await store.get(origin);
  let remembered: KnownCheckpoint | null = null;
  if (note !== null) {
    try {
      remembered = openCheckpoint(note, options.logKey);
    } catch (error) {
      options.onWarning?.(
        `the remembered checkpoint of ${origin} is not signed by the pinned log key and was replaced (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
  if (remembered) await proveOrFork(remembered, seen, options.api, origin);
  if (!remembered || seen.checkpoint.size > remembered.checkpoint.size) await store.set(origin, seen.note);
  return remembered ? remembered.checkpoint.size : null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
