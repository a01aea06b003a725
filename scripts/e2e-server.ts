/**
 * The server the Playwright suite runs against: a fresh embedded PostgreSQL in a temporary
 * folder, migrated and seeded, the three demo witnesses (scripts/lib/demo-witnesses.ts; off with
 * VERITY_DEMO_WITNESSES=false), and the production build in `.next-e2e` (so a portal started
 * with `npm start` on port 3000 can keep running) on the port Playwright chose.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseServerEnv } from '../lib/env/server-env';
import { freePort } from './lib/free-port';
import { buildIsStale, buildNext } from './lib/next-build';
import { type Portal, startPortal } from './lib/portal';
import { prepareRuntime, runtimeEnv } from './lib/prepare-runtime';

// VERITY_E2E_DIST_DIR lets two suites run side by side on one checkout (each with its own build).
const DIST_DIR = process.env.VERITY_E2E_DIST_DIR ?? '.next-e2e';

async function main(): Promise<void> {
  const port = Number(process.env.E2E_PORT);
  if (!Number.isInteger(port) || port <= 0) throw new Error('E2E_PORT must be set to the port to serve on');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'verity-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  const env = parseServerEnv({
    NEXTAUTH_URL: url,
    VERITY_DATA_DIR: dataDir,
    VERITY_PG_PORT: String(await freePort()),
    VERITY_DEMO: 'true',
  });
  // Issue #19: the demo chain and time-stamping authority run too; anchoring every 2 s (npm start: 10 s)
  // lets specs see an anchored certificate without waiting.
  process.env.VERITY_ANCHOR_INTERVAL_SECONDS ??= '2';
  // With the demo data, the three demo witnesses run as with npm start (specs can show "witnessed by 2 of 3").
  const runtime = await prepareRuntime({
    env,
    database: 'verity_e2e',
    log: (l) => console.log(`e2e: ${l}`),
    error: (l) => console.error(`e2e: ${l}`),
  });
  // Issue #16: with E2E_SMTP_SPOOL=<file>, the portal sends its e-mail to a real SMTP test server
  // (test/mail/smtp-test-server.ts) started here, which appends each message to that file; specs
  // read it with waitForSpooledMail(file, predicate). Without it, mail goes to the local mailbox.
  const spoolFile = process.env.E2E_SMTP_SPOOL;
  const smtp = spoolFile
    ? await (await import('../test/mail/smtp-test-server')).startSmtpTestServer({ spoolFile })
    : undefined;
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    ...runtimeEnv(runtime),
    NEXTAUTH_URL: url,
    VERITY_DIST_DIR: DIST_DIR,
    ...(smtp ? { VERITY_SMTP_URL: smtp.url, VERITY_MAIL_FROM: 'Verity <verity@e2e.example>' } : {}),
  };

  // For specs that make their own data through the domain functions (e2e/data/data.ts).
  const stateFile = process.env.E2E_STATE_FILE;
  if (stateFile)
    await writeFile(stateFile, JSON.stringify({ ...runtimeEnv(runtime), NEXTAUTH_URL: url }), { mode: 0o600 });

  let portal: Portal | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    // First: the rest may outlast the grace period Playwright gives before it kills this process.
    if (stateFile) await rm(stateFile, { force: true });
    await portal?.stop();
    await smtp?.close();
    await runtime.stop();
    await rm(dataDir, { recursive: true, force: true });
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    if (buildIsStale(DIST_DIR)) await buildNext(DIST_DIR, childEnv);
    portal = await startPortal({ port, host: '127.0.0.1', env: childEnv });
  } catch (error) {
    console.error(`e2e: ${(error as Error).message}`);
    await stop(1);
    return;
  }
  portal.next.on('exit', (code) => void stop(code ?? 1));
}

main().catch((error) => {
  console.error(`e2e: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
