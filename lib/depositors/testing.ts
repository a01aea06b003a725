import 'server-only';
/** Test data for lib/depositors: random names so test files can run in parallel on one database. */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sm2 } from 'sm-crypto-v2';
import { getDb } from '@/lib/db/client';
import { buildUser, tag } from '@/test/builders';
import { createApiKey } from './create-api-key';

export async function buildDepositorOrg(name = `Depositor ${tag()}`) {
  return getDb().depositorOrg.create({ data: { name } });
}

export async function buildAdmin() {
  return (await buildUser({ role: 'admin' })).actor;
}

/** An organisation with one fresh API key, and the admin who issued it. */
export async function buildApiKey() {
  const admin = await buildAdmin();
  const org = await buildDepositorOrg();
  const created = await createApiKey(admin, { orgId: org.id, label: `key ${tag()}` });
  return { admin, org, ...created };
}

export function ed25519PublicKey(): Uint8Array {
  return ed25519.keygen().publicKey;
}

/** A fresh SM2 public key, 65 bytes uncompressed (0x04 || x || y). */
export function sm2PublicKey(): Uint8Array {
  return new Uint8Array(Buffer.from(sm2.generateKeyPairHex().publicKey, 'hex'));
}

export function bearer(key: string): string {
  return `Bearer ${key}`;
}
