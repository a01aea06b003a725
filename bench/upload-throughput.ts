/**
 * Upload throughput (issue #21, finding 1): one file sent as the browser client sends it —
 * `--size-mib` (512) in 8 MiB PATCHes, one after another, over loopback — to the portal's front
 * server (`npm start`'s public process, which answers upload PATCHes itself:
 * lib/evidence/upload-patch-route.ts; session cookie, lease, SHA-256 + SM3, write, fsync and
 * the final move into the evidence store), beside the reference measured in the same run: a
 * bare `node:http` server that takes the same PATCHes, hashes both digests and writes the file
 * (bench/lib/bare-upload-server.ts), without and with an fsync per PATCH, and with SM3 in a worker
 * thread as the portal's (so the portal's own cost shows beside the same split of the hashing).
 * Goal: ≥ 0.75× the bare server (without fsync, both digests on one thread, as the issue set it).
 * Runs alternate between the servers; figures are medians of `--runs`.
 * No Next.js build: an embedded PostgreSQL and the front server in its own process.
 *
 *   npx tsx --conditions=react-server bench/upload-throughput.ts [--quick] [--size-mib 512] [--runs 3] [--profile]
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomFillSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startEmbeddedDatabase } from '../scripts/lib/embedded-postgres';
import { freePort } from '../scripts/lib/free-port';
import { migrateDatabase } from '../scripts/lib/migrate';
import { startBareUploadServer } from './lib/bare-upload-server';
import { listenerPid } from './lib/cpu-accounting';
import { machineInfo } from './lib/machine';
import { type Figure, publish } from './lib/report';

const MiB = 1024 * 1024;
const CHUNK = 8 * MiB;

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'size-mib': { type: 'string' },
    runs: { type: 'string' },
    profile: { type: 'boolean', default: false },
  },
});
const quick = args.quick ?? false;
const sizeMiB = Number(args['size-mib'] ?? (quick ? 64 : 512));
const runs = Number(args.runs ?? (quick ? 1 : 3));

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** One PATCH; resolves with the status and the body text. */
function patch(
  url: string,
  headers: Record<string, string>,
  body: Uint8Array,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'PATCH',
      agent,
      headers: { ...headers, 'content-type': 'application/offset+octet-stream', 'content-length': body.byteLength },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        text += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends `bytes` in CHUNK PATCHes to `url`; the seconds taken, and the digests the last answer named. */
async function sendFile(url: string, headers: Record<string, string>, bytes: Buffer) {
  const started = performance.now();
  let last = { status: 0, body: '' };
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    last = await patch(url, { ...headers, 'upload-offset': String(offset) }, bytes.subarray(offset, offset + CHUNK));
    if (last.status !== 204 && last.status !== 200)
      throw new Error(`PATCH at ${offset}: HTTP ${last.status} ${last.body}`);
  }
  const seconds = (performance.now() - started) / 1000;
  const digests = JSON.parse(last.body) as { sha256: string; sm3: string };
  return { seconds, digests };
}

