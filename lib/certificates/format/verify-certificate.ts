/**
 * Checks a certificate file offline, with nothing but the file, the court's public key and the
 * log's verifier key — no call to Verity. Pure and browser-safe: the public check page, the
 * offline checker and the server (which checks every certificate it issues before storing it)
 * run this same code.
 *
 * The answer is a list of named checks, each passed or failed with a message, and `ok` when all
 * passed. It never throws: anything that is not a valid certificate fails a check.
 *
 * - `format`: the file has the certificate shape (zod), and the verdict agrees with the deposit
 *   (consistent and tampered name one; not_found names none).
 * - `signature`: Ed25519 (RFC 8032, strict: no ZIP-215 leniency, as lib/tlog) by the embedded
 *   public key over the RFC 8785 canonical body.
 * - `court_key`: the key ID is the embedded key's, and the key is the court's own when a pinned
 *   key is given (otherwise the check passes but says it was not pinned).
 * - with a deposit, `leaf`: the leaf bytes are a valid deposit statement (strict parseLeaf) whose
 *   time and depositor are what the body says; `digests_match_leaf`: the leaf records the body's
 *   digests (consistent) or not (tampered); `checkpoint_signature`: the proof's checkpoint is
 *   signed by the log key (the pinned one when given, else the body's) for the body's origin;
 *   `inclusion_proof`: the leaf is in the tree that checkpoint commits to, at the body's index.
 * - with `witnessKeys` (pinned witness keys), `witness_keys`: the certificate's witness policy
 *   lists exactly these keys (a version 1 certificate names none: fails).
 * - body version 2 with a deposit, `cosignatures`: who vouched for the proof's checkpoint, counted
 *   from its cosignature lines against the certificate's witness policy (or the pinned keys) —
 *   certificate-witnessing.ts: a bad line is reported, never a veto; "not yet witnessed" passes
 *   when the certificate says so and no keys are pinned. A version 1 certificate is checked
 *   exactly as before #18.
 * - with `fileDigests`, `file_digests`: the file in hand has the body's digests.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8032
 * @see https://c2sp.org/tlog-proof
 * @module
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { issueSummary } from '@/lib/errors/zod-issues';
import type { LeafStatement } from '@/lib/ledger/statement/leaf-statement.schema';
import { parseLeaf } from '@/lib/ledger/statement/parse-leaf';
import type { Checkpoint } from '@/lib/tlog';
import {
  base64ToBytes,
  bytesEqual,
  hashLeaf,
  parseCheckpoint,
  parseSignedNote,
  parseTlogProof,
  parseVerifierKey,
  verifyCheckpoint,
  verifyInclusion,
} from '@/lib/tlog';
import { certificateSigningBytes } from './canonical';
import { type CertificateBody, type CertificateFile, ZCertificateFile } from './certificate-body';
import {
  type CertificateWitnessingResult,
  checkCertificateCosignatures,
  checkWitnessKeys,
  witnessedCoherence,
} from './certificate-witnessing';
import { COURT_KEY_LENGTH, COURT_SIGNATURE_LENGTH, courtKeyId } from './sign-certificate';

export const CERTIFICATE_CHECK_NAMES = [
  'format',
  'signature',
  'court_key',
  'leaf',
  'digests_match_leaf',
  'checkpoint_signature',
  'inclusion_proof',
  'witness_keys',
  'cosignatures',
  'file_digests',
] as const;

export type CertificateCheckName = (typeof CERTIFICATE_CHECK_NAMES)[number];

export interface CertificateCheckItem {
  name: CertificateCheckName;
  ok: boolean;
  message: string;
}

export interface VerifyCertificateOptions {
  /** The court's public key (32 bytes, or their base64 as GET /api/v1/certificates/key serves it). */
  courtPublicKey?: Uint8Array | string;
  /** The log's verifier key `<origin>+<hex8>+<base64>` (GET /api/v1/log/key); else the body's own. */
  logVerifierKey?: string;
  /** Digests of the file in hand (lowercase or uppercase hex); each given must equal the body's. */
  fileDigests?: { sha256?: string; sm3?: string };
  /**
   * Witness cosigner verifier keys to pin (`--witness-key`): the certificate's witness keys must
   * be these, and only these are counted towards its quorum. Empty or absent: the certificate's own.
   */
  witnessKeys?: readonly string[];
}

