/**
 * Everything the portal needs before Next.js starts: a database (embedded unless
 * DATABASE_URL is set), its migrations, the demo data, and a session secret.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { closeDb } from '../../lib/db/client';
import { createPrismaClient } from '../../lib/db/create-client';
import { closePool } from '../../lib/db/pool';
import type { ServerEnv } from '../../lib/env/server-env';
import { closeUploadPool } from '../../lib/evidence/upload-row';
import { type SeedSummary, seedDemo } from '../../prisma/seed/seed-demo';
import { seedDemoExchange } from '../../prisma/seed/seed-demo-exchange';
import { seedDemoExhibits } from '../../prisma/seed/seed-demo-exhibits';
import { seedDemoLedger } from '../../prisma/seed/seed-demo-ledger';
import { type DemoAnchors, demoAnchorsWanted, startDemoAnchors } from './demo-anchors';
import { type DemoWitnesses, demoWitnessesWanted, startDemoWitnesses } from './demo-witnesses';
import { startEmbeddedDatabase } from './embedded-postgres';
import { type LedgerSecrets, loadLedgerSecrets } from './ledger-secrets';
import { migrateDatabase } from './migrate';

export interface PreparedRuntime {
  /** The data folder, absolute (the embedded database, secrets and the evidence store live here). */
  dataDir: string;
  databaseUrl: string;
  embedded: boolean;
  authSecret: string;
  ledger: LedgerSecrets;
  seeded: SeedSummary | null;
  /** The demo witnesses, running (scripts/lib/demo-witnesses.ts); null when none run, `witnessesWhy` says why. */
  witnesses: DemoWitnesses | null;
  witnessesWhy: string;
  /** The local demo chain and demo time-stamping authority (scripts/lib/demo-anchors.ts); null: `anchorsWhy`. */
  anchors: DemoAnchors | null;
  anchorsWhy: string;
  /** Stops the demo witnesses and anchors, then the embedded database. */
  stop: () => Promise<void>;
}

/** The environment the Next.js server needs, on top of the caller's. */
export function runtimeEnv(runtime: PreparedRuntime): Record<string, string> {
  return {
    DATABASE_URL: runtime.databaseUrl,
    VERITY_DATA_DIR: runtime.dataDir,
    NEXTAUTH_SECRET: runtime.authSecret,
    VERITY_API_KEY_PEPPER: runtime.ledger.apiKeyPepper,
    VERITY_LOG_SIGNER_KEY: runtime.ledger.logSignerKey,
    VERITY_COURT_SIGNER_KEY: runtime.ledger.courtSignerKey,
    VERITY_DEMO_MODE: runtime.seeded ? 'true' : 'false',
    ...runtime.witnesses?.env,
    ...runtime.anchors?.env,
  };
}

export interface PrepareOptions {
  env: ServerEnv;
  /** Database name for the embedded server. */
  database?: string;
  log?: (line: string) => void;
  /** Lines about a demo witness that died (default: the console's error output). */
  error?: (line: string) => void;
  /** Run the demo witnesses (default: demoWitnessesWanted, from `env` and `rawEnv`). */
  demoWitnesses?: boolean;
  /** Run the demo chain and time-stamping authority (default: demoAnchorsWanted). */
  demoAnchors?: boolean;
  /** The unparsed environment, for VERITY_WITNESSES (default: process.env). */
  rawEnv?: Record<string, string | undefined>;
}

