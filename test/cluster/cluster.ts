/**
 * A real deployment in miniature, for soak, crash and benchmark runs: one embedded PostgreSQL
 * in a temporary folder and N portal servers on it (scripts/serve-portal.ts: the front server
 * and a production Next.js server on the `.next-e2e` build, built here if stale), plus a
 * depositor organisation with an API key. Everything listens on 127.0.0.1 only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { generateNoteKeys } from '@/lib/tlog';
import { hashApiKeySecret } from '../../lib/depositors/api-key-format';
import { type DemoWitnesses, startDemoWitnesses } from '../../scripts/lib/demo-witnesses';
import { type EmbeddedDatabase, startEmbeddedDatabase } from '../../scripts/lib/embedded-postgres';
import { freePort } from '../../scripts/lib/free-port';
import { migrateDatabase } from '../../scripts/lib/migrate';
import { buildIsStale, buildNext, ROOT } from '../../scripts/lib/next-build';
import { waitForHealth } from '../../scripts/lib/wait-for-health';

// As scripts/e2e-server.ts: VERITY_E2E_DIST_DIR lets several suites build side by side on one checkout.
const DIST_DIR = process.env.VERITY_E2E_DIST_DIR ?? '.next-e2e';

/** The largest limit (PostgreSQL integer): a key's limits are never reached in the cluster. */
const NEVER_REACHED = '2147483647';

export interface ServerHandle {
  url: string;
  /** Kills the server's processes (SIGKILL by default, like a crash) and waits for them to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the server again on the same port and waits until it answers. */
  restart(): Promise<void>;
  /** The front server's process id while it runs (to read its memory use; it also answers the ledger API). */
  readonly pid: number | undefined;
  /** The process ids of the server's processes (front server and Next.js), for CPU accounting. */
  pids(): number[];
}