export interface CertificateCheck {
  /** Every check passed. */
  ok: boolean;
  /** The checks that apply, in order; deposit checks only when the certificate names a deposit. */
  checks: CertificateCheckItem[];
  /** The file as parsed, when it has the certificate shape (trust its content only when `ok`). */
  file: CertificateFile | null;
  /** The signing key, and whether it was compared with a pinned court key. */
  courtKey: { keyId: string; pinned: boolean } | null;
  /** The log key the proof was checked with, and where it came from. */
  logKey: { verifierKey: string; source: 'pinned' | 'certificate' } | null;
  /**
   * Who vouched for the deposit's checkpoint, counted from its cosignature lines (body version 2
   * with a deposit and a proof); null otherwise (version 1 says nothing about witnesses).
   */
  witnessing: CertificateWitnessingResult | null;
}

const VERDICTS_MATCHING_LEAF = new Set(['consistent', 'pending', 'invalid_proof']);

/** Checks `file` (a parsed certificate file, or its JSON text or bytes). Never throws. */
export function verifyCertificate(file: unknown, options: VerifyCertificateOptions = {}): CertificateCheck {
  try {
    return run(file, options ?? {});
  } catch (error) {
    // Not reachable by design (every step catches its own failures); a verifier must still answer.
    return {
      ok: false,
      checks: [{ name: 'format', ok: false, message: `the certificate could not be checked: ${messageOf(error)}` }],
      file: null,
      courtKey: null,
      logKey: null,
      witnessing: null,
    };
  }
}