export async function prepareRuntime({
  env,
  database = 'verity',
  log = () => {},
  error = (line) => console.error(`verity: ${line}`),
  demoWitnesses,
  demoAnchors,
  rawEnv = process.env,
}: PrepareOptions): Promise<PreparedRuntime> {
  const dataDir = path.resolve(env.VERITY_DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  const ledger = await loadLedgerSecrets(dataDir, {
    VERITY_API_KEY_PEPPER: env.VERITY_API_KEY_PEPPER,
    VERITY_LOG_SIGNER_KEY: env.VERITY_LOG_SIGNER_KEY,
    VERITY_LOG_ORIGIN: env.VERITY_LOG_ORIGIN,
    VERITY_COURT_SIGNER_KEY: env.VERITY_COURT_SIGNER_KEY,
  });

  let databaseUrl = env.DATABASE_URL;
  const embedded = !databaseUrl;
  const demo = env.VERITY_DEMO ?? embedded;
  const wanted = demoWitnessesWanted({
    demoWitnesses: env.VERITY_DEMO_WITNESSES,
    courtWitnesses: rawEnv.VERITY_WITNESSES,
    demo,
  });
  const witnessesWhy =
    demoWitnesses === undefined ? wanted.why : `${demoWitnesses ? 'started' : 'left out'} by the caller`;
  // The witnesses need only the log's key: they start while the database starts, migrates and seeds
  // (their start-up, mostly loading code, is then hidden), and are awaited before this returns.
  let witnessesStarting: Promise<DemoWitnesses> | undefined;
  if (demoWitnesses ?? wanted.run) {
    const folder = path.join(dataDir, 'witnesses');
    log(`Starting three demo witnesses in ${folder}…`);
    witnessesStarting = startDemoWitnesses({ dir: folder, logVerifierKey: ledger.logVerifierKey, log, error });
    witnessesStarting.catch(() => {}); // handled where it is awaited
  }
  const anchorsWanted = demoAnchorsWanted({ demoAnchors: env.VERITY_DEMO_ANCHORS, rawEnv, demo });
  const anchorsWhy =
    demoAnchors === undefined ? anchorsWanted.why : `${demoAnchors ? 'started' : 'left out'} by the caller`;
  let anchorsStarting: Promise<DemoAnchors> | undefined;
  // The demo chain and authority listen on ports the system picks: they start once the embedded
  // PostgreSQL holds its port (chosen free beforehand, so a port-0 listener beside it could take it),
  // and run beside the migrations and the seed.
  const startAnchors = () => {
    if (!(demoAnchors ?? anchorsWanted.run)) return;
    const folder = path.join(dataDir, 'anchors');
    log(`Starting the local demo chain and time-stamping authority in ${folder}…`);
    anchorsStarting = startDemoAnchors({ dir: folder, rawEnv, log });
    anchorsStarting.catch(() => {}); // handled where it is awaited
  };

  let stopDatabase = async () => {};
  try {
    if (!databaseUrl) {
      log(`Starting the embedded PostgreSQL in ${path.join(dataDir, 'pg')} on port ${env.VERITY_PG_PORT}…`);
      const pg = await startEmbeddedDatabase({ dataDir, port: env.VERITY_PG_PORT, database });
      databaseUrl = pg.url;
      stopDatabase = pg.stop;
    }
    startAnchors();

    log('Applying database migrations…');
    await migrateDatabase(databaseUrl);

    let seeded: SeedSummary | null = null;
    if (demo) {
      const db = createPrismaClient(databaseUrl);
      try {
        seeded = await seedDemo(db);
        const { depositsQueued } = await seedDemoLedger(
          db,
          new Uint8Array(Buffer.from(ledger.apiKeyPepper, 'base64url')),
        );
        // The exhibits go through the portal's own domain code, which reads its settings from process.env.
        const { exhibitsCreated, opinionsCreated } = await withProcessEnv(
          {
            DATABASE_URL: databaseUrl,
            VERITY_DATA_DIR: dataDir,
            VERITY_API_KEY_PEPPER: ledger.apiKeyPepper,
            VERITY_LOG_SIGNER_KEY: ledger.logSignerKey,
            VERITY_COURT_SIGNER_KEY: ledger.courtSignerKey,
            // The demo exhibits notify the demo case's people, by e-mail too: links on the public URL.
            NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`,
          },
          () =>
            seedDemoExhibits()
              .then(async (done) => ({ ...done, ...(await seedDemoExchange()) }))
              .finally(() => Promise.all([closeDb(), closePool(), closeUploadPool()])),
        );
        log(
          `Demo data: ${seeded.usersCreated} users, ${seeded.casesCreated} cases, ${depositsQueued} deposits and ${exhibitsCreated} exhibits added${opinionsCreated > 0 ? ', with the demo case’s evidence exchange' : ''}.`,
        );
      } finally {
        await db.$disconnect();
      }
    }

    const authSecret = env.NEXTAUTH_SECRET ?? (await readOrCreateSecret(path.join(dataDir, 'auth-secret')));
    const witnesses = witnessesStarting ? await witnessesStarting : null;
    if (witnesses)
      log(`Demo witnesses ready (they took ${(witnesses.readyInMs / 1000).toFixed(1)} s, beside the database).`);
    const anchors = anchorsStarting ? await anchorsStarting : null;
    if (anchors)
      log(
        `Demo chain and time-stamping authority ready (they took ${(anchors.readyInMs / 1000).toFixed(1)} s, beside the database).`,
      );
    const stop = async () => {
      await Promise.all([witnesses?.stop(), anchors?.stop()]);
      await stopDatabase();
    };
    return {
      dataDir,
      databaseUrl,
      embedded,
      authSecret,
      ledger,
      seeded,
      witnesses,
      witnessesWhy,
      anchors,
      anchorsWhy,
      stop,
    };
  } catch (error) {
    await (await witnessesStarting?.catch(() => undefined))?.stop();
    await (await anchorsStarting?.catch(() => undefined))?.stop();
    await stopDatabase();
    throw error;
  }
}

async function readOrCreateSecret(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** Runs `work` with `vars` set in process.env, then puts back what was there. */
async function withProcessEnv<T>(vars: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
  Object.assign(process.env, vars);
  try {
    return await work();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
