/**
 * The deposit certificate (存证证书) as data: what the portal's court key signs for a depositor
 * organisation about one or more of its deposits. Pure and browser-safe, so the offline checker
 * and the server share one definition. Signed bytes: RFC 8785 canonical JSON of the body, Ed25519
 * by the court key — the scheme of the verification certificate (lib/certificates/format), with
 * its own format name and a `type` member inside the signed body:
 *
 *   { "format": "verity-deposit-certificate/v1",
 *     "body": { "type": "deposit-certificate", "version": 1, "id", "issuer", "depositor",
 *               "deposits": [ { "id", "title", "file", "digests", "depositedAt", "leaf",
 *                               "leafIndex", "tlogProof", "checkUrl" } ], "log", "issuedAt" },
 *     "signature": { "algorithm": "ed25519", "keyId", "publicKey", "value" } }
 *
 * A deposit certificate is never a verification certificate: the verification certificate's body
 * schema is strict and has no `type`, so neither this file nor this body with its signature passes
 * `verifyCertificate`, and this format requires `type: "deposit-certificate"` in what is signed.
 * It certifies only what the ledger holds (digests, time, depositor, position) and, when known,
 * the title and the file's name and size — each of which the leaf commits to by its SHA-256
 * (titleSha256, metadataSha256), so the checker recomputes them. It says nothing about the
 * file's content or authenticity before the deposit.
 *
 * @module
 */
import { z } from 'zod';
import { ZDepositAnchor } from '@/lib/anchor/deposit-anchor.schema';
import { ZCertificateSignature } from '@/lib/certificates/format/certificate-body';
import { ZCertificateWitnessed, ZCertificateWitnessPolicy } from '@/lib/certificates/format/certificate-witnessing';

export const DEPOSIT_CERTIFICATE_FORMAT = 'verity-deposit-certificate/v1';
export const DEPOSIT_CERTIFICATE_TYPE = 'deposit-certificate';
/** Deposits one certificate may list (a deposit page batch is sent 100 files at a time). */
export const MAX_CERTIFIED_DEPOSITS = 100;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'a digest is 64 lowercase hexadecimal characters');
const rfc3339 = z.iso.datetime({ offset: true, message: 'a time is RFC 3339 with an offset' });
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 text');

export const ZCertifiedDeposit = z.strictObject({
  id: z.uuid(),
  /** The title the depositor gave, when the portal kept it; SHA-256 of it is the leaf's titleSha256. */
  title: z.string().min(1).max(500).nullable(),
  /** The file's name and size, when the depositor's browser gave them; the leaf's metadataSha256 covers `{ file }`. */
  file: z.strictObject({ name: z.string().min(1).max(255), size: z.number().int().min(0) }).nullable(),
  digests: z
    .strictObject({ sha256: hex64.optional(), sm3: hex64.optional() })
    .refine((d) => d.sha256 !== undefined || d.sm3 !== undefined, 'at least one digest'),
  depositedAt: rfc3339,
  /** The exact leaf bytes (base64): RFC 8785 JSON of the deposit statement. */
  leaf: base64,
  /** Zero-based; the page prints leafIndex + 1 ("record N of M"). */
  leafIndex: z.number().int().min(0),
  /** c2sp.org/tlog-proof@v1 text: the leaf's inclusion proof and the signed checkpoint. */
  tlogProof: z.string().min(1),
  /** The public check of this deposit, which the QR code encodes. */
  checkUrl: z.url({ protocol: /^https?$/ }),
  /**
   * Issue #19, from a log that anchors: the first anchored checkpoint containing the deposit, with
   * its EVM transaction and RFC 3161 token, or null: not anchored yet. Absent otherwise.
   */
  anchor: ZDepositAnchor.nullable().optional(),
});

/** Body version 1: from a log without witnesses (and every deposit certificate issued before #18). */
export const ZDepositCertificateBodyV1 = z.strictObject({
  type: z.literal(DEPOSIT_CERTIFICATE_TYPE),
  /** 1: the log had no witnesses; 2: it had, and the body says who vouched (ZDepositCertificateBodyV2). */
  version: z.literal(1),
  /** A random ID naming this certificate (it is rendered on request, not stored). */
  id: z.uuid(),
  /** The court whose key signs, as the portal knows it. */
  issuer: z.strictObject({ code: z.string().min(1).max(64), nameZh: z.string().min(1), nameEn: z.string().min(1) }),
  depositor: z.strictObject({ id: z.string().min(1), name: z.string().min(1) }),
  deposits: z.array(ZCertifiedDeposit).min(1).max(MAX_CERTIFIED_DEPOSITS),
  log: z.strictObject({ origin: z.string().min(1), verifierKey: z.string().min(1) }),
  issuedAt: rfc3339,
});

/** A deposit of a version 2 body: with whether its checkpoint was witnessed (the receipt's `witnessed`). */
export const ZCertifiedDepositV2 = ZCertifiedDeposit.extend({ witnessed: ZCertificateWitnessed });

/**
 * Body version 2 (issue #18): from a log with witnesses — the witness policy in force when issued,
 * and per deposit whether the checkpoint in its tlog-proof (with the witnesses' cosignature lines)
 * met it, by whom, or null: not yet witnessed (lib/certificates/format/certificate-witnessing.ts).
 */
export const ZDepositCertificateBodyV2 = ZDepositCertificateBodyV1.extend({
  version: z.literal(2),
  deposits: z.array(ZCertifiedDepositV2).min(1).max(MAX_CERTIFIED_DEPOSITS),
  witnessPolicy: ZCertificateWitnessPolicy,
});

export const ZDepositCertificateBody = z.discriminatedUnion('version', [
  ZDepositCertificateBodyV1,
  ZDepositCertificateBodyV2,
]);

export type CertifiedDeposit = z.infer<typeof ZCertifiedDeposit> | z.infer<typeof ZCertifiedDepositV2>;
export type DepositCertificateBodyV1 = z.infer<typeof ZDepositCertificateBodyV1>;
export type DepositCertificateBody = z.infer<typeof ZDepositCertificateBody>;

export const ZDepositCertificateFile = z.strictObject({
  format: z.literal(DEPOSIT_CERTIFICATE_FORMAT),
  body: ZDepositCertificateBody,
  signature: ZCertificateSignature,
});

export type DepositCertificateFile = z.infer<typeof ZDepositCertificateFile>;

/** Whether parsed JSON names itself a deposit certificate (to pick the checker; not a check). */
export function isDepositCertificateJson(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && (value as { format?: unknown }).format === DEPOSIT_CERTIFICATE_FORMAT
  );
}
