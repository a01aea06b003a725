/**
 * Who vouched for a certificate's checkpoint (issue #18): the witness policy in force when the
 * certificate was issued, what it says about each deposit's checkpoint (`witnessed`, the
 * receipt's member), and the offline check of the cosignatures. Shared by both kinds of
 * certificate (verification certificates here, deposit certificates in
 * lib/deposit-certificates/format), and so by `npx verity verify-certificate`, /verify and the
 * public certificate page. Pure and browser-safe.
 *
 * Body version 2 of both formats carries (version 1, from a log without witnesses, carries neither):
 *
 *   "witnessPolicy": { "quorum": 2, "witnesses": [ { "name": "示范公证处", "nameEn": "Demo Notary Office",
 *                      "verifierKey": "<name>+<8 hex>+<base64>" }, … ] }
 *   and per deposit "witnessed": { "quorum": 2, "of": 3, "by": ["示范公证处", "示范司法鉴定中心"] } | null
 *
 * The check (`cosignatures`) never reads `witnessed.by`: it counts the witnesses' cosignature lines
 * on the checkpoint in the deposit's tlog-proof against the policy (lib/verification's
 * witnessedBy, i.e. lib/tlog's `checkCosignatures`): a bad line is reported and not counted, never
 * a veto over the others. It passes when the quorum is met, or when the certificate says plainly
 * that the deposit was not yet witnessed (null) and no keys are pinned. It fails when the
 * certificate says witnessed and the lines do not show it, or when witness keys are pinned
 * (`--witness-key`) and they do not meet the quorum. With pinned keys, `witness_keys` compares
 * them with the certificate's own list, and only pinned keys are counted.
 *
 * @see https://c2sp.org/tlog-cosignature
 * @module
 */
import { z } from 'zod';
import { parseCosignerVerifierKey } from '@/lib/tlog';
import { type Voucher, type Witnessing, witnessedBy } from '@/lib/verification/witnessed-by';

/** Witnesses a policy may list (as GET /api/v1/log/witnesses). */
export const MAX_CERTIFICATE_WITNESSES = 20;

const ZWitnessKey = z
  .string()
  .max(5000)
  .refine((key) => {
    try {
      parseCosignerVerifierKey(key);
      return true;
    } catch {
      return false;
    }
  }, 'a witness verifier key is <name>+<8 hex>+<base64> of an Ed25519 or ML-DSA-44 cosigner key');

export const ZCertificateWitness = z.strictObject({
  /** The institution as people read its name (示范公证处). */
  name: z.string().min(1).max(100),
  /** Its English name, when it has one. */
  nameEn: z.string().min(1).max(200).optional(),
  /** Its cosigner verifier key. */
  verifierKey: ZWitnessKey,
});

/** The log's witness policy when the certificate was issued: k of these n must cosign. */
export const ZCertificateWitnessPolicy = z
  .strictObject({
    quorum: z.number().int().min(1).max(MAX_CERTIFICATE_WITNESSES),
    witnesses: z.array(ZCertificateWitness).min(1).max(MAX_CERTIFICATE_WITNESSES),
  })
  .refine((p) => p.quorum <= p.witnesses.length, 'the quorum is at most the number of witnesses')
  .refine((p) => new Set(p.witnesses.map((w) => w.name)).size === p.witnesses.length, 'witness names are distinct')
  .refine(
    (p) => new Set(p.witnesses.map((w) => w.verifierKey)).size === p.witnesses.length,
    'witness keys are distinct',
  );

/**
 * What the issuer saw: the deposit's checkpoint was witnessed by `by` (k of n), or null — not yet
 * witnessed when the certificate was issued. The receipt's `witnessed` (lib/ledger/receipt.schema.ts
 * ZWitnessed), in the same spelling.
 */
export const ZCertificateWitnessed = z
  .strictObject({
    quorum: z.number().int().positive(),
    of: z.number().int().positive(),
    by: z.array(z.string().min(1).max(100)).min(1).max(MAX_CERTIFICATE_WITNESSES),
  })
  .nullable();

export type CertificateWitness = z.infer<typeof ZCertificateWitness>;
export type CertificateWitnessPolicy = z.infer<typeof ZCertificateWitnessPolicy>;
export type CertificateWitnessed = z.infer<typeof ZCertificateWitnessed>;

/** Why `witnessed` cannot be what the issuer saw under `policy` (a format problem), or null. */
export function witnessedCoherence(policy: CertificateWitnessPolicy, witnessed: CertificateWitnessed): string | null {
  if (witnessed === null) return null;
  if (witnessed.quorum !== policy.quorum || witnessed.of !== policy.witnesses.length) {
    return `witnessed says ${witnessed.quorum} of ${witnessed.of}, but the witness policy is ${policy.quorum} of ${policy.witnesses.length}`;
  }
  const names = new Set(policy.witnesses.map((w) => w.name));
  const strangers = witnessed.by.filter((name) => !names.has(name));
  if (strangers.length > 0) return `witnessed names ${strangers.join(', ')}, not in the witness policy`;
  if (new Set(witnessed.by).size !== witnessed.by.length) return 'witnessed names a witness twice';
  if (witnessed.by.length < witnessed.quorum) {
    return `witnessed names ${witnessed.by.length} witness(es), fewer than the quorum ${witnessed.quorum}`;
  }
  return null;
}

/** Pinned witness keys (`--witness-key`), as given; an empty list pins nothing. */
export type PinnedWitnessKeys = readonly string[];

