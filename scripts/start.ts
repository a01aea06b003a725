/**
 * `npm start`: database (embedded by default), migrations, demo data, the demo witnesses (with
 * the demo data, unless the court names its own), a production build when the sources changed,
 * then the portal. Ctrl-C stops the portal, the witnesses and the database.
 */
import { parseServerEnv } from '../lib/env/server-env';
import { DEMO_PASSWORD, DEMO_USERS } from '../prisma/seed/demo-data';
import { leaveSignalsToCaller } from './lib/embedded-postgres';
import { buildIsStale, buildNext } from './lib/next-build';
import { type Portal, startPortal } from './lib/portal';
import { prepareRuntime, runtimeEnv } from './lib/prepare-runtime';
import { setupLinkIfEmpty } from './lib/setup-link';

// The production build's folder; VERITY_DIST_DIR (which next.config.ts reads too) may name another, as
// the acceptance spec does to serve the e2e build (e2e/acceptance/court-portal.ts).
const DIST_DIR = process.env.VERITY_DIST_DIR || '.next';

async function main(): Promise<void> {
  let env: ReturnType<typeof parseServerEnv>;
  try {
    env = parseServerEnv(process.env);
  } catch (error) {
    console.error(`verity: ${(error as Error).message}\nSee README.md, "Configuration".`);
    process.exit(1);
  }
  const log = (line: string) => console.log(`verity: ${line}`);
  const runtime = await prepareRuntime({ env, log });
  const publicUrl = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    ...runtimeEnv(runtime),
    NEXTAUTH_URL: publicUrl,
    VERITY_DIST_DIR: DIST_DIR,
  };

  let portal: Portal | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('Stopping…');
    await portal?.stop();
    await runtime.stop();
    log('Stopped.');
    process.exit(code);
  };
  // The portal first, then the demo witnesses and the database (runtime.stop), then the last line (embedded-postgres would exit after its own stop).
  leaveSignalsToCaller();
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    if (buildIsStale(DIST_DIR)) {
      log('Building the portal (first start, or the sources changed)…');
      await buildNext(DIST_DIR, childEnv);
    }
    portal = await startPortal({ port: env.PORT, host: env.HOST, env: childEnv });
  } catch (error) {
    console.error(`verity: ${(error as Error).message}`);
    await shutdown(1);
    return;
  }
  portal.next.on('exit', (code) => void shutdown(code ?? 1));
  // A real court's first start: the one-time link to set up the court and its first administrator,
  // on this console only (never logged elsewhere). Nothing once a court exists.
  const setup = runtime.seeded ? null : await setupLinkIfEmpty(runtime.databaseUrl, publicUrl);
  const setupLines = setup
    ? [
        '',
        'This court is not set up yet. Open this link to set it up (it works once; keep it private):',
        `  ${setup}`,
        'Or, without a browser: npx verity admin setup --help',
      ]
    : [];
  const demo = runtime.seeded
    ? [
        '',
        `Demo accounts (demo only; password for all: ${DEMO_PASSWORD}):`,
        ...DEMO_USERS.map((u) => `  ${u.role.padEnd(9)} ${u.email}`),
      ]
    : [];
  const witnesses = runtime.witnesses
    ? [
        '',
        'Demo witnesses (fictitious institutions, run on this machine by npm start to show how witnessing works;',
        'they vouch for nothing — a court names real ones in VERITY_WITNESSES, see README "Running a witness"):',
        ...runtime.witnesses.witnesses.map((w) => `  ${w.url}  ${w.name} / ${w.nameEn}`),
        `  A checkpoint counts as witnessed once ${runtime.witnesses.quorum} of the ${runtime.witnesses.witnesses.length} have cosigned it. Turn them off: VERITY_DEMO_WITNESSES=false.`,
      ]
    : [];
  const anchors = runtime.anchors
    ? [
        '',
        'Demo anchors (run on this machine by npm start to show how anchoring works; they prove nothing —',
        'a court configures its chain and a national time-stamping service, see README "Anchors"):',
        runtime.anchors.chain
          ? `  ${runtime.anchors.chain.url}  local demo chain (anvil), chain ID ${runtime.anchors.chain.chainId}, contract ${runtime.anchors.chain.contract}`
          : `  no local demo chain: ${runtime.anchors.chainWhy}`,
        `  ${runtime.anchors.tsa.url}  demo time-stamping authority (RFC 3161)`,
        '  Turn them off: VERITY_DEMO_ANCHORS=false.',
      ]
    : [];
  console.log(
    [
      '',
      `Verity is ready: ${publicUrl}`,
      ...demo,
      ...witnesses,
      ...anchors,
      ...setupLines,
      '',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

main().catch((error) => {
  console.error(`verity: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
