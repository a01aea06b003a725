/** Test support for the ledger: synthetic deposits sealed straight through sealBatch. */
import { randomBytes, randomUUID } from 'node:crypto';
import { getDb } from '@/lib/db/client';
import { hashLeaf } from '@/lib/tlog';
import type { PendingDeposit } from './pending-deposit';

export async function buildDepositorOrg(): Promise<{ id: string; name: string }> {
  return getDb().depositorOrg.create({
    data: { name: `Test depositor ${randomUUID()}` },
    select: { id: true, name: true },
  });
}

/** A deposit whose leaf is arbitrary JSON-ish bytes: enough for the tree, not a real statement. */
export function syntheticDeposit(orgId: string): PendingDeposit {
  const sha256 = randomBytes(32);
  const leaf = new TextEncoder().encode(JSON.stringify({ test: randomUUID(), sha256: sha256.toString('hex') }));
  return { id: randomUUID(), orgId, leaf, leafHash: hashLeaf(leaf), sha256, sm3: null, depositedAt: new Date() };
}
