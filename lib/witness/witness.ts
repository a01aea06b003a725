/**
 * The witness proper, without HTTP: `addCheckpoint` decides one c2sp.org/tlog-witness
 * add-checkpoint request, in the spec's order, and either returns the cosignature lines (after the
 * new state is durable) or throws a WitnessError with the spec's status:
 *
 *  400  malformed body or checkpoint; old size larger than the checkpoint's size
 *  404  unknown origin
 *  403  no signature by a trusted key of the origin, or one that fails to verify
 *  429  the log's request limit (validly signed requests only; witness-server.ts also limits
 *       each client address before parsing)
 *  409  old size is not the size of the latest cosigned checkpoint (body: that size)
 *  422  size 0 with a root other than the empty tree's; a proof with old size 0; a consistency
 *       proof that does not verify; old size = size with another root hash
 *
 * The check of the old size against the state and the write of the new state happen under one
 * lock per origin (the spec's rollback race), and the answer is sent only once the state is on
 * disk, so a crash never lets the witness cosign two inconsistent checkpoints.
 *
 * @see https://c2sp.org/tlog-witness#add-checkpoint
 * @module
 */
import {
  bytesEqual,
  bytesToBase64,
  type Checkpoint,
  type CosignerSignerKey,
  type Ed25519,
  emptyRoot,
  formatSignatureLine,
  isTlogError,
  type NoteSignature,
  parseCheckpoint,
  parseSignedNote,
  signCosignature,
  type VerifiedNote,
  verifyConsistency,
  verifyNote,
} from '@/lib/tlog';
import { parseAddCheckpointBody } from './add-checkpoint-body';
import type { EventLog, WitnessEvent } from './event-log';
import { nodeEd25519 } from './node-ed25519';
import type { TokenBuckets } from './rate-limit';
import type { WitnessedLog } from './witness-directory';
import { WitnessError } from './witness-error';
import { originHash, type WitnessStateStore } from './witness-state';

export interface WitnessOptions {
  logs: Map<string, WitnessedLog>;
  state: WitnessStateStore;
  signers: readonly CosignerSignerKey[];
  /** Ed25519 for the log's signature and the cosignatures; default node:crypto's (node-ed25519.ts). */
  ed25519?: Ed25519;
  /** POSIX seconds; defaults to the clock. */
  now?: () => number;
  limits?: TokenBuckets;
  events?: EventLog;
}

export class Witness {
  private readonly options: WitnessOptions;
  private readonly locks = new Map<string, Promise<unknown>>();
  private readonly byHash = new Map<string, string>();
  private readonly ed25519: Ed25519;

  constructor(options: WitnessOptions) {
    if (options.signers.length === 0) throw new Error('a witness needs at least one cosigner key');
    this.options = options;
    this.ed25519 = options.ed25519 ?? nodeEd25519;
    for (const origin of options.logs.keys()) this.byHash.set(originHash(origin), origin);
  }

  /** Runs `task` after every earlier task for `origin` has finished. */
  private serialised<T>(origin: string, task: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(origin) ?? Promise.resolve();
    const next = previous.then(task, task);
    const settled = next.catch(() => undefined);
    this.locks.set(origin, settled);
    void settled.then(() => {
      if (this.locks.get(origin) === settled) this.locks.delete(origin);
    });
    return next;
  }

  /** Decides one request; resolves to the response body (cosignature lines). */
  async addCheckpoint(body: Uint8Array, remote?: string): Promise<string> {
    const event: Partial<WitnessEvent> = { remote };
    try {
      const lines = await this.decide(body, event);
      this.record({ ...event, outcome: 'cosigned', status: 200 });
      return lines;
    } catch (error) {
      if (error instanceof WitnessError) {
        this.record({ ...event, outcome: 'refused', status: error.status, reason: error.message });
      }
      throw error;
    }
  }

  private record(event: Partial<WitnessEvent> & Pick<WitnessEvent, 'outcome' | 'status'>): void {
    void this.options.events?.record({ time: new Date().toISOString(), ...event });
  }

