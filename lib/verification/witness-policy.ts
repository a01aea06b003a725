/**
 * The log's witness policy as this browser holds it (issue #18): which institutions' cosignatures
 * count and how many must be present (k of n), pinned in `localStorage` like the remembered
 * checkpoint (check-ledger.ts). The first policy seen is pinned (trust on first use, as for the
 * checkpoint); on every later visit the served policy (`GET /api/v1/log/witnesses`) is compared
 * with the pinned one. A different one — other keys, another quorum, a witness removed or
 * renamed — is **not** taken: the page goes on counting cosignatures against the pinned policy
 * and tells the person, who may choose to trust the new list (`acceptWitnessPolicy`). A log
 * that never had witnesses pins nothing: nothing changes on its pages.
 *
 * Small and browser-safe: no zod (the answer is checked by hand here, the way ZWitnessPolicy of
 * lib/ledger/log.schema.ts defines it; witness-policy.test.ts holds the two to the same answers)
 * and no cryptography, so the check the page makes as it opens stays light (engine.ts). Counting
 * the cosignatures is witnessed-by.ts, loaded with the receipt check.
 *
 * @module
 */

/** One witness as the policy names it (the log's `url` is not part of what is pinned). */
export interface PolicyWitness {
  /** The institution as people read its name (示范公证处). */
  name: string;
  /** Its English name, when it has one. */
  nameEn?: string;
  /** Its cosigner verifier key, `<key name>+<8 hex>+<base64>`. */
  verifierKey: string;
}

/** k of n: the witnesses whose cosignatures count, and how many must be present. */
export interface WitnessPolicy {
  quorum: number;
  witnesses: PolicyWitness[];
}

/** A policy this browser pinned, and when (ISO 8601). */
export interface PinnedWitnessPolicy {
  policy: WitnessPolicy;
  seenAt: string;
}

export interface WitnessPolicyStore {
  /** The pinned policy; `undefined` if none; `null` if something unreadable was stored. */
  read(): PinnedWitnessPolicy | undefined | null;
  write(value: PinnedWitnessPolicy): void;
}

export type WitnessPolicyCheck =
  /** The log has no witnesses and none was pinned: the pages show nothing about witnesses. */
  | { state: 'none' }
  /** The served policy is the pinned one (`first`: pinned just now). */
  | { state: 'pinned'; pinned: PinnedWitnessPolicy; first: boolean }
  /** The log now serves another policy; the pinned one stays in force until the person accepts. */
  | { state: 'changed'; pinned: PinnedWitnessPolicy; served: WitnessPolicy; changes: PolicyChange[] }
  /** The policy could not be read; the pinned one, if any, stays in force. */
  | { state: 'unavailable'; message: string; pinned?: PinnedWitnessPolicy };

export type PolicyChange =
  | { kind: 'quorum'; from: number; to: number }
  | { kind: 'removed'; witness: PolicyWitness }
  | { kind: 'added'; witness: PolicyWitness }
  /** The same institution (by name) with another key. */
  | { kind: 'key'; witness: PolicyWitness }
  /** The same key under another name. */
  | { kind: 'renamed'; from: PolicyWitness; to: PolicyWitness };

/** The policy cosignatures are counted against after `check`; undefined: count none (no witnesses). */
export function policyInForce(check: WitnessPolicyCheck | undefined): WitnessPolicy | undefined {
  if (!check || check.state === 'none') return undefined;
  const policy = check.pinned?.policy;
  return policy && policy.witnesses.length > 0 ? policy : undefined;
}

const MAX_WITNESSES = 20;
const KEY = /^[^+\s]+\+[0-9a-f]{8}\+[A-Za-z0-9+/]+={0,2}$/;

function isText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= max;
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/**
 * The policy in an answer of `GET /api/v1/log/witnesses` (or a stored pin), checked as
 * ZWitnessPolicy checks it; null when it is not one. Witness names and keys must be distinct
 * and the quorum at most n (and at least 1 when there are witnesses).
 */
export function readWitnessPolicy(value: unknown): WitnessPolicy | null {
  const answer = record(value);
  const policy = record(answer?.policy);
  if (!answer || !policy || !Array.isArray(answer.witnesses) || answer.witnesses.length > MAX_WITNESSES) return null;
  const { quorum } = policy;
  if (typeof quorum !== 'number' || !Number.isSafeInteger(quorum) || quorum < 0) return null;
  const witnesses: PolicyWitness[] = [];
  for (const item of answer.witnesses) {
    const w = record(item);
    if (!w || !isText(w.name, 100) || !isText(w.verifierKey, 5000) || !KEY.test(w.verifierKey)) return null;
    if (w.nameEn !== undefined && !isText(w.nameEn, 200)) return null;
    witnesses.push({ name: w.name, ...(w.nameEn ? { nameEn: w.nameEn } : {}), verifierKey: w.verifierKey });
  }
  const distinct = (values: string[]) => new Set(values).size === values.length;
  if (!distinct(witnesses.map((w) => w.name)) || !distinct(witnesses.map((w) => w.verifierKey))) return null;
  if (quorum > witnesses.length || (witnesses.length > 0 && quorum < 1)) return null;
  return { quorum, witnesses };
}

