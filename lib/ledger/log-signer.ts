import 'server-only';
/**
 * The log's identity: its origin (the signer key's name), signer and public verifier key, and
 * signing a checkpoint. The sequencer signs one per seal, so the server signs with node:crypto's
 * Ed25519 (OpenSSL) rather than lib/tlog's portable one; Ed25519 signatures are deterministic
 * (RFC 8032), so both give the same bytes (log-signer.test.ts holds them equal).
 */
import { createPrivateKey, type KeyObject, sign } from 'node:crypto';
import { ledgerEnv } from '@/lib/env/ledger-env';
import {
  formatSignedNote,
  type NoteSignerKey,
  parseCheckpoint,
  parseSignerKey,
  verifierKeyFromSignerKey,
} from '@/lib/tlog';

export interface LogSigner {
  origin: string;
  signer: NoteSignerKey;
  verifierKey: string;
  /** The checkpoint text (C2SP tlog-checkpoint) as a signed note with the log's signature. */
  signCheckpoint(text: string): string;
}

let cached: { text: string; signer: LogSigner } | undefined;

// PKCS #8 DER of an Ed25519 private key (RFC 8410 §7), before the 32-byte seed.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function logSigner(): LogSigner {
  const text = ledgerEnv().logSignerKey;
  if (cached?.text === text) return cached.signer;
  const signer = parseSignerKey(text);
  const key = ed25519KeyObject(signer.seed);
  cached = {
    text,
    signer: {
      origin: signer.name,
      signer,
      verifierKey: verifierKeyFromSignerKey(signer),
      signCheckpoint: (checkpoint) => signCheckpointWith(signer, key, checkpoint),
    },
  };
  return cached.signer;
}

/** node:crypto's key object for a 32-byte Ed25519 seed (RFC 8032). */
export function ed25519KeyObject(seed: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

function signCheckpointWith(signer: NoteSignerKey, key: KeyObject, text: string): string {
  parseCheckpoint(text); // refuses anything that is not a well-formed checkpoint body
  const signature = new Uint8Array(sign(null, Buffer.from(text, 'utf8'), key));
  return formatSignedNote({ text, signatures: [{ name: signer.name, keyId: signer.keyId, signature }] });
}
