/**
 * The log as c2sp.org/tlog-tiles on a 1,000,000-leaf log (issue #18, "Tiles" and the monitor's
 * goal): serving a full level-0 hash tile and a full entry bundle over HTTP (p50/p99, one client,
 * interleaved sample by sample) beside the raw SELECT each runs (same pool size as the server's,
 * from this process) and a bare node:http server (any server's floor here); then a reader that
 * knows only the signed checkpoint — lib/tlog's TileReader + scanTiledLog — fetching every tile
 * and entry bundle over HTTP, checking every entry against its tile and every tile up to the
 * root: the time a monitor takes to catch up from nothing (goal ≤ 60 s); and the same catch-up by
 * the monitor command itself (`verity monitor --once`, in process), which also parses every entry
 * as a deposit statement and fetches with Node's fetch.
 *
 * No Next.js build: the log is built in process with sealBatch (bench/lib/build-log.ts) on an
 * embedded PostgreSQL of its own, and the front server (which answers tiles itself in `npm start`)
 * runs alone in its own process (bench/lib/tile-server.ts).
 *
 *   npx tsx --conditions=react-server bench/tiles.ts [--quick] [--leaves 1000000] [--samples 2000]
 *     [--concurrency 8] [--no-wait]
 */
import { spawn } from 'node:child_process';
import { hash, randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { gunzip } from 'node:zlib';
import pg from 'pg';
import {
  formatTilePath,
  HASH_SIZE,
  LEAF_HASH_PREFIX,
  type MerkleHasher,
  NODE_HASH_PREFIX,
  scanTiledLog,
  TileReader,
  verifierKeyFromSignerKey,
  verifyCheckpoint,
} from '@/lib/tlog';
import { nodeCliDeps } from '../packages/client/src/cli/main';
import { runVerityCli } from '../packages/client/src/cli/run-verity-cli';
import { startEmbeddedDatabase } from '../scripts/lib/embedded-postgres';
import { freePort } from '../scripts/lib/free-port';
import { migrateDatabase } from '../scripts/lib/migrate';
import { buildGoVerifier } from '../tools/go-verify/build';
import { verifyTilesWithGo } from '../tools/go-verify/run';
import { startBareHttpServer } from './lib/bare-http-server';
import { buildLog } from './lib/build-log';
import { type CpuGroups, listenerPid, measuredQuietly, postmasterPid } from './lib/cpu-accounting';
// Renamed: not a React hook (the linter goes by the name).
import { useLedgerDatabase as openLedgerDatabase } from './lib/in-process-ledger';
import { machineInfo } from './lib/machine';
import { type Figure, publish } from './lib/report';
import { NOISY_OTHER_CORES, phaseDefaults } from './lib/run-phase';
import { type LatencySummary, round, roundedSummary } from './lib/stats';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    leaves: { type: 'string' },
    samples: { type: 'string' },
    concurrency: { type: 'string', default: '8' },
    'no-wait': { type: 'boolean', default: false },
  },
});
const quick = values.quick ?? false;
const leaves = Number(values.leaves ?? (quick ? 20_000 : 1_000_000));
const samples = Number(values.samples ?? (quick ? 200 : 2000));
const concurrency = Number(values.concurrency);
phaseDefaults.quietWaitMs = quick || values['no-wait'] ? 0 : 120_000;
const startedAt = new Date().toISOString();

/** The monitor in Node hashes with node:crypto (lib/tlog's default, @noble/hashes, is for browsers). */
const nodeHasher: MerkleHasher = {
  size: HASH_SIZE,
  emptyRoot: () => new Uint8Array(hash('sha256', new Uint8Array(0), 'buffer')),
  hashLeaf: (leaf) => new Uint8Array(hash('sha256', Buffer.concat([Uint8Array.of(LEAF_HASH_PREFIX), leaf]), 'buffer')),
  hashChildren: (l, r) =>
    new Uint8Array(hash('sha256', Buffer.concat([Uint8Array.of(NODE_HASH_PREFIX), l, r]), 'buffer')),
};

const agent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 5000 });

/** GET → bytes (asking for gzip when `gzip`; unzipped when `unzip`), throwing on anything but 200. */
function getBytes(url: string, gzip = false, unzip = false): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { 'accept-encoding': gzip ? 'gzip' : 'identity' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`GET ${url}: ${res.statusCode}`));
        const body = Buffer.concat(chunks);
        if (!unzip || res.headers['content-encoding'] !== 'gzip') return resolve(body);
        gunzip(body, (error, out) => (error ? reject(error) : resolve(out)));
      });
      res.on('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`GET ${url}: no answer in 30 s`)));
    req.on('error', reject);
  });
}

