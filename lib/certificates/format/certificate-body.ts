/**
 * The verification certificate (核验证书) as data: what the court signs. Pure and browser-safe,
 * so the public check page, the offline checker (`npx verity verify-certificate`) and the server
 * share one definition. The signed bytes are the RFC 8785 canonical JSON of the body; the
 * signature is Ed25519 by the court's key (DESIGN.md "Fixed formats").
 *
 * Certificate file (what the PDF attaches and GET /api/v1/certificates/{id} serves):
 *   { "format": "verity-certificate/v1", "body": CertificateBody, "signature": {
 *       "algorithm": "ed25519", "keyId": "<hex of first 4 bytes of SHA-256(public key)>",
 *       "publicKey": "<base64 of the 32-byte key>", "value": "<base64 of the 64-byte signature>" } }
 *
 * The file format stays `verity-certificate/v1`; the body carries its own `version`: 1 from a log
 * without witnesses (every certificate before issue #18), 2 from a log with witnesses, adding
 * `witnessPolicy` and `deposit.witnessed` (certificate-witnessing.ts). A checker reads both.
 * Either version may carry `anchor` (issue #19), checked by lib/anchor/check-deposit-anchor.ts.
 *
 * @module
 */
import { z } from 'zod';
import { ZDepositAnchor } from '@/lib/anchor/deposit-anchor.schema';
import { ZCertificateWitnessed, ZCertificateWitnessPolicy } from './certificate-witnessing';

export const CERTIFICATE_FORMAT = 'verity-certificate/v1';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'a digest is 64 lowercase hexadecimal characters');
const rfc3339 = z.iso.datetime({ offset: true, message: 'a time is RFC 3339 with an offset' });
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 text');

const ZCertifiedDepositV1 = z.strictObject({
  id: z.uuid(),
  depositedAt: rfc3339,
  depositor: z.strictObject({ id: z.string().min(1), name: z.string().min(1) }),
  /** The exact leaf bytes (base64): RFC 8785 JSON of the deposit statement. */
  leaf: base64,
  leafIndex: z.number().int().min(0).nullable(),
  /** c2sp.org/tlog-proof@v1 text: the leaf's inclusion proof and the signed checkpoint. */
  tlogProof: z.string().nullable(),
});

/**
 * Body version 1: from a log without witnesses (and every certificate issued before #18).
 * Version 2 adds `witnessPolicy` and `deposit.witnessed` (certificate-witnessing.ts).
 */
export const ZCertificateBodyV1 = z.strictObject({
  /** 1: the log had no witnesses; 2: it had, and the body says who vouched (ZCertificateBodyV2). */
  version: z.literal(1),
  /** The certificate number people quote, e.g. "VC-2026-000123" (unique per court). */
  number: z.string().min(1).max(64),
  /** The certificate's ID: the public check page is /certificates/{id}. */
  id: z.uuid(),
  court: z.strictObject({ code: z.string().min(1).max(64), nameZh: z.string().min(1), nameEn: z.string().min(1) }),
  case: z.strictObject({ id: z.uuid(), number: z.string().min(1).max(100), title: z.string().min(1).max(200) }),
  exhibit: z.strictObject({
    id: z.uuid(),
    number: z.number().int().min(1),
    title: z.string().min(1).max(200),
    fileName: z.string().max(255).nullable(),
    size: z.number().int().min(0).nullable(),
    kind: z.enum(['file', 'hash_only']),
    submittedBy: z.string().min(1),
    partyRole: z.enum(['plaintiff', 'defendant']),
  }),
  digests: z.strictObject({ sha256: hex64, sm3: hex64 }),
  verdict: z.enum(['consistent', 'tampered', 'not_found', 'pending', 'invalid_proof']),
  verification: z.strictObject({
    /** When the verdict was established (the exhibit's standing verification). */
    at: rfc3339,
    /** Who it was computed by: "server" (the portal's hash of the uploaded bytes) or "browser". */
    site: z.enum(['server', 'browser']),
    /** The person whose action produced it. */
    by: z.string().min(1),
  }),
  /** The deposit the verdict is about; null when no deposit records the digests. */
  deposit: ZCertifiedDepositV1.nullable(),
  log: z.strictObject({
    /** The log's origin (checkpoint first line). */
    origin: z.string().min(1),
    /** The log's verifier key, `<name>+<8 hex>+<base64>`, as it was when the certificate was issued. */
    verifierKey: z.string().min(1),
  }),
  /**
   * The deposit's anchors (issue #19): the first anchored checkpoint whose tree contains the
   * deposit, joined to the proof's checkpoint by a consistency proof, with its EVM transaction and
   * RFC 3161 token (lib/anchor/deposit-anchor.schema.ts); null when none covered it at issue (and in
   * every certificate issued before #19, whose field had another, never-filled shape).
   */
  anchor: ZDepositAnchor.nullable(),
  issuer: z.strictObject({ name: z.string().min(1), role: z.literal('clerk') }),
  issuedAt: rfc3339,
  /** What the result proves and what it does not, in both languages. */
  scope: z.strictObject({ zh: z.string().min(1), en: z.string().min(1) }),
});

/**
 * Body version 2 (issue #18): issued by a log with witnesses. `witnessPolicy` is the policy in
 * force when issued; `deposit.witnessed` says whether the checkpoint in `deposit.tlogProof` (with
 * the witnesses' cosignature lines after the log's) met it, by whom — or null: not yet witnessed.
 */
export const ZCertificateBodyV2 = ZCertificateBodyV1.extend({
  version: z.literal(2),
  deposit: ZCertifiedDepositV1.extend({ witnessed: ZCertificateWitnessed }).nullable(),
  witnessPolicy: ZCertificateWitnessPolicy,
});

export const ZCertificateBody = z.discriminatedUnion('version', [ZCertificateBodyV1, ZCertificateBodyV2]);

export type CertificateBodyV1 = z.infer<typeof ZCertificateBodyV1>;
export type CertificateBodyV2 = z.infer<typeof ZCertificateBodyV2>;
export type CertificateBody = z.infer<typeof ZCertificateBody>;

export const ZCertificateSignature = z.strictObject({
  algorithm: z.literal('ed25519'),
  keyId: z.string().regex(/^[0-9a-f]{8}$/),
  publicKey: base64,
  value: base64,
});

export const ZCertificateFile = z.strictObject({
  format: z.literal(CERTIFICATE_FORMAT),
  body: ZCertificateBody,
  signature: ZCertificateSignature,
});

export type CertificateFile = z.infer<typeof ZCertificateFile>;