export interface WitnessKeysCheck {
  ok: boolean;
  message: string;
}

/** `witness_keys`: the pinned keys are the certificate's witness keys (same set). */
export function checkWitnessKeys(policy: CertificateWitnessPolicy | null, pinned: PinnedWitnessKeys): WitnessKeysCheck {
  const keys = [...new Set(pinned.map((k) => k.trim()))];
  const bad = keys.filter((k) => !ZWitnessKey.safeParse(k).success);
  if (bad.length > 0) return { ok: false, message: `a pinned witness key is not a verifier key: ${bad.join(', ')}` };
  if (policy === null) {
    return {
      ok: false,
      message: `${keys.length} witness key(s) are pinned, but this certificate names no witnesses (issued by a log without witnesses): nothing vouches for its checkpoint`,
    };
  }
  const listed = new Set(policy.witnesses.map((w) => w.verifierKey));
  const missing = keys.filter((k) => !listed.has(k));
  const extra = policy.witnesses.filter((w) => !keys.includes(w.verifierKey));
  if (missing.length === 0 && extra.length === 0) {
    return { ok: true, message: `the certificate's ${keys.length} witness keys are the pinned ones` };
  }
  const problems = [
    ...missing.map((k) => `pinned key ${keyName(k)} is not in the certificate`),
    ...extra.map((w) => `the certificate lists ${w.name} (${keyName(w.verifierKey)}), which is not pinned`),
  ];
  return { ok: false, message: `the certificate's witness keys differ from the pinned ones: ${problems.join('; ')}` };
}

export interface CosignaturesCheck {
  ok: boolean;
  message: string;
  /** Who vouched, counted from the signature lines; null when nothing could be counted. */
  witnessing: CertificateWitnessingResult | null;
}

/** The counted witnessing of one checkpoint, with what the certificate claimed. */
export interface CertificateWitnessingResult extends Witnessing {
  /** What the certificate says (`witnessed` not null: `witnessed`). */
  claimed: 'witnessed' | 'not_witnessed';
  /** Counted against pinned keys (`--witness-key`) rather than the certificate's own list. */
  pinned: boolean;
}

/**
 * `cosignatures`: counts the cosignature lines of `note` (the deposit's checkpoint, its log
 * signature checked apart) against the certificate's policy, or against the pinned keys when any
 * are given (named as the certificate names them, quorum the certificate's).
 */
export function checkCertificateCosignatures(
  note: string,
  policy: CertificateWitnessPolicy,
  witnessed: CertificateWitnessed,
  logVerifierKey: string,
  pinned: PinnedWitnessKeys = [],
  options: { now?: number } = {},
): CosignaturesCheck {
  const keys = [...new Set(pinned.map((k) => k.trim()))];
  const claimed = witnessed === null ? 'not_witnessed' : 'witnessed';
  const isPinned = keys.length > 0;
  if (isPinned && keys.length < policy.quorum) {
    return {
      ok: false,
      message: `the certificate's quorum is ${policy.quorum}, but only ${keys.length} witness key(s) are pinned: the pinned keys cannot meet it`,
      witnessing: null,
    };
  }
  const counted = isPinned
    ? {
        quorum: policy.quorum,
        witnesses: keys.map((key) => {
          const named = policy.witnesses.find((w) => w.verifierKey === key);
          return named ?? { name: keyName(key), verifierKey: key };
        }),
      }
    : policy;
  const result = witnessedBy(note, counted, logVerifierKey, options);
  if (!result) return { ok: false, message: 'no witnesses to count', witnessing: null };
  const witnessing: CertificateWitnessingResult = { ...result, claimed, pinned: isPinned };
  const against = isPinned ? 'the pinned witness keys' : "the certificate's witness policy";
  const who = result.by.length > 0 ? result.by.map(voucherName).join(', ') : 'none';
  const notCounted =
    result.problems.length > 0
      ? `; not counted: ${result.problems.map((p) => `${p.witness || 'policy'} (${p.kind}: ${p.message})`).join('; ')}`
      : '';
  if (result.state === 'witnessed') {
    return {
      ok: true,
      message: `witnessed by ${result.by.length} of ${result.of} (quorum ${result.quorum}, counted against ${against}): ${who}${notCounted}`,
      witnessing,
    };
  }
  if (claimed === 'witnessed') {
    return {
      ok: false,
      message: `the certificate says the checkpoint was witnessed, but only ${result.by.length} of ${result.of} valid cosignatures are on it (quorum ${result.quorum}, counted against ${against}): ${who}${notCounted}`,
      witnessing,
    };
  }
  if (isPinned) {
    return {
      ok: false,
      message: `not witnessed: the quorum ${result.quorum} is not met by the pinned witness keys (${result.by.length} cosigned: ${who})${notCounted}; the certificate says it was not yet witnessed when issued`,
      witnessing,
    };
  }
  return {
    ok: true,
    message: `not yet witnessed: the certificate says so (issued before ${result.quorum} of ${result.of} witnesses cosigned; ${result.by.length} had: ${who})${notCounted}`,
    witnessing,
  };
}

function voucherName(v: Voucher): string {
  return v.nameEn ? `${v.name} (${v.nameEn})` : v.name;
}

function keyName(key: string): string {
  const plus = key.indexOf('+');
  return plus > 0 ? key.slice(0, plus) : key.slice(0, 40);
}