async function startTileServer(env: Record<string, string>): Promise<{ url: string; pid: number; stop: () => void }> {
  const tsx = path.resolve('node_modules/tsx/dist/cli.mjs');
  const child = spawn(process.execPath, [tsx, '--conditions=react-server', 'bench/lib/tile-server.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the tile server did not start within 60 s')), 60_000);
    child.stdout.once('data', (d: Buffer) => {
      clearTimeout(timer);
      resolve(Number(String(d).trim()));
    });
    child.once('exit', (code) => reject(new Error(`the tile server exited (${code})`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return { url, pid: listenerPid(url), stop: () => child.kill('SIGTERM') };
}

type SeriesName = 'hashTile' | 'entries' | 'entriesGzip' | 'hashSelect' | 'entrySelect' | 'bare';

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'verity-bench-tiles-'));
  const db = await startEmbeddedDatabase({ dataDir, port: await freePort(), database: 'verity_bench' });
  const cleanup: Array<() => Promise<void> | void> = [
    () => db.stop(),
    () => rm(dataDir, { recursive: true, force: true }),
  ];
  try {
    await migrateDatabase(db.url);
    const setup = new pg.Client({ connectionString: db.url });
    await setup.connect();
    const orgId = crypto.randomUUID();
    await setup.query('INSERT INTO depositor_orgs (id, name) VALUES ($1, $2)', [orgId, 'Bench depositor (tiles)']);
    const { rows: pid } = await setup.query<{ pid: number; v: string }>(
      "SELECT pg_backend_pid() AS pid, current_setting('server_version') AS v",
    );
    const postgres = `PostgreSQL ${pid[0]?.v}`;
    const groups: CpuGroups = { postgres: [postmasterPid(pid[0]?.pid ?? 0)] };
    await setup.end();

    const ledger = await openLedgerDatabase(db.url, orgId);
    cleanup.unshift(() => ledger.close());
    const built = await buildLog(ledger, leaves);
    for (const table of ['deposits', 'log_leaves', 'log_nodes', 'checkpoints'])
      await ledger.pool.query(`VACUUM ANALYZE ${table}`);
    const signerKey = process.env.VERITY_LOG_SIGNER_KEY as string;

    const server = await startTileServer({
      DATABASE_URL: db.url,
      VERITY_LOG_SIGNER_KEY: signerKey,
      VERITY_API_KEY_PEPPER: 'bench',
    });
    cleanup.unshift(() => server.stop());
    groups.server = [server.pid];
    const bare = await startBareHttpServer();
    cleanup.unshift(() => bare.stop());
    groups.bare = [bare.pid];
    const prefix = `${server.url}/api/v1/log/`;

    // ——— Serving one tile: HTTP against the raw SELECT and a bare server, interleaved ———
    const fullTiles = Math.floor(leaves / 256);
    const raw = new pg.Pool({ connectionString: db.url, max: 10 });
    cleanup.unshift(() => raw.end());
    const HASH_SQL =
      'SELECT hash FROM log_nodes WHERE level = $1 AND node_index >= $2 AND node_index < $3 ORDER BY node_index';
    const ENTRY_SQL = `SELECT d.leaf FROM log_leaves l JOIN deposits d ON d.id = l.deposit_id
       WHERE l.leaf_index >= $1 AND l.leaf_index < $2 ORDER BY l.leaf_index`;
    const series: Record<SeriesName, number[]> = {
      hashTile: [],
      entries: [],
      entriesGzip: [],
      hashSelect: [],
      entrySelect: [],
      bare: [],
    };
    const timed = async (name: string, fn: () => Promise<unknown>) => {
      const t = performance.now();
      await fn();
      series[name as SeriesName].push(performance.now() - t);
    };
    const sampleOnce = async (record: boolean) => {
      const n = randomInt(0, fullTiles);
      const steps: Array<[string, () => Promise<unknown>]> = [
        ['hashTile', () => getBytes(`${prefix}${formatTilePath({ level: 0, index: BigInt(n), width: 256 })}`)],
        ['hashSelect', () => raw.query({ name: 'h', text: HASH_SQL, values: [0, n * 256, n * 256 + 256] })],
        ['entries', () => getBytes(`${prefix}${formatTilePath({ level: 'entries', index: BigInt(n), width: 256 })}`)],
        ['entrySelect', () => raw.query({ name: 'e', text: ENTRY_SQL, values: [n * 256, n * 256 + 256] })],
        [
          'entriesGzip',
          () => getBytes(`${prefix}${formatTilePath({ level: 'entries', index: BigInt(n), width: 256 })}`, true),
        ],
        ['bare', () => getBytes(`${bare.url}/`)],
      ];
      for (const [name, fn] of steps) {
        if (record) await timed(name, fn);
        else await fn();
      }
    };
    console.log(`serving tiles: ${samples} samples of each, one client…`);
    for (let i = 0; i < Math.min(200, samples); i++) await sampleOnce(false);
    const serving = await measuredQuietly(groups, phaseDefaults.quietWaitMs, async () => {
      for (let i = 0; i < samples; i++) await sampleOnce(true);
    });
    const latency = Object.fromEntries(Object.entries(series).map(([k, v]) => [k, roundedSummary(v)]));
    console.log(latency);
    const sizes = {
      hashTileBytes: (await getBytes(`${prefix}tile/0/000`)).length,
      entriesBytes: (await getBytes(`${prefix}tile/entries/000`)).length,
      entriesGzipBytes: (await getBytes(`${prefix}tile/entries/000`, true)).length,
    };

    // ——— A monitor catching up from nothing through the tiles ———
    const note = (await getBytes(`${prefix}checkpoint`)).toString('utf8');
    const { checkpoint } = verifyCheckpoint(note, [verifierKeyFromSignerKey(signerKey)]);
    let fetched = 0;
    let bytes = 0; // tile and bundle bytes, unzipped
    const fetchTile = async (tilePath: string) => {
      const data = await getBytes(prefix + tilePath, true, true);
      fetched++;
      bytes += data.length;
      return new Uint8Array(data.buffer, data.byteOffset, data.length);
    };
    console.log(`a monitor reads the ${checkpoint.size}-leaf log through its tiles (${concurrency} at a time)…`);
    let entriesSeen = 0n;
    const monitor = await measuredQuietly(groups, phaseDefaults.quietWaitMs, async () => {
      const t0 = performance.now();
      const reader = new TileReader({
        size: checkpoint.size,
        rootHash: checkpoint.rootHash,
        fetchTile,
        hasher: nodeHasher,
      });
      entriesSeen = await scanTiledLog(reader, { concurrency });
      return (performance.now() - t0) / 1000;
    });
    if (entriesSeen !== checkpoint.size)
      throw new Error(`the monitor saw ${entriesSeen} entries of ${checkpoint.size}`);
    const monitorSeconds = round(monitor.result, 2);
    console.log(`  ${monitorSeconds} s, ${fetched} tiles and bundles, ${(bytes / 1e6).toFixed(1)} MB unzipped`);

    // The monitor command's own path (`verity monitor --once`, in process): fetch (undici), the
    // state file, node:crypto hashing, and every entry parsed as a deposit statement.
    console.log(`verity monitor --once on the same log (${concurrency} at a time)…`);
    const stateDir = await mkdtemp(path.join(tmpdir(), 'verity-bench-monitor-'));
    cleanup.push(() => rm(stateDir, { recursive: true, force: true }));
    const command = await measuredQuietly(groups, phaseDefaults.quietWaitMs, async () => {
      const t0 = performance.now();
      const run = await runVerityCli(
        [
          'monitor',
          server.url,
          '--once',
          '--json',
          '--log-key',
          verifierKeyFromSignerKey(signerKey),
          '--state',
          path.join(stateDir, 'state.json'),
          '--concurrency',
          String(concurrency),
        ],
        { ...nodeCliDeps(), progress: undefined },
      );
      return { seconds: (performance.now() - t0) / 1000, run };
    });
    const commandRun = command.result.run;
    const commandJson = JSON.parse(commandRun.stdout[0] ?? '{}') as { result?: string; entriesChecked?: string };
    if (commandRun.exitCode !== 0 || commandJson.entriesChecked !== String(checkpoint.size)) {
      throw new Error(
        `verity monitor did not verify the log: ${[...commandRun.stdout, ...commandRun.stderr].join('\n')}`,
      );
    }
    const commandSeconds = round(command.result.seconds, 2);
    console.log(`  ${commandSeconds} s, ${commandJson.entriesChecked} entries, each parsed as a deposit statement`);

    // The independent reader: Go's x/mod TileHashReader over the same tiles (tools/go-verify tiles).
    const goBinary = await buildGoVerifier();
    let go: { seconds: number; ok: boolean; stdout: string } | undefined;
    if (goBinary) {
      console.log('go-verify tiles --all-entries on the same log…');
      const t0 = performance.now();
      const result = await verifyTilesWithGo(goBinary, prefix, verifierKeyFromSignerKey(signerKey), {
        allEntries: true,
      });
      go = { seconds: round((performance.now() - t0) / 1000, 2), ok: result.ok, stdout: result.stdout };
      console.log(`  ${go.seconds} s, ${result.ok ? 'ok' : 'FAILED'}\n${result.stdout}`);
    } else {
      console.log('go-verify tiles skipped: no Go toolchain or golang.org/x/mod source');
    }

    const log = `${leaves.toLocaleString('en-US')}-leaf log`;
    const noisy = (c: number) =>
      c > NOISY_OTHER_CORES ? console.log(`  WARNING: ${c} other cores: figures are suspect`) : undefined;
    noisy(serving.otherCores);
    noisy(monitor.otherCores);
    noisy(command.otherCores);
    const l = latency as Record<SeriesName, LatencySummary>;
    const fig = (
      section: string,
      metric: string,
      value: number,
      ref: string,
      refValue: number,
      otherCores: number,
    ): Figure => ({
      section,
      metric,
      value,
      unit: 'ms',
      reference: { name: ref, value: refValue, unit: 'ms' },
      otherCores,
    });
    const s1 = `GET full level-0 hash tile (8 KiB), 1 client, ${log}`;
    const s2 = `GET full entry bundle (${Math.round(sizes.entriesBytes / 1024)} KiB; gzip ${Math.round(sizes.entriesGzipBytes / 1024)} KiB), 1 client, ${log}`;
    const c = serving.otherCores;
    const figures: Figure[] = [
      fig(s1, 'p50', l.hashTile.p50Ms, 'raw SELECT of its 256 hashes p50', l.hashSelect.p50Ms, c),
      fig(s1, 'p99', l.hashTile.p99Ms, 'raw SELECT of its 256 hashes p99', l.hashSelect.p99Ms, c),
      fig(s1, 'p50', l.hashTile.p50Ms, 'bare node:http p50', l.bare.p50Ms, c),
      fig(s2, 'p50 identity', l.entries.p50Ms, 'raw SELECT of its 256 leaves p50', l.entrySelect.p50Ms, c),
      fig(s2, 'p99 identity', l.entries.p99Ms, 'raw SELECT of its 256 leaves p99', l.entrySelect.p99Ms, c),
      fig(s2, 'p50 gzip', l.entriesGzip.p50Ms, 'raw SELECT of its 256 leaves p50', l.entrySelect.p50Ms, c),
      fig(s2, 'p99 gzip', l.entriesGzip.p99Ms, 'raw SELECT of its 256 leaves p99', l.entrySelect.p99Ms, c),
      {
        section: `monitor catching up on a ${log} through tiles (TileReader + scanTiledLog, ${concurrency} requests at a time, gzip)`,
        metric: 'time to read and verify every entry and tile',
        value: monitorSeconds,
        unit: 's',
        goal: { op: '<=', value: 60 },
        otherCores: monitor.otherCores,
      },
    ];
    figures.push({
      section: `\`verity monitor --once\` catching up on a ${log} from nothing (in process: fetch, ${concurrency} requests at a time, gzip; every tile and entry checked and every entry parsed as a deposit statement; the state file written)`,
      metric: 'time to catch up',
      value: commandSeconds,
      unit: 's',
      goal: { op: '<=', value: 60 },
      otherCores: command.otherCores,
    });
    if (go) {
      figures.push({
        section: `Go's golang.org/x/mod/sumdb/tlog reading the same ${log} through its tiles (go-verify tiles --all-entries: root, 3 inclusion proofs, every bundle against its tile)`,
        metric: go.ok ? 'time, every check passed' : 'time, a check FAILED',
        value: go.seconds,
        unit: 's',
      });
    }
    publish({
      name: 'tiles',
      command: `npx tsx --conditions=react-server bench/tiles.ts ${process.argv.slice(2).join(' ')}`.trim(),
      quick,
      startedAt,
      finishedAt: new Date().toISOString(),
      machine: { ...machineInfo(), postgres },
      figures,
      details: {
        build: { ...built, sample: undefined },
        latency,
        sizes,
        monitor: { seconds: monitorSeconds, fetched, bytes, concurrency },
        monitorCommand: { seconds: commandSeconds, otherCores: command.otherCores },
        go,
      },
    });
    if (go && !go.ok) {
      console.error('go-verify tiles FAILED on the benchmark log');
      process.exitCode = 1;
    }
  } finally {
    for (const step of cleanup) await Promise.resolve(step()).catch((e: unknown) => console.error(e));
    agent.destroy();
  }
}

await main();