  private async decide(body: Uint8Array, event: Partial<WitnessEvent>): Promise<string> {
    const request = parseAddCheckpointBody(body);
    event.oldSize = request.oldSize.toString();
    let checkpoint: Checkpoint;
    try {
      checkpoint = parseCheckpoint(parseSignedNote(request.note).text);
    } catch (error) {
      if (!isTlogError(error)) throw error;
      throw new WitnessError(400, `the checkpoint is malformed: ${error.message}`);
    }
    const { origin, size, rootHash } = checkpoint;
    Object.assign(event, { origin, size: size.toString(), rootHash: bytesToBase64(rootHash) });

    const log = this.options.logs.get(origin);
    if (!log) throw new WitnessError(404, `this witness does not witness the log "${origin}"`);

    let verified: VerifiedNote;
    try {
      verified = verifyNote(request.note, log.verifiers, { ed25519: this.ed25519 });
    } catch (error) {
      if (!isTlogError(error)) throw error;
      throw new WitnessError(403, `the checkpoint is not validly signed by the log's key: ${error.message}`);
    }

    // Counted only now: forged requests must not use up the log's allowance.
    const wait = this.options.limits?.take(origin) ?? 0;
    if (wait > 0) throw new WitnessError(429, `too many requests for "${origin}"`, { retryAfter: wait });

    if (request.oldSize > size) {
      throw new WitnessError(400, `old size ${request.oldSize} is larger than the checkpoint's size ${size}`);
    }

    return this.serialised(origin, async () => {
      // From here on the log's signature is valid: a refusal may be evidence of misbehaviour.
      const evidence = () => {
        event.note = request.note;
        event.proof = request.proof.map(bytesToBase64);
      };
      const state = await this.options.state.read(origin);
      const latest = state?.size ?? 0n;
      if (request.oldSize !== latest) {
        evidence();
        throw new WitnessError(409, `old size ${request.oldSize} is not the latest cosigned size ${latest}`, {
          size: latest,
        });
      }
      if (size === 0n && !bytesEqual(rootHash, emptyRoot())) {
        evidence();
        throw new WitnessError(422, 'a checkpoint of size 0 must have the root hash of the empty tree');
      }
      if (request.oldSize === 0n) {
        if (request.proof.length > 0) {
          evidence();
          throw new WitnessError(422, 'from old size 0 the consistency proof must be empty');
        }
      } else if (request.oldSize === size) {
        // old size = stored size = checkpoint size: the same tree, so the same root, no proof.
        if (!state || !bytesEqual(state.rootHash, rootHash)) {
          evidence();
          throw new WitnessError(422, `size ${size} was cosigned with another root hash`);
        }
        if (request.proof.length > 0) {
          evidence();
          throw new WitnessError(422, 'a consistency proof between equal sizes must be empty');
        }
      } else {
        try {
          verifyConsistency(request.oldSize, size, request.proof, state?.rootHash ?? new Uint8Array(), rootHash);
        } catch (error) {
          if (!isTlogError(error)) throw error;
          evidence();
          throw new WitnessError(
            422,
            `the consistency proof from ${request.oldSize} to ${size} fails: ${error.message}`,
          );
        }
      }

      // Never date a cosignature before the one it follows (a clock stepped back).
      const now = Math.max(this.options.now?.() ?? Math.floor(Date.now() / 1000), state?.cosignedAt ?? 0, 1);
      const text = parseSignedNote(request.note).text;
      const cosignatures: NoteSignature[] = this.options.signers.map((signer) =>
        signCosignature(signer, text, now, { ed25519: this.ed25519 }),
      );
      const lines = cosignatures.map(formatSignatureLine).join('');
      const note = `${text}\n${verified.verified.map(formatSignatureLine).join('')}${lines}`;
      await this.options.state.write({ origin, size, rootHash, note, cosignedAt: now });
      return lines;
    });
  }

  /** GET <origin hash>/checkpoint: the latest cosigned note, or undefined when none. */
  async latestCheckpoint(hash: string): Promise<string | undefined> {
    const origin = this.byHash.get(hash);
    if (origin === undefined) return undefined;
    return (await this.options.state.read(origin))?.note;
  }
}
