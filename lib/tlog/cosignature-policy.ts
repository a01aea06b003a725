/**
 * A witness policy: which cosigners a verifier trusts and how many of them (k of n) must have
 * cosigned a checkpoint before it is believed. Every signature line of the note is sorted into
 * one of: a valid cosignature (counted once per witness name), or a reported problem that is
 * never counted — a known witness name with a key ID of none of its keys (`WRONG_KEY`), a
 * witness key whose signature fails (`BAD_SIGNATURE`), a cosignature dated in the future beyond
 * the allowed skew (`FUTURE_TIMESTAMP`, which the spec lets verifiers refuse), or a name that is
 * not in the policy (`UNKNOWN_NAME`; lines by the keys passed as `ignore`, usually the log's own,
 * are neither counted nor reported). Unlike a log signature, one bad cosignature does not reject
 * the note: a broken witness must not be able to veto a checkpoint the others vouch for.
 *
 * @see https://c2sp.org/tlog-cosignature
 * @module
 */

import { verifyCosignature } from './cosignature';
import { type CosignerVerifierKey, parseCosignerVerifierKey } from './cosigner-keys';
import type { Ed25519 } from './ed25519';
import { bytesEqual } from './encoding';
import { isTlogError, TlogError } from './errors';
import { parseSignedNote } from './signed-note';
import { type VerifiedCheckpoint, type VerifyCheckpointOptions, verifyCheckpoint } from './verify-checkpoint';
import { type NoteVerifiers, toVerifierMap } from './verify-note';

export interface CosignaturePolicy {
  /** The witnesses' cosigner verifier keys; one witness may have several (Ed25519 and ML-DSA-44). */
  witnesses: readonly (string | CosignerVerifierKey)[];
  /** How many distinct witnesses (by name) must have cosigned validly. */
  quorum: number;
}

export interface CheckCosignaturesOptions {
  /** Keys whose lines are expected and not cosignatures (the log's own): not reported. */
  ignore?: NoteVerifiers;
  /** Current POSIX time in seconds, to refuse cosignatures from the future. Default: the clock. */
  now?: number;
  /** Allowed clock skew in seconds for future timestamps (default 300); Infinity disables the check. */
  maxFutureSkew?: number;
  /** Another Ed25519 (node:crypto's in a Node server); default @noble/curves. */
  ed25519?: Ed25519;
}

export interface ValidCosignature {
  name: string;
  keyId: number;
  algorithm: CosignerVerifierKey['algorithm'];
  /** POSIX seconds. */
  timestamp: bigint;
}

export type CosignatureProblemKind = 'WRONG_KEY' | 'BAD_SIGNATURE' | 'FUTURE_TIMESTAMP' | 'UNKNOWN_NAME';

export interface CosignatureProblem {
  kind: CosignatureProblemKind;
  name: string;
  keyId: number;
  message: string;
}

export interface CosignatureCheck {
  /** The note's signed text (the checkpoint body). */
  text: string;
  /** Valid cosignatures, the first valid one of each witness name, in note order. */
  cosigned: ValidCosignature[];
  problems: CosignatureProblem[];
  quorum: number;
  /** Number of distinct witnesses in the policy. */
  witnesses: number;
  /** True when `cosigned.length >= quorum`. */
  satisfied: boolean;
}