/** What differs between the pinned policy and the served one (empty: the same policy). */
export function policyChanges(pinned: WitnessPolicy, served: WitnessPolicy): PolicyChange[] {
  const changes: PolicyChange[] = [];
  if (pinned.quorum !== served.quorum) changes.push({ kind: 'quorum', from: pinned.quorum, to: served.quorum });
  for (const old of pinned.witnesses) {
    const sameKey = served.witnesses.find((w) => w.verifierKey === old.verifierKey);
    const sameName = served.witnesses.find((w) => w.name === old.name);
    if (sameKey) {
      if (sameKey.name !== old.name || (sameKey.nameEn ?? '') !== (old.nameEn ?? '')) {
        changes.push({ kind: 'renamed', from: old, to: sameKey });
      }
    } else if (sameName) changes.push({ kind: 'key', witness: sameName });
    else changes.push({ kind: 'removed', witness: old });
  }
  for (const w of served.witnesses) {
    const known = pinned.witnesses.some((old) => old.verifierKey === w.verifierKey || old.name === w.name);
    if (!known) changes.push({ kind: 'added', witness: w });
  }
  return changes;
}

export interface CheckWitnessPolicyOptions {
  /** The log's witness policy answer (JSON, unchecked), or null when the log serves none (404). */
  fetchPolicy: () => Promise<unknown>;
  store: WitnessPolicyStore;
  now?: () => Date;
}

/** Reads the served policy and compares it with the pinned one; pins it on a first visit. */
export async function checkWitnessPolicy(options: CheckWitnessPolicyOptions): Promise<WitnessPolicyCheck> {
  const { store } = options;
  const now = options.now ?? (() => new Date());
  const stored = store.read();
  const pinned = stored ? readPinned(stored) : undefined;
  let served: WitnessPolicy | null;
  try {
    const answer = await options.fetchPolicy();
    served = answer === null ? { quorum: 0, witnesses: [] } : readWitnessPolicy(answer);
    if (!served) throw new Error('/api/v1/log/witnesses answered in an unexpected shape');
  } catch (error) {
    return {
      state: 'unavailable',
      message: error instanceof Error ? error.message : String(error),
      ...(pinned ? { pinned } : {}),
    };
  }
  if (!pinned) {
    // Nothing to remember for a log without witnesses: nothing changes on its pages.
    if (served.witnesses.length === 0) return { state: 'none' };
    const first = { policy: served, seenAt: now().toISOString() };
    store.write(first);
    return { state: 'pinned', pinned: first, first: true };
  }
  const changes = policyChanges(pinned.policy, served);
  if (changes.length === 0) return { state: 'pinned', pinned, first: false };
  return { state: 'changed', pinned, served, changes };
}

/** The person chose to trust the log's new policy: it is pinned from now on. */
export function acceptWitnessPolicy(
  store: WitnessPolicyStore,
  served: WitnessPolicy,
  now = new Date(),
): PinnedWitnessPolicy {
  const pinned = { policy: served, seenAt: now.toISOString() };
  store.write(pinned);
  return pinned;
}

function readPinned(value: PinnedWitnessPolicy): PinnedWitnessPolicy | undefined {
  const policy = readWitnessPolicy(
    value.policy ? { policy: { quorum: value.policy.quorum }, witnesses: value.policy.witnesses } : null,
  );
  if (!policy || policy.witnesses.length === 0 || typeof value.seenAt !== 'string') return undefined;
  return { policy, seenAt: value.seenAt };
}

const STORAGE_KEY = 'verity.verify.witnesses';

/** The pinned policy in `localStorage` (absent storage, e.g. blocked, pins nothing). */
export function localWitnessPolicyStore(): WitnessPolicyStore {
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
        const value = record(JSON.parse(text));
        if (value && typeof value.seenAt === 'string' && record(value.policy))
          return value as unknown as PinnedWitnessPolicy;
      } catch {
        // Unreadable: pinned again from the served policy.
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

export const WITNESS_POLICY_STORAGE_KEY = STORAGE_KEY;
