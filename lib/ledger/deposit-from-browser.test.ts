/**
 * Deposits from the portal, on the real database: a depositor account gets receipts that verify
 * with lib/tlog against the log key; every other role, a disabled account and an account whose
 * session names another organisation are refused; bad input is refused naming the field; and a
 * refused call writes nothing.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { isAppError } from '@/lib/errors/app-error';
import { base64ToBytes, hashLeaf, verifyCheckpoint, verifyInclusion, verifyTlogProof } from '@/lib/tlog';
import { buildUser } from '@/test/builders';
import { depositFromBrowser } from './deposit-from-browser';
import { logSigner } from './log-signer';
import type { SealedReceipt } from './receipt';
import { metadataSha256, parseLeaf, titleSha256 } from './statement';

const hex = () => randomBytes(32).toString('hex');

async function depositor(options: { disabled?: boolean } = {}) {
  return buildUser({ role: 'depositor', ...options });
}

async function depositCount(orgId: string): Promise<number> {
  return getDb().deposit.count({ where: { orgId } });
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected the call to be refused');
}

function expectVerifies(receipt: SealedReceipt): void {
  const key = logSigner().verifierKey;
  const leaf = base64ToBytes(receipt.leaf);
  const { checkpoint } = verifyCheckpoint(receipt.checkpoint, [key]);
  expect(checkpoint.size).toBe(BigInt(receipt.treeSize));
  verifyInclusion(
    receipt.leafIndex,
    checkpoint.size,
    hashLeaf(leaf),
    receipt.inclusionProof.map(base64ToBytes),
    checkpoint.rootHash,
  );
  verifyTlogProof(receipt.tlogProof, leaf, [key]);
}

describe('depositFromBrowser', () => {
  it("deposits a depositor's digests for its organisation; the receipts verify against the checkpoint", async () => {
    const { actor, user } = await depositor();
    const org = await getDb().depositorOrg.findUniqueOrThrow({ where: { id: user.depositorOrgId as string } });
    const first = { sha256: hex(), sm3: hex() };
    const second = { sha256: hex().toUpperCase(), sm3: hex() };
    const { receipts } = await depositFromBrowser(actor, {
      deposits: [
        { digests: first, title: '  合同 2026-03  ', file: { name: 'contract.pdf', size: 12345 } },
        { digests: second },
      ],
    });

    expect(receipts).toHaveLength(2);
    const [a, b] = receipts as SealedReceipt[];
    for (const receipt of [a, b] as SealedReceipt[]) {
      expect(receipt.status).toBe('sealed');
      expect(receipt.depositor).toEqual({ id: org.id, name: org.name });
      expectVerifies(receipt);
    }
    expect(a?.digests).toEqual(first);
    expect(b?.digests).toEqual({ sha256: second.sha256.toLowerCase(), sm3: second.sm3 });

    // The leaf commits to the trimmed title and to the file's name and size, by digest only.
    const leaf = parseLeaf(base64ToBytes(a?.leaf ?? ''));
    expect(leaf.titleSha256).toBe(titleSha256('合同 2026-03'));
    expect(leaf.metadataSha256).toBe(metadataSha256({ file: { name: 'contract.pdf', size: 12345 } }));
    expect(a?.titleSha256).toBe(leaf.titleSha256);
    const bare = parseLeaf(base64ToBytes(b?.leaf ?? ''));
    expect(bare.titleSha256).toBeUndefined();
    expect(bare.metadataSha256).toBeUndefined();

    // Stored for the organisation, findable by digest like any API deposit.
    expect(await depositCount(org.id)).toBe(2);
    const stored = await getDb().deposit.findUniqueOrThrow({ where: { id: a?.id as string } });
    expect(Buffer.from(stored.sha256 ?? []).toString('hex')).toBe(first.sha256);
  });

  it.each(['litigant', 'judge', 'clerk', 'admin'] as const)('refuses a %s with FORBIDDEN', async (role) => {
    const { actor } = await buildUser({ role });
    const sha256 = hex();
    const refused = await refusal(depositFromBrowser(actor, { deposits: [{ digests: { sha256 } }] }));
    expect(refused.code).toBe('FORBIDDEN');
    expect(await getDb().deposit.count({ where: { sha256: Buffer.from(sha256, 'hex') } })).toBe(0);
  });

  it('refuses another role even when its input is malformed (permission before validation)', async () => {
    const { actor } = await buildUser({ role: 'clerk' });
    expect((await refusal(depositFromBrowser(actor, 'not an object'))).code).toBe('FORBIDDEN');
  });

  it('refuses a disabled depositor account, and a session that names another organisation', async () => {
    const disabled = await depositor({ disabled: true });
    const sha256 = hex();
    expect((await refusal(depositFromBrowser(disabled.actor, { deposits: [{ digests: { sha256 } }] }))).code).toBe(
      'FORBIDDEN',
    );

    const { actor } = await depositor();
    const other = await depositor();
    const forged: Actor = { ...actor, depositorOrgId: other.actor.depositorOrgId };
    expect((await refusal(depositFromBrowser(forged, { deposits: [{ digests: { sha256 } }] }))).code).toBe('FORBIDDEN');
    const noOrg: Actor = { ...actor, depositorOrgId: null };
    expect((await refusal(depositFromBrowser(noOrg, { deposits: [{ digests: { sha256 } }] }))).code).toBe('FORBIDDEN');
    expect(await getDb().deposit.count({ where: { sha256: Buffer.from(sha256, 'hex') } })).toBe(0);
  });

  it('refuses a malformed digest, naming the field, and writes nothing of the batch', async () => {
    const { actor } = await depositor();
    const orgId = actor.depositorOrgId as string;
    const refused = await refusal(
      depositFromBrowser(actor, {
        deposits: [{ digests: { sha256: hex() } }, { digests: { sha256: 'abc123' } }],
      }),
    );
    expect(refused.code).toBe('VALIDATION_FAILED');
    expect(refused.message).toContain('deposits[1].digests.sha256');
    expect(refused.message).toContain('64 hexadecimal characters');
    expect(await depositCount(orgId)).toBe(0);
  });

  it.each([
    ['no deposits', { deposits: [] }, 'at least 1'],
    ['no digests', { deposits: [{ title: 'x' }] }, 'digests'],
    ['an unknown field', { deposits: [{ digests: { sha256: hex() }, content: 'AAAA' }] }, 'nothing else'],
    ['a file body', { deposits: [{ digests: { sha256: hex() }, file: { name: 'a', size: 1, bytes: 'AA' } }] }, 'file'],
    ['a title of control characters', { deposits: [{ digests: { sha256: hex() }, title: 'a\u0000b' }] }, 'title'],
    ['a negative size', { deposits: [{ digests: { sha256: hex() }, file: { name: 'a', size: -1 } }] }, 'file.size'],
    [
      'a bidi override in the name',
      { deposits: [{ digests: { sha256: hex() }, file: { name: 'invoice\u202Efdp.exe', size: 1 } }] },
      'file.name',
    ],
    ['too many deposits', { deposits: Array.from({ length: 1001 }, () => ({ digests: { sha256: hex() } })) }, '1000'],
  ])('refuses %s with VALIDATION_FAILED and writes nothing', async (_, input, mention) => {
    const { actor } = await depositor();
    const refused = await refusal(depositFromBrowser(actor, input));
    expect(refused.code).toBe('VALIDATION_FAILED');
    expect(refused.message).toContain(mention);
    expect(await depositCount(actor.depositorOrgId as string)).toBe(0);
  });

  it('the database refuses a depositor without an organisation, and an organisation on another role', async () => {
    const { user: judge } = await buildUser({ role: 'judge' });
    const { actor } = await depositor();
    await expect(
      getDb().user.update({ where: { id: judge.id }, data: { depositorOrgId: actor.depositorOrgId } }),
    ).rejects.toThrow(/users_depositor_org_check/);
    await expect(getDb().user.update({ where: { id: actor.id }, data: { depositorOrgId: null } })).rejects.toThrow(
      /users_depositor_org_check/,
    );
  });
});
