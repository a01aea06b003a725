/**
 * One real PostgreSQL for the whole Vitest run: the embedded server in a fresh temporary
 * folder on a free port, migrated with the project's own migrations. Tests get its URL as
 * DATABASE_URL (test/setup-env.ts) and use random identities so they can run in parallel.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { generateNoteKeys } from '@/lib/tlog';
import { startEmbeddedDatabase } from '../scripts/lib/embedded-postgres';
import { freePort } from '../scripts/lib/free-port';
import { migrateDatabase } from '../scripts/lib/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    apiKeyPepper: string;
    logSignerKey: string;
    /** The court's certificate key: base64 of a 32-byte Ed25519 seed. */
    courtSignerKey: string;
    /** A temporary folder; each test file keeps its evidence store in a folder of its own below it. */
    evidenceRoot: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Fresh ledger secrets for every run; a test that needs its own log makes its own key.
  project.provide('apiKeyPepper', randomBytes(32).toString('base64url'));
  project.provide('logSignerKey', generateNoteKeys('verity.test/ledger').signerKey);
  project.provide('courtSignerKey', randomBytes(32).toString('base64'));
  const evidenceRoot = await mkdtemp(path.join(tmpdir(), 'verity-test-evidence-'));
  project.provide('evidenceRoot', evidenceRoot);
  const removeEvidence = () => rm(evidenceRoot, { recursive: true, force: true });
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    await migrateDatabase(external);
    project.provide('databaseUrl', external);
    return removeEvidence;
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'verity-test-'));
  const pg = await startEmbeddedDatabase({ dataDir, port: await freePort(), database: 'verity_test' });
  await migrateDatabase(pg.url);
  project.provide('databaseUrl', pg.url);
  return async () => {
    await pg.stop();
    await rm(dataDir, { recursive: true, force: true });
    await removeEvidence();
  };
}