/** Parses and checks a policy's keys and quorum (0 <= k <= number of witness names). */
export function parseCosignaturePolicy(policy: CosignaturePolicy): {
  keys: CosignerVerifierKey[];
  names: Set<string>;
  quorum: number;
} {
  if (typeof policy !== 'object' || policy === null || !Array.isArray(policy.witnesses)) {
    throw new TlogError('INVALID_ARGUMENT', 'a cosignature policy needs a list of witness keys');
  }
  const keys = policy.witnesses.map((key) => (typeof key === 'string' ? parseCosignerVerifierKey(key) : key));
  for (let i = 0; i < keys.length; i++) {
    for (let j = 0; j < i; j++) {
      const [a, b] = [keys[i], keys[j]] as [CosignerVerifierKey, CosignerVerifierKey];
      if (a.name === b.name && a.keyId === b.keyId && !bytesEqual(a.publicKey, b.publicKey)) {
        throw new TlogError('AMBIGUOUS_KEY', `two different witness keys are named ${a.name} with the same key ID`);
      }
    }
  }
  const names = new Set(keys.map((key) => key.name));
  const { quorum } = policy;
  if (!Number.isSafeInteger(quorum) || quorum < 0 || quorum > names.size) {
    throw new TlogError('INVALID_ARGUMENT', `quorum must be an integer from 0 to ${names.size} (the witnesses named)`);
  }
  return { keys, names, quorum };
}

/** Sorts the note's cosignatures by the policy; never throws for a bad cosignature. */
export function checkCosignatures(
  note: string | Uint8Array,
  policy: CosignaturePolicy,
  options: CheckCosignaturesOptions = {},
): CosignatureCheck {
  const { keys, names, quorum } = parseCosignaturePolicy(policy);
  const ignored = options.ignore === undefined ? new Map() : toVerifierMap(options.ignore);
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const skew = options.maxFutureSkew ?? 300;
  const { text, signatures } = parseSignedNote(note);

  const cosigned: ValidCosignature[] = [];
  const problems: CosignatureProblem[] = [];
  for (const line of signatures) {
    const { name, keyId } = line;
    const key = keys.find((k) => k.name === name && k.keyId === keyId);
    const problem = (kind: CosignatureProblemKind, message: string) => problems.push({ kind, name, keyId, message });
    if (!key) {
      if (ignored.has(`${name}+${keyId}`)) continue;
      if (names.has(name)) problem('WRONG_KEY', `${name} signed with a key the policy does not list`);
      else problem('UNKNOWN_NAME', `${name} is not a witness of the policy`);
      continue;
    }
    let timestamp: bigint;
    try {
      timestamp = verifyCosignature(key, text, line, options.ed25519 ? { ed25519: options.ed25519 } : {}).timestamp;
    } catch (error) {
      if (!isTlogError(error)) throw error;
      problem('BAD_SIGNATURE', error.message);
      continue;
    }
    if (Number.isFinite(skew) && timestamp > BigInt(Math.floor(now + skew))) {
      problem('FUTURE_TIMESTAMP', `${name} dated its cosignature ${timestamp}, in the future`);
      continue;
    }
    if (!cosigned.some((c) => c.name === name)) cosigned.push({ name, keyId, algorithm: key.algorithm, timestamp });
  }
  return { text, cosigned, problems, quorum, witnesses: names.size, satisfied: cosigned.length >= quorum };
}

export interface VerifiedCosignedCheckpoint extends VerifiedCheckpoint {
  cosignatures: CosignatureCheck;
}

/**
 * The log's signature (verifyCheckpoint: a trusted key named like the origin), then the policy's
 * cosignatures. Throws TlogError `NO_QUORUM` when fewer than k witnesses cosigned validly.
 */
export function verifyCosignedCheckpoint(
  note: string | Uint8Array,
  logVerifiers: NoteVerifiers,
  policy: CosignaturePolicy,
  options: VerifyCheckpointOptions & CheckCosignaturesOptions = {},
): VerifiedCosignedCheckpoint {
  const verified = verifyCheckpoint(note, logVerifiers, options);
  const cosignatures = checkCosignatures(note, policy, { ...options, ignore: options.ignore ?? logVerifiers });
  if (!cosignatures.satisfied) {
    throw new TlogError(
      'NO_QUORUM',
      `${cosignatures.cosigned.length} of ${cosignatures.witnesses} witnesses cosigned; the policy needs ${cosignatures.quorum}`,
    );
  }
  return { ...verified, cosignatures };
}
