import 'server-only';
/**
 * The witnesses this log asks to cosign its checkpoints and how many must (VERITY_WITNESSES,
 * VERITY_WITNESS_QUORUM: lib/env/server-env.ts), read from the environment once per value. The
 * start scripts validate both before any server starts; a process given bad values fails here
 * with the same message.
 */
import { parseWitnessEnv, type WitnessEntry } from '@/lib/env/server-env';
import { type CosignerVerifierKey, parseCosignerVerifierKey } from '@/lib/tlog';

export interface ConfiguredWitness extends WitnessEntry {
  /** The verifier key, parsed: its name is the name on the witness's signature lines. */
  key: CosignerVerifierKey;
}

export interface WitnessPolicy {
  /** k: how many witnesses must cosign; 0 when there are none. */
  quorum: number;
  witnesses: ConfiguredWitness[];
}

let cached: { text: string; policy: WitnessPolicy } | undefined;

export function witnessPolicy(): WitnessPolicy {
  const text = `${process.env.VERITY_WITNESSES ?? ''}\n${process.env.VERITY_WITNESS_QUORUM ?? ''}`;
  if (cached?.text === text) return cached.policy;
  const { witnesses, quorum } = parseWitnessEnv(process.env);
  const policy = { quorum, witnesses: witnesses.map((w) => ({ ...w, key: parseCosignerVerifierKey(w.verifierKey) })) };
  cached = { text, policy };
  return policy;
}

/** True when the log has witnesses (receipts then say whether each is witnessed). */
export function hasWitnesses(): boolean {
  return witnessPolicy().witnesses.length > 0;
}

/** `GET /api/v1/log/witnesses`'s policy part: whom the log asks and what verifiers require. */
export function publicWitnessPolicy(): {
  policy: { quorum: number };
  witnesses: Array<{ name: string; nameEn?: string; verifierKey: string; url: string }>;
} {
  const { quorum, witnesses } = witnessPolicy();
  return {
    policy: { quorum },
    witnesses: witnesses.map((w) => ({
      name: w.name,
      ...(w.nameEn ? { nameEn: w.nameEn } : {}),
      verifierKey: w.verifierKey,
      url: w.url,
    })),
  };
}
