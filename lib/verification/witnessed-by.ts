/**
 * Who vouched for a checkpoint: its witnesses' cosignatures counted against a witness policy (the
 * one pinned in the browser, witness-policy.ts; the configured one on the server) with lib/tlog's
 * `checkCosignatures`. Decided from the signatures alone: a receipt's `witnessed` member is a
 * hint the server writes and is never read here. A bad cosignature, one by a key the policy does
 * not list, or one dated in the future is not counted and is reported (`problems`), never a veto
 * over the others.
 *
 * Browser-safe and pure; shared by the receipt check (check-receipt.ts) on both sides.
 *
 * @see https://c2sp.org/tlog-cosignature
 * @module
 */
import { checkCosignatures, isTlogError, parseCosignerVerifierKey } from '@/lib/tlog';
import type { PolicyWitness, WitnessPolicy } from './witness-policy';

/** An institution that cosigned, as the pages name it. */
export interface Voucher {
  name: string;
  nameEn?: string;
}

export interface WitnessingProblem {
  /** The policy's institution when the key's name is one of its witnesses, else the key name on the line. */
  witness: string;
  kind: 'WRONG_KEY' | 'BAD_SIGNATURE' | 'FUTURE_TIMESTAMP' | 'UNKNOWN_NAME' | 'BAD_POLICY';
  message: string;
}

/**
 * `witnessed`: at least `quorum` of the policy's `of` witnesses cosigned validly, `by` them (in
 * the policy's order). `not_witnessed`: fewer did (`by` may name those that did already).
 */
export interface Witnessing {
  state: 'witnessed' | 'not_witnessed';
  quorum: number;
  of: number;
  by: Voucher[];
  problems: WitnessingProblem[];
}

/**
 * The witnessing of a checkpoint `note` (already opened against the log key), or undefined when
 * the policy has no witnesses (then nothing is said about witnesses). Never throws.
 */
export function witnessedBy(
  note: string,
  policy: WitnessPolicy | undefined,
  logVerifierKey: string,
  options: { now?: number } = {},
): Witnessing | undefined {
  if (!policy || policy.witnesses.length === 0) return undefined;
  const of = policy.witnesses.length;
  const keyNames = new Map<string, PolicyWitness>();
  try {
    for (const w of policy.witnesses) keyNames.set(parseCosignerVerifierKey(w.verifierKey).name, w);
    const check = checkCosignatures(
      note,
      { witnesses: policy.witnesses.map((w) => w.verifierKey), quorum: policy.quorum },
      { ignore: logVerifierKey, ...(options.now === undefined ? {} : { now: options.now }) },
    );
    const cosigned = new Set(check.cosigned.map((c) => c.name));
    const by = policy.witnesses
      .filter((w) => cosigned.has(parseCosignerVerifierKey(w.verifierKey).name))
      .map(({ name, nameEn }) => ({ name, ...(nameEn ? { nameEn } : {}) }));
    return {
      state: by.length >= policy.quorum ? 'witnessed' : 'not_witnessed',
      quorum: policy.quorum,
      of,
      by,
      problems: check.problems.map((p) => ({
        witness: keyNames.get(p.name)?.name ?? p.name,
        kind: p.kind,
        message: p.message,
      })),
    };
  } catch (error) {
    if (!isTlogError(error)) throw error;
    // A policy whose keys do not parse (or a note that is no signed note) vouches for nothing.
    return {
      state: 'not_witnessed',
      quorum: policy.quorum,
      of,
      by: [],
      problems: [{ witness: '', kind: 'BAD_POLICY', message: error.message }],
    };
  }
}
