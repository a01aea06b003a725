/**
 * Checks a deposit certificate offline, with nothing but the file, the court's public key and the
 * log's verifier key — no call to Verity. Pure and browser-safe; the server checks every
 * certificate it signs with it before handing it out, and `npx verity verify-certificate` runs it
 * for a file of this format. Never throws: anything that is not a valid deposit certificate fails
 * a check.
 *
 * - `format`: the file has this format's shape (zod), `type: "deposit-certificate"` included;
 * - `signature`: Ed25519 (RFC 8032, strict) by the embedded key over the RFC 8785 body;
 * - `court_key`: the key ID is the embedded key's, and the key is the pinned court key when given;
 * - for each deposit (`deposit`: 1-based): `leaf` — the leaf is a valid deposit statement whose
 *   digests, time and depositor are the body's; `title_and_file` — the title and file named hash
 *   to the leaf's titleSha256 and metadataSha256; `checkpoint_signature` — the proof's checkpoint
 *   is signed by the log key (pinned, else the body's) for the body's origin; `inclusion_proof` —
 *   the leaf is in that checkpoint's tree at the body's index; body version 2 (a log with
 *   witnesses): `cosignatures` — who vouched for that checkpoint, counted from its cosignature
 *   lines against the certificate's witness policy or the pinned keys
 *   (lib/certificates/format/certificate-witnessing.ts);
 * - with `witnessKeys`, `witness_keys`: the certificate's witness keys are the pinned ones.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8032
 * @see https://c2sp.org/tlog-proof
 * @module
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import {
  type CertificateWitnessingResult,
  checkCertificateCosignatures,
  checkWitnessKeys,
  witnessedCoherence,
} from '@/lib/certificates/format/certificate-witnessing';
import { COURT_KEY_LENGTH, COURT_SIGNATURE_LENGTH, courtKeyId } from '@/lib/certificates/format/sign-certificate';
import { issueSummary } from '@/lib/errors/zod-issues';
import { canonicalJsonBytes } from '@/lib/ledger/statement/canonical-json';
import type { LeafStatement } from '@/lib/ledger/statement/leaf-statement.schema';
import { parseLeaf } from '@/lib/ledger/statement/parse-leaf';
import {
  base64ToBytes,
  bytesEqual,
  bytesToHex,
  hashLeaf,
  parseTlogProof,
  parseVerifierKey,
  verifyCheckpoint,
  verifyInclusion,
} from '@/lib/tlog';
import {
  type CertifiedDeposit,
  DEPOSIT_CERTIFICATE_FORMAT,
  type DepositCertificateBody,
  type DepositCertificateFile,
  ZDepositCertificateFile,
} from './deposit-certificate-body';

export type DepositCertificateCheckName =
  | 'format'
  | 'signature'
  | 'court_key'
  | 'leaf'
  | 'title_and_file'
  | 'checkpoint_signature'
  | 'inclusion_proof'
  | 'witness_keys'
  | 'cosignatures';

export interface DepositCertificateCheckItem {
  name: DepositCertificateCheckName;
  ok: boolean;
  message: string;
  /** The deposit (1-based, in the body's order) a per-deposit check is about. */
  deposit?: number;
}

export interface VerifyDepositCertificateOptions {
  /** The court's public key (32 bytes, or their base64 as GET /api/v1/certificates/key serves it). */
  courtPublicKey?: Uint8Array | string;
  /** The log's verifier key `<origin>+<hex8>+<base64>` (GET /api/v1/log/key); else the body's own. */
  logVerifierKey?: string;
  /** Witness keys to pin (`--witness-key`), as verifyCertificate's `witnessKeys`. */
  witnessKeys?: readonly string[];
}

export interface DepositCertificateCheck {
  ok: boolean;
  checks: DepositCertificateCheckItem[];
  /** The file as parsed, when it has this format's shape (trust its content only when `ok`). */
  file: DepositCertificateFile | null;
  courtKey: { keyId: string; pinned: boolean } | null;
  logKey: { verifierKey: string; source: 'pinned' | 'certificate' } | null;
  /** Who vouched for each deposit's checkpoint (body version 2), in the body's order; [] for version 1. */
  witnessing: (CertificateWitnessingResult | null)[];
}

