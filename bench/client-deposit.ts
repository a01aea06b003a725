/**
 * The depositors' command on many small files (issue #20: 10,000 files of 4 KiB deposited with
 * receipts written in ≤ 10 s): the BUILT package (packages/client/dist/cli.js, as a depositor
 * installs it) runs `verity deposit <folder>` against the portal's front server on an embedded
 * PostgreSQL of its own, and writes a receipt beside every file. Its peak memory (GNU time's
 * maximum resident set size, workers included) is reported beside it.
 *
 * Reference, same run, same files, same server: a bare client in this process that hashes each file
 * with node:crypto (SHA-256 and SM3, one after the other), POSTs the digests in batches of 1,000
 * with fetch and writes nothing — the floor of any client of this API. Both deposits are counted on
 * the server afterwards.
 *
 *   npx tsx --conditions=react-server bench/client-deposit.ts [--files 10000] [--size 4096]
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { generateNoteKeys } from '@/lib/tlog';
import { generateApiKey, hashApiKeySecret } from '../lib/depositors/api-key-format';
import { buildClient } from '../packages/client/build';
import { startEmbeddedDatabase } from '../scripts/lib/embedded-postgres';
import { freePort } from '../scripts/lib/free-port';
import { migrateDatabase } from '../scripts/lib/migrate';
import { machineInfo } from './lib/machine';
import { type Figure, publish } from './lib/report';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '10000' },
    size: { type: 'string', default: '4096' },
    /** Extra arguments for `verity deposit`, e.g. `--args='--receipts r.jsonl'`. */
    args: { type: 'string', default: '' },
  },
});
const FILES = Number(values.files);
const SIZE = Number(values.size);
/** base64url of 32 random bytes, as VERITY_API_KEY_PEPPER must be. */
const PEPPER = randomBytes(32).toString('base64url');