async function startPortalFront(env: Record<string, string>) {
  // bench/lib/tile-server.ts is the front server alone, as each front-server worker of `npm start`.
  // --profile: a CPU profile of the front server's process, in the results folder.
  const profile = args.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve('bench/results/profiles')}`] : [];
  const child = spawn(
    process.execPath,
    [...profile, '--import', 'tsx', '--conditions=react-server', 'bench/lib/tile-server.ts'],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the front server did not start within 60 s')), 60_000);
    child.stdout.once('data', (d: Buffer) => {
      clearTimeout(timer);
      resolve(Number(String(d).trim()));
    });
    child.once('exit', (code) => reject(new Error(`the front server exited (${code})`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => {
      child.kill('SIGTERM');
    },
  };
}

/** CPU seconds (user + system) a process has used so far, from /proc (clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'verity-bench-upload-'));
  const filesDir = await mkdtemp(path.join(tmpdir(), 'verity-bench-upload-files-'));
  const db = await startEmbeddedDatabase({
    dataDir,
    port: await freePort(),
    database: 'verity_bench',
  });
  const cleanup: Array<() => Promise<void> | void> = [
    () => db.stop(),
    () => rm(dataDir, { recursive: true, force: true }),
    () => rm(filesDir, { recursive: true, force: true }),
  ];
  try {
    await migrateDatabase(db.url);
    const evidenceDir = path.join(filesDir, 'evidence');
    const bareDir = path.join(filesDir, 'bare');
    await mkdir(bareDir, { recursive: true });
    const { generateNoteKeys } = await import('@/lib/tlog');
    const env = {
      DATABASE_URL: db.url,
      NEXTAUTH_SECRET: randomBytes(32).toString('base64'),
      NEXTAUTH_URL: 'http://127.0.0.1',
      VERITY_EVIDENCE_DIR: evidenceDir,
      VERITY_LOG_SIGNER_KEY: generateNoteKeys('bench.invalid/ledger').signerKey,
      VERITY_API_KEY_PEPPER: 'bench',
      VERITY_MAX_UPLOAD_BYTES: String(sizeMiB * MiB),
    };
    Object.assign(process.env, env);
    // After the environment: these read DATABASE_URL on first use.
    const { buildCase, buildCourt, buildUser } = await import('../test/builders');
    const { createUpload } = await import('../lib/evidence/create-upload');
    const { openSession } = await import('../lib/auth/open-session');
    const { encode } = await import('next-auth/jwt');
    const { getDb } = await import('../lib/db/client');
    cleanup.unshift(() => getDb().$disconnect());

    const court = await buildCourt();
    const { actor } = await buildUser({ role: 'litigant' });
    const kase = await buildCase(court.id, [{ userId: actor.id, role: 'plaintiff' }]);
    const sid = await openSession(actor.id);
    const cookie = `next-auth.session-token=${await encode({ token: { sub: actor.id, sid, role: 'litigant' }, secret: env.NEXTAUTH_SECRET })}`;

    const portal = await startPortalFront(env);
    cleanup.unshift(() => portal.stop());
    const bare = await startBareUploadServer(bareDir, { fsync: false });
    cleanup.unshift(() => bare.stop());
    const bareSync = await startBareUploadServer(bareDir, { fsync: true });
    cleanup.unshift(() => bareSync.stop());
    const bareThread = await startBareUploadServer(bareDir, { fsync: false, sm3Thread: true });
    cleanup.unshift(() => bareThread.stop());
    const bares = { bare, bareSync, bareThread };

    const bytes = randomFillSync(Buffer.allocUnsafe(sizeMiB * MiB));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const sm3 = createHash('sm3').update(bytes).digest('hex');
    const failures: string[] = [];
    const check = (name: string, d: { sha256: string; sm3: string }) => {
      if (d.sha256 !== sha256 || d.sm3 !== sm3) failures.push(`${name}: digests differ`);
    };

    const seconds = {
      portal: [] as number[],
      bare: [] as number[],
      bareSync: [] as number[],
      bareThread: [] as number[],
    };
    // CPU seconds of each server's process per run: robust to other load on a shared machine.
    const cpu = { portal: [] as number[], bare: [] as number[], bareSync: [] as number[], bareThread: [] as number[] };
    const pids = {
      portal: listenerPid(portal.url),
      bare: listenerPid(bare.url),
      bareSync: listenerPid(bareSync.url),
      bareThread: listenerPid(bareThread.url),
    };
    // Warm-up: a 32 MiB file through each (modules, JIT, connections, the first session check).
    const warm = bytes.subarray(0, Math.min(bytes.length, 32 * MiB));
    const warmUpload = await createUpload(actor, kase.id, {
      fileName: 'warm-up.bin',
      mediaType: 'application/octet-stream',
      size: warm.length,
      sha256: createHash('sha256').update(warm).digest('hex'),
      sm3: createHash('sm3').update(warm).digest('hex'),
    });
    await sendFile(`${portal.url}/api/v1/uploads/${warmUpload.id}`, { cookie, 'x-verity-upload': '1' }, warm);
    for (const server of Object.values(bares))
      await sendFile(`${server.url}/warm-up`, { 'x-bench-size': String(warm.length) }, warm);
    for (let run = 0; run < runs; run++) {
      console.log(`run ${run + 1}/${runs}`);
      // Each run: a fresh upload (a different byte so the store does not hold it already).
      bytes[0] = run;
      const runSha = createHash('sha256').update(bytes).digest('hex');
      const runSm3 = createHash('sm3').update(bytes).digest('hex');
      const upload = await createUpload(actor, kase.id, {
        fileName: `bench-${run}.bin`,
        mediaType: 'application/octet-stream',
        size: bytes.length,
        sha256: runSha,
        sm3: runSm3,
      });
      const order =
        run % 2 === 0
          ? (['bare', 'portal', 'bareSync', 'bareThread'] as const)
          : (['portal', 'bareThread', 'bareSync', 'bare'] as const);
      for (const name of order) {
        const cpuBefore = cpuSeconds(pids[name]);
        const result =
          name === 'portal'
            ? await sendFile(`${portal.url}/api/v1/uploads/${upload.id}`, { cookie, 'x-verity-upload': '1' }, bytes)
            : await sendFile(`${bares[name].url}/${name}-${run}`, { 'x-bench-size': String(bytes.length) }, bytes);
        if (result.digests.sha256 !== runSha || result.digests.sm3 !== runSm3)
          failures.push(`${name} run ${run}: digests differ`);
        seconds[name].push(result.seconds);
        cpu[name].push(cpuSeconds(pids[name]) - cpuBefore);
        console.log(`  ${name}: ${(bytes.length / result.seconds / 1e6).toFixed(1)} MB/s`);
      }
    }
    check('reference', { sha256, sm3 }); // the digests of the original bytes, computed once
    const mbps = (xs: number[]) => bytes.length / median(xs) / 1e6;
    const section = `${sizeMiB} MiB in 8 MiB PATCHes, 1 client, loopback (median of ${runs})`;
    const bareMbps = mbps(seconds.bare);
    const figures: Figure[] = [
      {
        section,
        metric: 'portal front server (session, lease, SHA-256 + SM3, write, fsync of the completed file, store)',
        value: mbps(seconds.portal),
        unit: 'MB/s',
        reference: { name: 'bare node:http (hash both, write)', value: bareMbps, unit: 'MB/s' },
        goal: { op: '>=', value: 0.75 * bareMbps },
      },
      {
        section,
        metric: 'server CPU per GiB received (user + system; portal: its front server process alone)',
        value: (median(cpu.portal) * 1024) / sizeMiB,
        unit: 's/GiB',
        reference: {
          name: 'bare node:http (hash both, write)',
          value: (median(cpu.bare) * 1024) / sizeMiB,
          unit: 's/GiB',
        },
      },
      {
        section,
        metric: 'portal front server, against the bare server with fsync per PATCH',
        value: mbps(seconds.portal),
        unit: 'MB/s',
        reference: {
          name: 'bare node:http (hash both, write, fsync per PATCH)',
          value: mbps(seconds.bareSync),
          unit: 'MB/s',
        },
      },
      {
        section,
        metric: 'portal front server, against the bare server with SM3 in a worker thread (as the portal)',
        value: mbps(seconds.portal),
        unit: 'MB/s',
        reference: {
          name: 'bare node:http (SHA-256 on its thread, SM3 in a worker, write)',
          value: mbps(seconds.bareThread),
          unit: 'MB/s',
        },
      },
      {
        section,
        metric: 'server CPU per GiB received, against the bare server with SM3 in a worker thread',
        value: (median(cpu.portal) * 1024) / sizeMiB,
        unit: 's/GiB',
        reference: {
          name: 'bare node:http (SHA-256 on its thread, SM3 in a worker, write)',
          value: (median(cpu.bareThread) * 1024) / sizeMiB,
          unit: 's/GiB',
        },
      },
    ];
    publish({
      name: 'upload-throughput',
      command: `npx tsx --conditions=react-server bench/upload-throughput.ts ${process.argv.slice(2).join(' ')}`.trim(),
      quick,
      startedAt,
      finishedAt: new Date().toISOString(),
      machine: { ...machineInfo(), postgres: 'PostgreSQL (embedded)' },
      figures,
      details: {
        seconds,
        cpuSeconds: cpu,
        loadAverage: loadavg(),
        sizeBytes: bytes.length,
        chunkBytes: CHUNK,
        failures,
      },
    });
    if (failures.length > 0) {
      console.error(failures.join('\n'));
      process.exitCode = 1;
    }
  } finally {
    agent.destroy();
    for (const step of cleanup) await Promise.resolve(step()).catch((e: unknown) => console.error(e));
  }
}

await main();