export interface Cluster {
  databaseUrl: string;
  servers: ServerHandle[];
  apiKey: string;
  orgId: string;
  logVerifierKey: string;
  /** The demo witnesses, when asked for (`demoWitnesses`); their VERITY_WITNESSES is in `env`. */
  witnesses: DemoWitnesses | null;
  /** The servers' environment (database, secrets), for running parts of the portal in-process. */
  env: NodeJS.ProcessEnv;
  /** The database server itself, to stop and start it under the portal (fault tests). */
  postgres: Pick<EmbeddedDatabase, 'halt' | 'start'>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** Portal servers to start (default 1); 0 for just the database, depositor and environment. */
  servers?: number;
  log?: (line: string) => void;
  /** More environment for the servers (e.g. VERITY_EVIDENCE_DIR). */
  env?: Record<string, string>;
  /**
   * Run the three demo witnesses (scripts/lib/demo-witnesses.ts, as `npm start` does) for the
   * cluster's log and give the servers VERITY_WITNESSES / VERITY_WITNESS_QUORUM. Default off.
   */
  demoWitnesses?: boolean;
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const log = options.log ?? (() => {});
  const dataDir = await mkdtemp(path.join(tmpdir(), 'verity-cluster-'));
  const db = await startEmbeddedDatabase({ dataDir, port: await freePort(), database: 'verity_cluster' });
  let witnesses: DemoWitnesses | null = null;
  try {
    await migrateDatabase(db.url);
    const pepper = randomBytes(32);
    const keys = generateNoteKeys('verity.cluster/ledger');
    const { apiKey, orgId } = await createDepositor(db.url, pepper);
    witnesses = options.demoWitnesses
      ? await startDemoWitnesses({
          dir: path.join(dataDir, 'witnesses'),
          logVerifierKey: keys.verifierKey,
          error: (line) => console.error(`cluster: ${line}`),
        })
      : null;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: db.url,
      NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
      VERITY_API_KEY_PEPPER: pepper.toString('base64url'),
      VERITY_LOG_SIGNER_KEY: keys.signerKey,
      // The court's certificate key (lib/certificates/court-signer.ts): certificates are part of a soak.
      VERITY_COURT_SIGNER_KEY: randomBytes(32).toString('base64'),
      VERITY_DIST_DIR: DIST_DIR,
      // Soak and benchmark runs measure deposits, not the per-key limits' refusals (issue #21):
      // limits so high they are never reached, so the limiter still runs on every request.
      VERITY_DEPOSIT_RATE_PER_MINUTE: process.env.VERITY_DEPOSIT_RATE_PER_MINUTE ?? NEVER_REACHED,
      VERITY_DEPOSIT_BURST: process.env.VERITY_DEPOSIT_BURST ?? NEVER_REACHED,
      VERITY_DEPOSIT_DAILY_QUOTA: process.env.VERITY_DEPOSIT_DAILY_QUOTA ?? NEVER_REACHED,
      ...witnesses?.env,
      ...options.env,
    };
    if ((options.servers ?? 1) > 0 && buildIsStale(DIST_DIR)) {
      log(`building the portal into ${DIST_DIR}…`);
      await buildNext(DIST_DIR, env);
    }
    const servers: ServerHandle[] = [];
    try {
      for (let i = 0; i < (options.servers ?? 1); i++) servers.push(await startServer(await freePort(), env));
    } catch (error) {
      await Promise.all(servers.map((s) => s.kill('SIGKILL')));
      throw error;
    }
    return {
      databaseUrl: db.url,
      servers,
      apiKey,
      orgId,
      logVerifierKey: keys.verifierKey,
      witnesses,
      env,
      postgres: { halt: db.halt, start: db.start },
      async stop() {
        await Promise.all(servers.map((s) => s.kill('SIGTERM')));
        await witnesses?.stop();
        await db.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await witnesses?.stop();
    await db.stop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

async function createDepositor(databaseUrl: string, pepper: Uint8Array): Promise<{ apiKey: string; orgId: string }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const orgId = randomUUID();
    const lookupId = Array.from(randomBytes(12), (b) => 'abcdefghijklmnopqrstuvwxyz234567'[b % 32]).join('');
    const secret = randomBytes(32);
    await client.query('INSERT INTO depositor_orgs (id, name) VALUES ($1, $2)', [orgId, `Cluster depositor ${orgId}`]);
    await client.query('INSERT INTO api_keys (id, org_id, lookup_id, secret_hash, label) VALUES ($1, $2, $3, $4, $5)', [
      randomUUID(),
      orgId,
      lookupId,
      Buffer.from(hashApiKeySecret(secret, pepper)),
      'cluster',
    ]);
    return { apiKey: `vrt_${lookupId}_${secret.toString('base64url')}`, orgId };
  } finally {
    await client.end();
  }
}

async function startServer(port: number, env: NodeJS.ProcessEnv): Promise<ServerHandle> {
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const launch = async () => {
    const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    child = spawn(process.execPath, [tsx, '--conditions=react-server', 'scripts/serve-portal.ts'], {
      cwd: ROOT,
      env: { ...env, NEXTAUTH_URL: url, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'ignore', 'inherit'],
      detached: true, // its own process group, so a kill takes Next.js with it
    });
    try {
      // 60 s: on a loaded 2-core machine (a soak beside) a production start can take over 30.
      await waitForHealth(`${url}/api/health`, { timeoutMs: 60_000, what: `the server at ${url}` });
    } catch (error) {
      // Left running, it would outlive the run (detached) and retry a database that is gone.
      if (child?.pid) process.kill(-child.pid, 'SIGKILL');
      throw error;
    }
  };
  await launch();
  return {
    url,
    async kill(signal = 'SIGKILL') {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      const group = groupPids(c.pid);
      process.kill(-(c.pid as number), signal);
      await exited;
      await waitUntilGone(group);
    },
    restart: launch,
    get pid() {
      return child?.pid;
    },
    pids: () => groupPids(child?.pid),
  };
}

/** Processes of the group led by `leader` (the server and its Next.js child), from /proc. */
function groupPids(leader: number | undefined): number[] {
  if (leader === undefined) return [];
  return readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid pgrp …"; comm may hold spaces, so split after ")".
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return Number(fields[2]) === leader ? [Number(entry)] : [];
    } catch {
      return [];
    }
  });
}

async function waitUntilGone(pids: number[]): Promise<void> {
  for (let i = 0; i < 100 && pids.some((pid) => existsSync(`/proc/${pid}`)); i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
}