export function verifyDepositCertificate(
  input: unknown,
  options: VerifyDepositCertificateOptions = {},
): DepositCertificateCheck {
  const checks: DepositCertificateCheckItem[] = [];
  const add = (name: DepositCertificateCheckName, ok: boolean, message: string, deposit?: number) =>
    checks.push({ name, ok, message, ...(deposit === undefined ? {} : { deposit }) });
  const done = (
    file: DepositCertificateFile | null,
    courtKey: DepositCertificateCheck['courtKey'] = null,
    logKey: DepositCertificateCheck['logKey'] = null,
  ): DepositCertificateCheck => ({
    ok: checks.length > 0 && checks.every((c) => c.ok),
    checks,
    file,
    courtKey,
    logKey,
    witnessing,
  });
  const witnessing: DepositCertificateCheck['witnessing'] = [];

  const value = decode(input);
  if (!value.ok) {
    add('format', false, value.message);
    return done(null);
  }
  const parsed = ZDepositCertificateFile.safeParse(value.value);
  if (!parsed.success) {
    add('format', false, `not a ${DEPOSIT_CERTIFICATE_FORMAT} file: ${issueSummary(parsed.error)}`);
    return done(null);
  }
  const file = parsed.data;
  const { body } = file;
  const incoherent =
    body.version === 2
      ? body.deposits
          .map((d, i) => {
            const problem = witnessedCoherence(body.witnessPolicy, d.witnessed);
            return problem && `deposit ${i + 1}: ${problem}`;
          })
          .filter(Boolean)
      : [];
  add(
    'format',
    incoherent.length === 0,
    incoherent.join('; ') ||
      `a ${DEPOSIT_CERTIFICATE_FORMAT} file: ${body.deposits.length} deposit(s) of ${body.depositor.name}`,
  );

  // signature, court_key
  const publicKey = fixed(file.signature.publicKey, COURT_KEY_LENGTH);
  const signature = fixed(file.signature.value, COURT_SIGNATURE_LENGTH);
  let courtKey: DepositCertificateCheck['courtKey'] = null;
  if (!publicKey || !signature) {
    add('signature', false, 'signature.publicKey or signature.value is not canonical base64 of the right length');
  } else {
    const bytes = attempt(() => canonicalJsonBytes(body));
    const valid = bytes.ok
      ? attempt(() => ed25519.verify(signature, bytes.value, publicKey, { zip215: false }))
      : bytes;
    if (valid.ok && valid.value) {
      add('signature', true, `Ed25519 signature by key ${courtKeyId(publicKey)} over the canonical body is valid`);
    } else
      add('signature', false, 'the Ed25519 signature does not match the body: the body or the signature was changed');
  }
  if (!publicKey) add('court_key', false, 'no usable public key in the certificate');
  else {
    const keyId = courtKeyId(publicKey);
    const pinned = options.courtPublicKey === undefined ? undefined : pinnedKey(options.courtPublicKey);
    courtKey = { keyId, pinned: pinned !== undefined };
    if (file.signature.keyId !== keyId) {
      add('court_key', false, `signature.keyId ${file.signature.keyId} is not the embedded key's ID (${keyId})`);
    } else if (pinned === undefined) {
      add(
        'court_key',
        true,
        `not pinned: checked with the key in the certificate (${keyId}); compare it with the court's published key`,
      );
    } else if (pinned === null) add('court_key', false, `the pinned court key is not ${COURT_KEY_LENGTH} bytes`);
    else if (bytesEqual(pinned, publicKey)) add('court_key', true, `signed with the pinned court key ${keyId}`);
    else add('court_key', false, `signed with key ${keyId}, not with the pinned court key ${courtKeyId(pinned)}`);
  }

  // The log key: pinned, else the body's.
  const source = options.logVerifierKey === undefined ? 'certificate' : 'pinned';
  const keyText = (options.logVerifierKey ?? body.log.verifierKey).trim();
  const logKeyOk = attempt(() => parseVerifierKey(keyText));
  const logKey = logKeyOk.ok ? { verifierKey: keyText, source: source as 'pinned' | 'certificate' } : null;

  const pinnedWitnesses = options.witnessKeys ?? [];
  if (pinnedWitnesses.length > 0) {
    const keys = checkWitnessKeys(body.version === 2 ? body.witnessPolicy : null, pinnedWitnesses);
    add('witness_keys', keys.ok, keys.message);
  }
  body.deposits.forEach((deposit: CertifiedDeposit, i) => {
    checkDeposit(body, deposit, i + 1, logKey, logKeyOk.ok ? null : logKeyOk.message, add);
    if (body.version === 2 && 'witnessed' in deposit) {
      const proof = attempt(() => parseTlogProof(deposit.tlogProof));
      if (!proof.ok) {
        add('cosignatures', false, `not checked: the tlog-proof cannot be read: ${proof.message}`, i + 1);
        witnessing.push(null);
        return;
      }
      const counted = checkCertificateCosignatures(
        proof.value.checkpoint,
        body.witnessPolicy,
        deposit.witnessed,
        logKey?.verifierKey ?? body.log.verifierKey,
        [...pinnedWitnesses],
      );
      witnessing.push(counted.witnessing);
      add('cosignatures', counted.ok, counted.message, i + 1);
    }
  });
  return done(file, courtKey, logKey);
}

