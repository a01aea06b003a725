import 'server-only';
/** The log's identity: its origin (the signer key's name), signer and public verifier key. */
import { ledgerEnv } from '@/lib/env/ledger-env';
import { type NoteSignerKey, parseSignerKey, verifierKeyFromSignerKey } from '@/lib/tlog';

export interface LogSigner {
  origin: string;
  signer: NoteSignerKey;
  verifierKey: string;
}

let cached: { text: string; signer: LogSigner } | undefined;

export function logSigner(): LogSigner {
  const text = ledgerEnv().logSignerKey;
  if (cached?.text === text) return cached.signer;
  const signer = parseSignerKey(text);
  cached = { text, signer: { origin: signer.name, signer, verifierKey: verifierKeyFromSignerKey(signer) } };
  return cached.signer;
}
