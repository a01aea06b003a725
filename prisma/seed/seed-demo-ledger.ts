/**
 * Seeds the demo depositor: the organisation, its published API key, and deposits of the demo
 * files. Deposits go into the sequencer's queue; the portal seals them within a second of
 * starting (instrumentation.ts). Idempotent: a file already deposited by the demo depositor is
 * not deposited again.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { hashLeaf } from '@/lib/tlog';
import type { PrismaClient } from '../../lib/db/create-client';
import { hashApiKeySecret, parseApiKey } from '../../lib/depositors/api-key-format';
import { buildLeaf } from '../../lib/ledger/statement';
import { DEMO_API_KEY, DEMO_DEPOSITOR, DEMO_FILES } from './demo-data';

export const DEMO_FILES_DIR = path.resolve(import.meta.dirname, 'files');

export async function seedDemoLedger(db: PrismaClient, apiKeyPepper: Uint8Array): Promise<{ depositsQueued: number }> {
  const org = await db.depositorOrg.upsert({
    where: { name: DEMO_DEPOSITOR.name },
    update: {},
    create: { ...DEMO_DEPOSITOR },
  });
  const key = parseApiKey(DEMO_API_KEY);
  if (!key) throw new Error('seed: the demo API key is malformed');
  await db.apiKey.upsert({
    where: { lookupId: key.lookupId },
    update: {},
    create: {
      orgId: org.id,
      lookupId: key.lookupId,
      secretHash: hashApiKeySecret(key.secret, apiKeyPepper),
      label: 'demo key',
    },
  });

  let depositsQueued = 0;
  for (const demo of DEMO_FILES) {
    const bytes = await readFile(path.join(DEMO_FILES_DIR, demo.file));
    const sha256 = createHash('sha256').update(bytes).digest();
    const sm3 = createHash('sm3').update(bytes).digest();
    if (await db.deposit.findFirst({ where: { orgId: org.id, sha256 }, select: { id: true } })) continue;
    const { leaf, statement } = buildLeaf({
      request: { digests: { sha256: sha256.toString('hex'), sm3: sm3.toString('hex') }, title: demo.title },
      depositor: { id: org.id, name: org.name },
      depositedAt: new Date(),
    });
    const id = randomUUID();
    await db.$transaction([
      db.deposit.create({
        data: {
          id,
          orgId: org.id,
          leaf,
          leafHash: new Uint8Array(hashLeaf(leaf)),
          sha256,
          sm3,
          depositedAt: new Date(statement.depositedAt),
        },
      }),
      db.sequenceQueue.create({ data: { depositId: id } }),
    ]);
    depositsQueued++;
  }
  return { depositsQueued };
}