function checkDeposit(
  body: DepositCertificateBody,
  deposit: CertifiedDeposit,
  n: number,
  logKey: DepositCertificateCheck['logKey'],
  logKeyProblem: string | null,
  add: (name: DepositCertificateCheckName, ok: boolean, message: string, deposit?: number) => void,
): void {
  const leaf = attempt(() => base64ToBytes(deposit.leaf));
  const statement = leaf.ok ? attempt(() => parseLeaf(leaf.value)) : leaf;
  if (!statement.ok) {
    add('leaf', false, `the leaf is not a valid deposit statement: ${statement.message}`, n);
    add('title_and_file', false, 'not checked: the leaf could not be read', n);
  } else {
    const problems = leafProblems(body, deposit, statement.value);
    add(
      'leaf',
      problems.length === 0,
      problems.join('; ') ||
        `a deposit statement by ${statement.value.depositor.name} at ${statement.value.depositedAt}`,
      n,
    );
    const named = namedProblems(deposit, statement.value);
    add('title_and_file', named.ok, named.message, n);
  }

  const proof = attempt(() => parseTlogProof(deposit.tlogProof));
  if (!proof.ok) {
    add('checkpoint_signature', false, `tlogProof is not a c2sp.org/tlog-proof@v1 text: ${proof.message}`, n);
    add('inclusion_proof', false, `tlogProof is not a c2sp.org/tlog-proof@v1 text: ${proof.message}`, n);
    return;
  }
  const whose = logKey?.source === 'pinned' ? 'the pinned log key' : "the certificate's own log key (not pinned)";
  const checkpoint =
    logKey === null
      ? ({ ok: false, message: logKeyProblem ?? 'no log key' } as const)
      : attempt(
          () => verifyCheckpoint(proof.value.checkpoint, logKey.verifierKey, { origin: body.log.origin }).checkpoint,
        );
  if (checkpoint.ok) {
    add(
      'checkpoint_signature',
      true,
      `checkpoint of size ${checkpoint.value.size} for ${body.log.origin} is signed by ${whose}`,
      n,
    );
  } else
    add(
      'checkpoint_signature',
      false,
      `the checkpoint is not signed for ${body.log.origin} by ${whose}: ${checkpoint.message}`,
      n,
    );

  if (!leaf.ok || !checkpoint.ok) {
    add('inclusion_proof', false, 'not checked: the leaf or the checkpoint could not be read', n);
  } else if (BigInt(deposit.leafIndex) !== proof.value.index) {
    add('inclusion_proof', false, `leafIndex ${deposit.leafIndex} is not the proof's index ${proof.value.index}`, n);
  } else {
    const size = checkpoint.value.size;
    const included = attempt(() =>
      verifyInclusion(proof.value.index, size, hashLeaf(leaf.value), proof.value.proof, checkpoint.value.rootHash),
    );
    if (included.ok)
      add('inclusion_proof', true, `the leaf is record ${deposit.leafIndex + 1} of ${size} in the ledger`, n);
    else add('inclusion_proof', false, `the leaf is not proven to be in the ledger: ${included.message}`, n);
  }
}

/** The body repeats the leaf's digests, time and depositor for readers: they must be what the leaf says. */
function leafProblems(body: DepositCertificateBody, deposit: CertifiedDeposit, statement: LeafStatement): string[] {
  const problems: string[] = [];
  if (Date.parse(statement.depositedAt) !== Date.parse(deposit.depositedAt)) {
    problems.push(`the leaf's time ${statement.depositedAt} is not depositedAt ${deposit.depositedAt}`);
  }
  if (statement.depositor.id !== body.depositor.id || statement.depositor.name !== body.depositor.name) {
    problems.push(
      `the leaf's depositor "${statement.depositor.name}" is not the certificate's "${body.depositor.name}"`,
    );
  }
  for (const algorithm of ['sha256', 'sm3'] as const) {
    if (statement.digests[algorithm] !== deposit.digests[algorithm]) {
      problems.push(`the leaf's ${algorithm === 'sha256' ? 'SHA-256' : 'SM3'} is not the certificate's`);
    }
  }
  return problems;
}

function namedProblems(deposit: CertifiedDeposit, statement: LeafStatement): { ok: boolean; message: string } {
  const problems: string[] = [];
  const said: string[] = [];
  if (deposit.title !== null) {
    if (hex(new TextEncoder().encode(deposit.title)) === statement.titleSha256) said.push('the title');
    else problems.push("the title does not hash to the leaf's titleSha256");
  }
  if (deposit.file !== null) {
    if (hex(canonicalJsonBytes({ file: deposit.file })) === statement.metadataSha256)
      said.push("the file's name and size");
    else problems.push("the file's name and size do not hash to the leaf's metadataSha256");
  }
  if (problems.length > 0) return { ok: false, message: problems.join('; ') };
  if (said.length === 0) return { ok: true, message: 'no title or file name is stated' };
  return { ok: true, message: `${said.join(' and ')} are what the leaf records the digest of` };
}

type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

function attempt<T>(fn: () => T): Outcome<T> {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function decode(input: unknown): Outcome<unknown> {
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) return { ok: true, value: input };
  return attempt(() =>
    JSON.parse(typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input)),
  );
}

function fixed(text: string, length: number): Uint8Array | null {
  const bytes = attempt(() => base64ToBytes(text));
  return bytes.ok && bytes.value.length === length ? bytes.value : null;
}

function pinnedKey(key: Uint8Array | string): Uint8Array | null {
  if (key instanceof Uint8Array) return key.length === COURT_KEY_LENGTH ? key : null;
  return typeof key === 'string' ? fixed(key.trim(), COURT_KEY_LENGTH) : null;
}

function hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}
