import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { authenticateApiKey } from '@/lib/depositors/authenticate-api-key';
import { ledgerEnv } from '@/lib/env/ledger-env';
import { parseLeaf } from '@/lib/ledger/statement';
import { DEMO_API_KEY, DEMO_DEPOSITOR, DEMO_FILES } from './demo-data';
import { DEMO_FILES_DIR, seedDemoLedger } from './seed-demo-ledger';

describe('seedDemoLedger', () => {
  it('creates the demo depositor with its published key and deposits each demo file once', async () => {
    const db = getDb();
    const pepper = ledgerEnv().apiKeyPepper;
    const first = await seedDemoLedger(db, pepper);
    const second = await seedDemoLedger(db, pepper);
    expect(first.depositsQueued + second.depositsQueued).toBe(DEMO_FILES.length);
    expect(second.depositsQueued).toBe(0);

    const auth = await authenticateApiKey(`Bearer ${DEMO_API_KEY}`);
    expect(auth).toMatchObject({ ok: true, org: { name: DEMO_DEPOSITOR.name } });

    const org = await db.depositorOrg.findUniqueOrThrow({ where: { name: DEMO_DEPOSITOR.name } });
    const deposits = await db.deposit.findMany({ where: { orgId: org.id } });
    expect(deposits).toHaveLength(DEMO_FILES.length);
    for (const demo of DEMO_FILES) {
      const bytes = readFileSync(path.join(DEMO_FILES_DIR, demo.file));
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const deposit = deposits.find((d) => Buffer.from(d.sha256 ?? []).toString('hex') === sha256);
      const statement = parseLeaf(deposit?.leaf ?? new Uint8Array());
      expect(statement.digests).toEqual({ sha256, sm3: createHash('sm3').update(bytes).digest('hex') });
      expect(statement.depositor).toEqual({ id: org.id, name: org.name });
    }
  });
});