function run(input: unknown, options: VerifyCertificateOptions): CertificateCheck {
  const checks: CertificateCheckItem[] = [];
  const pass = (name: CertificateCheckName, message: string) => checks.push({ name, ok: true, message });
  const fail = (name: CertificateCheckName, message: string) => checks.push({ name, ok: false, message });
  const result = (file: CertificateFile | null, courtKey: CertificateCheck['courtKey'] = null) => ({
    ok: checks.length > 0 && checks.every((c) => c.ok),
    checks,
    file,
    courtKey,
    logKey,
    witnessing,
  });
  let logKey: CertificateCheck['logKey'] = null;
  let witnessing: CertificateCheck['witnessing'] = null;

  // format
  const value = decodeInput(input);
  if (!value.ok) {
    fail('format', value.message);
    return result(null);
  }
  const parsed = ZCertificateFile.safeParse(value.value);
  if (!parsed.success) {
    fail('format', `not a verity-certificate/v1 file: ${issueSummary(parsed.error)}`);
    return result(null);
  }
  const file = parsed.data;
  const { body } = file;
  const coherence = verdictCoherence(body) ?? witnessingCoherence(body);
  if (coherence) fail('format', coherence);
  else pass('format', `a verity-certificate/v1 file: certificate ${body.number}, verdict ${body.verdict}`);

  // signature, court_key
  const publicKey = decodeFixed(file.signature.publicKey, COURT_KEY_LENGTH);
  const signature = decodeFixed(file.signature.value, COURT_SIGNATURE_LENGTH);
  let courtKey: CertificateCheck['courtKey'] = null;
  if (!publicKey) {
    fail('signature', `signature.publicKey is not canonical base64 of a ${COURT_KEY_LENGTH}-byte Ed25519 key`);
  } else if (!signature) {
    fail('signature', `signature.value is not canonical base64 of a ${COURT_SIGNATURE_LENGTH}-byte Ed25519 signature`);
  } else {
    const bytes = signingBytes(body);
    if (!bytes.ok) fail('signature', bytes.message);
    else if (ed25519Verify(signature, bytes.value, publicKey)) {
      pass('signature', `Ed25519 signature by key ${courtKeyId(publicKey)} over the canonical body is valid`);
    } else {
      fail('signature', 'the Ed25519 signature does not match the body: the body or the signature was changed');
    }
  }
  if (!publicKey) {
    fail('court_key', 'no usable public key in the certificate');
  } else {
    const keyId = courtKeyId(publicKey);
    const pinned = options.courtPublicKey === undefined ? undefined : decodePinnedCourtKey(options.courtPublicKey);
    courtKey = { keyId, pinned: pinned !== undefined };
    if (file.signature.keyId !== keyId) {
      fail('court_key', `signature.keyId ${file.signature.keyId} is not the embedded key's ID (${keyId})`);
    } else if (pinned === undefined) {
      pass(
        'court_key',
        `not pinned: the signature was checked with the key in the certificate (${keyId}); compare it with the court's published key`,
      );
    } else if (pinned === null) {
      fail('court_key', `the pinned court key is not ${COURT_KEY_LENGTH} bytes (raw, or canonical base64)`);
    } else if (bytesEqual(pinned, publicKey)) {
      pass('court_key', `signed with the pinned court key ${keyId}`);
    } else {
      fail('court_key', `signed with key ${keyId}, not with the pinned court key ${courtKeyId(pinned)}`);
    }
  }

  // deposit: leaf, digests_match_leaf, checkpoint_signature, inclusion_proof
  const deposit = body.deposit;
  if (deposit) {
    const leaf = decodeLeaf(deposit.leaf);
    let statement: LeafStatement | null = null;
    if (!leaf.ok) fail('leaf', leaf.message);
    else {
      try {
        statement = parseLeaf(leaf.value);
      } catch (error) {
        fail('leaf', `the leaf is not a valid deposit statement: ${messageOf(error)}`);
      }
    }
    if (statement) {
      const mismatch = leafAgreement(statement, deposit);
      if (mismatch) fail('leaf', mismatch);
      else pass('leaf', `a deposit statement by ${statement.depositor.name} at ${statement.depositedAt}`);
      const digests = digestsAgainstLeaf(body, statement);
      if (digests.ok) pass('digests_match_leaf', digests.message);
      else fail('digests_match_leaf', digests.message);
    } else {
      fail('digests_match_leaf', 'not checked: the leaf could not be read');
    }

    const key = chooseLogKey(body, options.logVerifierKey);
    if (key.ok) logKey = { verifierKey: key.value, source: key.source };
    if (deposit.tlogProof === null) {
      fail('checkpoint_signature', 'the certificate carries no proof (the deposit was not sealed when it was issued)');
      fail('inclusion_proof', 'the certificate carries no proof (the deposit was not sealed when it was issued)');
    } else {
      checkProof(deposit.tlogProof, deposit.leafIndex, leaf.ok ? leaf.value : null, body.log.origin, key, pass, fail);
    }
  }

  // witness_keys (with pinned keys), cosignatures (version 2 with a deposit)
  const pinnedWitnesses = options.witnessKeys ?? [];
  const policy = body.version === 2 ? body.witnessPolicy : null;
  if (pinnedWitnesses.length > 0) {
    const keys = checkWitnessKeys(policy, pinnedWitnesses);
    (keys.ok ? pass : fail)('witness_keys', keys.message);
  }
  if (body.version === 2 && body.deposit) {
    const note = checkpointNote(body.deposit.tlogProof);
    if (!note.ok) fail('cosignatures', `not checked: ${note.message}`);
    else {
      const logVerifierKey = logKey?.verifierKey ?? body.log.verifierKey;
      const counted = checkCertificateCosignatures(
        note.value,
        body.witnessPolicy,
        body.deposit.witnessed,
        logVerifierKey,
        [...pinnedWitnesses],
      );
      witnessing = counted.witnessing;
      (counted.ok ? pass : fail)('cosignatures', counted.message);
    }
  }

  // file_digests
  const given = options.fileDigests;
  if (given && (given.sha256 !== undefined || given.sm3 !== undefined)) {
    const problems: string[] = [];
    for (const algorithm of ['sha256', 'sm3'] as const) {
      const digest = given[algorithm];
      if (digest === undefined) continue;
      if (typeof digest !== 'string' || !/^[0-9a-fA-F]{64}$/.test(digest)) {
        problems.push(`the file's ${label(algorithm)} is not 64 hexadecimal characters`);
      } else if (digest.toLowerCase() !== body.digests[algorithm]) {
        problems.push(`the file's ${label(algorithm)} differs from the certificate's`);
      }
    }
    if (problems.length > 0) fail('file_digests', `${problems.join('; ')}: this is not the certified file`);
    else {
      const which = (['sha256', 'sm3'] as const).filter((a) => given[a] !== undefined).map(label);
      pass('file_digests', `the file's ${which.join(' and ')} equal the certificate's`);
    }
  }

  return result(file, courtKey);
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

function decodeInput(input: unknown): Outcome<unknown> {
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) return { ok: true, value: input };
  try {
    const text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `the certificate is not JSON text: ${messageOf(error)}` };
  }
}

