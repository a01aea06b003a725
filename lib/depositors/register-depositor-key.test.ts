import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { registerDepositorKey } from './register-depositor-key';
import { buildAdmin, buildDepositorOrg, ed25519PublicKey, sm2PublicKey } from './testing';

describe('registerDepositorKey', () => {
  it('registers Ed25519 and SM2 public keys and stores their exact bytes', async () => {
    const admin = await buildAdmin();
    const org = await buildDepositorOrg();
    for (const [algorithm, publicKey] of [
      ['ed25519', ed25519PublicKey()],
      ['sm2', sm2PublicKey()],
    ] as const) {
      const key = await registerDepositorKey(admin, { orgId: org.id, algorithm, publicKey, label: `${algorithm} key` });
      expect(key).toEqual({
        id: expect.any(String),
        orgId: org.id,
        algorithm,
        label: `${algorithm} key`,
        createdAt: expect.any(Date),
        revokedAt: null,
      });
      const row = await getDb().depositorKey.findUniqueOrThrow({ where: { id: key.id } });
      expect(Buffer.from(row.publicKey).equals(Buffer.from(publicKey))).toBe(true);
    }
  });

  it('refuses a key that is not a valid public key for its algorithm, saying why', async () => {
    const admin = await buildAdmin();
    const org = await buildDepositorOrg();
    const cases = [
      { algorithm: 'ed25519', publicKey: new Uint8Array(31), why: 'publicKey: an Ed25519 public key is 32 bytes' },
      { algorithm: 'ed25519', publicKey: new Uint8Array(32).fill(0xff), why: 'not an Ed25519 public key' },
      { algorithm: 'sm2', publicKey: ed25519PublicKey(), why: 'publicKey: an SM2 public key is 65 bytes' },
      { algorithm: 'sm2', publicKey: new Uint8Array(65).fill(4), why: 'not on the SM2 curve' },
      { algorithm: 'rsa', publicKey: ed25519PublicKey(), why: 'algorithm must be "ed25519" or "sm2"' },
      { algorithm: 'ed25519', publicKey: 'AAAA', why: 'publicKey must be bytes' },
    ];
    for (const { algorithm, publicKey, why } of cases) {
      const options = { orgId: org.id, algorithm, publicKey, label: 'bad' } as unknown as Parameters<
        typeof registerDepositorKey
      >[1];
      await expect(registerDepositorKey(admin, options)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        message: expect.stringContaining(why),
      });
    }
    expect(await getDb().depositorKey.count({ where: { orgId: org.id } })).toBe(0);
  });

  it('refuses the same key twice for one organisation with CONFLICT, but allows it for another', async () => {
    const admin = await buildAdmin();
    const org = await buildDepositorOrg();
    const other = await buildDepositorOrg();
    const publicKey = ed25519PublicKey();
    await registerDepositorKey(admin, { orgId: org.id, algorithm: 'ed25519', publicKey, label: 'a' });
    await expect(
      registerDepositorKey(admin, { orgId: org.id, algorithm: 'ed25519', publicKey, label: 'b' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      registerDepositorKey(admin, { orgId: other.id, algorithm: 'ed25519', publicKey, label: 'c' }),
    ).resolves.toMatchObject({ orgId: other.id });
  });

  it('answers NOT_FOUND for an unknown organisation', async () => {
    const admin = await buildAdmin();
    await expect(
      registerDepositorKey(admin, {
        orgId: randomUUID(),
        algorithm: 'sm2',
        publicKey: sm2PublicKey(),
        label: 'x',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
