/**
 * The keys a person pins on the command line, given inline or as a file:
 *
 * - `--court-key`: base64 of the 32-byte Ed25519 key (what GET /api/v1/certificates/key serves),
 *   or a file holding that text, the JSON form `{ "publicKey": … }`, a PEM or DER
 *   SubjectPublicKeyInfo (RFC 8410, as `openssl pkey -pubout` writes), or the 32 raw bytes.
 * - `--log-key`: a signed-note verifier key `<origin>+<8 hex>+<base64>` (GET /api/v1/log/key), or a
 *   file holding one.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8410
 * @module
 */

import { COURT_KEY_LENGTH } from '@/lib/certificates/format/sign-certificate';
import { base64ToBytes, bytesEqual, parseCosignerVerifierKey, parseVerifierKey } from '@/lib/tlog';
import type { ReadFile } from '../command';

type Read<T> = { ok: true; value: T; from: 'argument' | 'file' } | { ok: false; message: string };

/** DER of SubjectPublicKeyInfo { id-Ed25519 } up to the 32 key bytes. */
const ED25519_SPKI_PREFIX = Uint8Array.of(0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00);

function base64Bytes(text: string): Uint8Array | null {
  try {
    return base64ToBytes(text);
  } catch {
    return null;
  }
}

function base64Key(text: string): Uint8Array | null {
  const bytes = base64Bytes(text);
  return bytes?.length === COURT_KEY_LENGTH ? bytes : null;
}

function fromSpki(der: Uint8Array): Uint8Array | null {
  const prefix = ED25519_SPKI_PREFIX.length;
  if (der.length !== prefix + COURT_KEY_LENGTH) return null;
  return bytesEqual(der.subarray(0, prefix), ED25519_SPKI_PREFIX) ? der.slice(prefix) : null;
}

function courtKeyFromFile(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length === COURT_KEY_LENGTH) return bytes;
  const der = fromSpki(bytes);
  if (der) return der;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).trim();
  } catch {
    return null;
  }
  const pem = /^-----BEGIN PUBLIC KEY-----([\s\S]*?)-----END PUBLIC KEY-----$/.exec(text);
  if (pem) {
    const body = base64Bytes((pem[1] ?? '').replace(/\s+/g, ''));
    return body ? fromSpki(body) : null;
  }
  if (text.startsWith('{')) {
    try {
      const json = JSON.parse(text) as { publicKey?: unknown };
      return typeof json.publicKey === 'string' ? base64Key(json.publicKey.trim()) : null;
    } catch {
      return null;
    }
  }
  return base64Key(text);
}

async function readOrError(path: string, readFile: ReadFile): Promise<Uint8Array | string> {
  try {
    return await readFile(path);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export async function readCourtKey(value: string, readFile: ReadFile): Promise<Read<Uint8Array>> {
  const inline = base64Key(value.trim());
  if (inline) return { ok: true, value: inline, from: 'argument' };
  const bytes = await readOrError(value, readFile);
  if (typeof bytes === 'string') {
    return {
      ok: false,
      message: `--court-key: ${value} is neither base64 of a ${COURT_KEY_LENGTH}-byte Ed25519 key nor a readable file (${bytes})`,
    };
  }
  const key = courtKeyFromFile(bytes);
  if (!key) {
    return {
      ok: false,
      message: `--court-key: ${value} holds no Ed25519 public key (expected the base64 text of GET /api/v1/certificates/key, its JSON, a PEM or DER public key, or 32 raw bytes)`,
    };
  }
  return { ok: true, value: key, from: 'file' };
}

function verifierKey(text: string): string | null {
  try {
    parseVerifierKey(text);
    return text;
  } catch {
    return null;
  }
}

export async function readLogKey(value: string, readFile: ReadFile): Promise<Read<string>> {
  const inline = verifierKey(value.trim());
  if (inline) return { ok: true, value: inline, from: 'argument' };
  const bytes = await readOrError(value, readFile);
  if (typeof bytes === 'string') {
    return {
      ok: false,
      message: `--log-key: ${value} is neither a verifier key (<origin>+<8 hex>+<base64>) nor a readable file (${bytes})`,
    };
  }
  const key = verifierKey(new TextDecoder().decode(bytes).trim());
  if (!key)
    return { ok: false, message: `--log-key: ${value} does not hold a verifier key (<origin>+<8 hex>+<base64>)` };
  return { ok: true, value: key, from: 'file' };
}

function cosignerKey(text: string): string | null {
  try {
    parseCosignerVerifierKey(text);
    return text;
  } catch {
    return null;
  }
}

/**
 * `--witness-key`: a witness's cosigner verifier key (`<name>+<8 hex>+<base64>`, as GET
 * <portal>/api/v1/log/witnesses lists it, or as the witness's operator publishes it), or a file
 * holding one.
 */
export async function readWitnessKey(value: string, readFile: ReadFile): Promise<Read<string>> {
  const inline = cosignerKey(value.trim());
  if (inline) return { ok: true, value: inline, from: 'argument' };
  const bytes = await readOrError(value, readFile);
  if (typeof bytes === 'string') {
    return {
      ok: false,
      message: `--witness-key: ${value} is neither a witness verifier key (<name>+<8 hex>+<base64>) nor a readable file (${bytes})`,
    };
  }
  const key = cosignerKey(new TextDecoder().decode(bytes).trim());
  if (!key) {
    return {
      ok: false,
      message: `--witness-key: ${value} does not hold a witness verifier key (<name>+<8 hex>+<base64>)`,
    };
  }
  return { ok: true, value: key, from: 'file' };
}