function verdictCoherence(body: CertificateBody): string | null {
  if ((body.verdict === 'consistent' || body.verdict === 'tampered') && body.deposit === null) {
    return `the verdict ${body.verdict} is about a deposit, but the certificate names none`;
  }
  if (body.verdict === 'not_found' && body.deposit !== null) {
    return 'the verdict not_found means no deposit records the digests, but the certificate names one';
  }
  return null;
}

function witnessingCoherence(body: CertificateBody): string | null {
  if (body.version !== 2 || !body.deposit) return null;
  if (body.deposit.tlogProof === null && body.deposit.witnessed !== null) {
    return 'deposit.witnessed names witnesses, but the certificate carries no checkpoint';
  }
  return witnessedCoherence(body.witnessPolicy, body.deposit.witnessed);
}

/** The checkpoint note of a tlog-proof text, with the witnesses' lines. */
export function checkpointNote(proofText: string | null): Outcome<string> {
  if (proofText === null) return { ok: false, message: 'the certificate carries no proof' };
  try {
    return { ok: true, value: parseTlogProof(proofText).checkpoint };
  } catch (error) {
    return { ok: false, message: `the tlog-proof cannot be read: ${messageOf(error)}` };
  }
}

function decodeFixed(text: string, length: number): Uint8Array | null {
  try {
    const bytes = base64ToBytes(text);
    return bytes.length === length ? bytes : null;
  } catch {
    return null;
  }
}

function decodePinnedCourtKey(key: Uint8Array | string): Uint8Array | null {
  if (key instanceof Uint8Array) return key.length === COURT_KEY_LENGTH ? key : null;
  return typeof key === 'string' ? decodeFixed(key.trim(), COURT_KEY_LENGTH) : null;
}

function signingBytes(body: CertificateBody): Outcome<Uint8Array> {
  try {
    return { ok: true, value: certificateSigningBytes(body) };
  } catch (error) {
    return { ok: false, message: `the body has no RFC 8785 canonical form: ${messageOf(error)}` };
  }
}

function ed25519Verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    // Strict RFC 8032 decoding (not ZIP-215): a signature cannot be re-encoded into a second valid one.
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

function decodeLeaf(text: string): Outcome<Uint8Array> {
  try {
    return { ok: true, value: base64ToBytes(text) };
  } catch (error) {
    return { ok: false, message: `deposit.leaf is not canonical base64: ${messageOf(error)}` };
  }
}

/** The body repeats the leaf's time and depositor for readers: they must be what the leaf says. */
function leafAgreement(statement: LeafStatement, deposit: NonNullable<CertificateBody['deposit']>): string | null {
  const problems: string[] = [];
  if (Date.parse(statement.depositedAt) !== Date.parse(deposit.depositedAt)) {
    problems.push(`the leaf's time ${statement.depositedAt} is not deposit.depositedAt ${deposit.depositedAt}`);
  }
  if (statement.depositor.id !== deposit.depositor.id || statement.depositor.name !== deposit.depositor.name) {
    problems.push(
      `the leaf's depositor "${statement.depositor.name}" is not deposit.depositor "${deposit.depositor.name}"`,
    );
  }
  return problems.length > 0 ? problems.join('; ') : null;
}