async function startFront(env: Record<string, string>): Promise<{ url: string; stop: () => void }> {
  const tsx = path.resolve('node_modules/tsx/dist/cli.mjs');
  const child = spawn(process.execPath, [tsx, '--conditions=react-server', 'bench/lib/tile-server.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the front server did not start within 60 s')), 60_000);
    child.stdout.once('data', (d: Buffer) => {
      clearTimeout(timer);
      resolve(Number(String(d).trim()));
    });
    child.once('exit', (code) => reject(new Error(`the front server exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

async function makeFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (let folder = 0; folder < Math.ceil(FILES / 100); folder++) {
    await mkdir(path.join(dir, `f${folder}`));
    const batch: Promise<void>[] = [];
    for (let i = 0; i < 100 && files.length < FILES; i++) {
      const file = path.join(dir, `f${folder}`, `${i}.bin`);
      files.push(file);
      batch.push(writeFile(file, randomBytes(SIZE)));
    }
    await Promise.all(batch);
  }
  return files;
}

/** The floor: hash, POST in batches of 1,000, keep nothing. */
async function bareClient(url: string, apiKey: string, files: readonly string[]): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < files.length; i += 1000) {
    const deposits = [];
    for (const file of files.slice(i, i + 1000)) {
      const bytes = await readFile(file);
      deposits.push({
        digests: {
          sha256: createHash('sha256').update(bytes).digest('hex'),
          sm3: createHash('sm3').update(bytes).digest('hex'),
        },
      });
    }
    const res = await fetch(`${url}/api/v1/deposits`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${apiKey}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({ deposits }),
    });
    if (res.status !== 201) throw new Error(`bare client: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  }
  return (performance.now() - start) / 1000;
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const work = await mkdtemp(path.join(tmpdir(), 'verity-bench-client-'));
  // A folder of its own, as bench/tiles.ts does: the embedded server sets its owner and mode.
  const dataDir = await mkdtemp(path.join(tmpdir(), 'verity-bench-client-pg-'));
  const db = await startEmbeddedDatabase({ dataDir, port: await freePort(), database: 'verity_bench' });
  const cleanup: Array<() => unknown> = [
    () => db.stop(),
    () => rm(dataDir, { recursive: true, force: true }),
    () => rm(work, { recursive: true, force: true }),
  ];
  try {
    await migrateDatabase(db.url);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const orgId = randomUUID();
    const key = generateApiKey();
    await client.query('INSERT INTO depositor_orgs (id, name) VALUES ($1, $2)', [orgId, 'Bench depositor (client)']);
    await client.query('INSERT INTO api_keys (id, org_id, lookup_id, secret_hash, label) VALUES ($1, $2, $3, $4, $5)', [
      randomUUID(),
      orgId,
      key.lookupId,
      Buffer.from(hashApiKeySecret(key.secret, new Uint8Array(Buffer.from(PEPPER, 'base64url')))),
      'bench',
    ]);
    const { rows: version } = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    const count = async () =>
      Number(
        (await client.query<{ n: string }>('SELECT count(*)::text AS n FROM deposits WHERE org_id = $1', [orgId]))
          .rows[0]?.n,
      );

    const front = await startFront({
      DATABASE_URL: db.url,
      VERITY_LOG_SIGNER_KEY: generateNoteKeys('verity.bench/client').signerKey,
      VERITY_API_KEY_PEPPER: PEPPER,
      // The package's speed is measured, not the per-key limits' refusals (issue #21): never reached.
      VERITY_DEPOSIT_RATE_PER_MINUTE: '2147483647',
      VERITY_DEPOSIT_BURST: '2147483647',
      VERITY_DEPOSIT_DAILY_QUOTA: '2147483647',
    });
    cleanup.unshift(front.stop);
    await buildClient();
    const cli = path.resolve('packages/client/dist/cli.js');

    const dir = path.join(work, 'files');
    await mkdir(dir);
    const files = await makeFiles(dir);
    // Warm the page cache and the server (first connections, prepared statements).
    await bareClient(front.url, key.key, files.slice(0, 1000));
    const bareSeconds = await bareClient(front.url, key.key, files);
    const afterBare = await count();

    const env = { ...process.env, VERITY_URL: front.url, VERITY_API_KEY: key.key };
    const start = performance.now();
    const run = spawnSync(
      '/usr/bin/time',
      ['-f', '%M', process.execPath, cli, 'deposit', '.', '--json', ...values.args.split(' ').filter(Boolean)],
      {
        cwd: dir,
        env,
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    const cliSeconds = (performance.now() - start) / 1000;
    if (run.status !== 0) throw new Error(`verity deposit exited ${run.status}: ${run.stderr.slice(-2000)}`);
    const peakKiB = Number(run.stderr.trim().split('\n').at(-1));
    const deposited = (await count()) - afterBare;
    let receipts = 0;
    for (const folder of await readdir(dir)) {
      receipts += (await readdir(path.join(dir, folder))).filter((f) => f.endsWith('.verity-receipt.json')).length;
    }
    const failures = [
      ...(deposited === FILES ? [] : [`the server counted ${deposited} deposits, not ${FILES}`]),
      ...(receipts === FILES ? [] : [`${receipts} receipts written, not ${FILES}`]),
    ];
    const section = `${FILES.toLocaleString('en')} files of ${SIZE} bytes, receipts beside each`;
    const figures: Figure[] = [
      {
        section,
        metric: 'verity deposit (built package), wall time',
        value: Number(cliSeconds.toFixed(2)),
        unit: 's',
        reference: {
          name: 'bare client: hash + POST batches, no receipts',
          value: Number(bareSeconds.toFixed(2)),
          unit: 's',
        },
        goal: { op: '<=', value: 10 },
      },
      // No goal: #20's 150 MB is for hashing one file of any size (bench/client-hashing.ts). Here
      // the live heap stays ~30 MB after each collection; V8 lets it grow to ~120 MB between them.
      { section, metric: 'verity deposit, peak memory (max RSS)', value: Math.round(peakKiB / 1024), unit: 'MB' },
    ];
    await client.end();
    publish({
      name: 'client-deposit',
      command: `npx tsx --conditions=react-server bench/client-deposit.ts ${process.argv.slice(2).join(' ')}`.trim(),
      quick: FILES < 10_000,
      startedAt,
      finishedAt: new Date().toISOString(),
      machine: { ...machineInfo(), postgres: `PostgreSQL ${version[0]?.v}` },
      figures,
      details: { files: FILES, size: SIZE, deposited, receipts, failures },
    });
    if (failures.length > 0) {
      console.error(failures.join('\n'));
      process.exitCode = 1;
    }
  } finally {
    for (const step of cleanup) await Promise.resolve(step()).catch((e: unknown) => console.error(e));
  }
}

await main();