function digestsAgainstLeaf(body: CertificateBody, statement: LeafStatement): { ok: boolean; message: string } {
  const recorded = (['sha256', 'sm3'] as const).filter((a) => statement.digests[a] !== undefined);
  const equal = recorded.filter((a) => statement.digests[a] === body.digests[a]);
  const names = recorded.map(label).join(' and ');
  const allEqual = equal.length === recorded.length;
  if (body.verdict === 'tampered') {
    return allEqual
      ? { ok: false, message: `the verdict is tampered, but the leaf records the same ${names}` }
      : { ok: true, message: `the leaf records a different ${names}, as the verdict tampered says` };
  }
  if (VERDICTS_MATCHING_LEAF.has(body.verdict)) {
    return allEqual
      ? { ok: true, message: `the leaf records the certificate's ${names}` }
      : { ok: false, message: `the leaf records a different ${names} than the certificate (verdict ${body.verdict})` };
  }
  return { ok: false, message: `the verdict ${body.verdict} names no deposit to compare with` };
}

function chooseLogKey(
  body: CertificateBody,
  pinned: string | undefined,
): { ok: true; value: string; source: 'pinned' | 'certificate' } | { ok: false; message: string } {
  const source = pinned === undefined ? 'certificate' : 'pinned';
  const text = pinned === undefined ? body.log.verifierKey : typeof pinned === 'string' ? pinned.trim() : '';
  try {
    parseVerifierKey(text);
    return { ok: true, value: text, source };
  } catch (error) {
    const whose = source === 'pinned' ? 'the pinned log key' : "the certificate's log.verifierKey";
    return { ok: false, message: `${whose} is not a valid verifier key: ${messageOf(error)}` };
  }
}

function checkProof(
  proofText: string,
  leafIndex: number | null,
  leaf: Uint8Array | null,
  origin: string,
  key: ReturnType<typeof chooseLogKey>,
  pass: (name: CertificateCheckName, message: string) => void,
  fail: (name: CertificateCheckName, message: string) => void,
): void {
  let proof: ReturnType<typeof parseTlogProof>;
  try {
    proof = parseTlogProof(proofText);
  } catch (error) {
    const message = `deposit.tlogProof is not a c2sp.org/tlog-proof@v1 text: ${messageOf(error)}`;
    fail('checkpoint_signature', message);
    fail('inclusion_proof', message);
    return;
  }

  let checkpoint: Checkpoint | null = null;
  if (!key.ok) fail('checkpoint_signature', key.message);
  else {
    const whose = key.source === 'pinned' ? 'the pinned log key' : "the certificate's own log key (not pinned)";
    try {
      checkpoint = verifyCheckpoint(proof.checkpoint, key.value, { origin }).checkpoint;
      pass('checkpoint_signature', `checkpoint of size ${checkpoint.size} for ${origin} is signed by ${whose}`);
    } catch (error) {
      fail('checkpoint_signature', `the checkpoint is not signed for ${origin} by ${whose}: ${messageOf(error)}`);
    }
  }

  if (!leaf) {
    fail('inclusion_proof', 'not checked: the leaf could not be read');
    return;
  }
  if (leafIndex === null || BigInt(leafIndex) !== proof.index) {
    fail('inclusion_proof', `deposit.leafIndex ${leafIndex} is not the proof's index ${proof.index}`);
    return;
  }
  try {
    // The inclusion is checked against the checkpoint's root even when its signature failed, so
    // each failure is reported where it is; the certificate is only ok when both pass.
    checkpoint ??= parseCheckpoint(parseSignedNote(proof.checkpoint).text);
    verifyInclusion(proof.index, checkpoint.size, hashLeaf(leaf), proof.proof, checkpoint.rootHash);
    pass('inclusion_proof', `the leaf is at index ${proof.index} of the tree of size ${checkpoint.size}`);
  } catch (error) {
    fail('inclusion_proof', `the leaf is not proven to be in the log: ${messageOf(error)}`);
  }
}

function label(algorithm: 'sha256' | 'sm3'): string {
  return algorithm === 'sha256' ? 'SHA-256' : 'SM3';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
