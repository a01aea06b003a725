/**
 * A witness's add-checkpoint latency (issue #18: p99 ≤ 20 ms), measured on the real witness
 * (`verity witness serve` in a process of its own, scripts/demo-witness.ts, default limits) the
 * way logs ask it: each log sends one checkpoint at a time, at most one every 50 ms (four times as
 * often as the portal's cosigner, lib/witnessing/cosigner.ts, asks: a busier log than ours), each
 * 50 leaves beyond the last (1,000 deposits/s), with the consistency proof from the size the
 * witness cosigned before. Two loads:
 * one log, and 20 logs at once (a witness serving twenty courts' logs: 400 requests/s, within
 * its per-address limit of 500/s).
 *
 * Reference, same run, same pacing and bodies: a bare node:http server in its own process that
 * reads the body and writes it durably exactly as the witness writes its state (a new file,
 * fsync, rename, fsync of the folder: lib/witness/durable-file.ts) before answering — the floor
 * for any witness that keeps its promise never to cosign two inconsistent checkpoints after a
 * crash. Every answer must be 200; a sample of cosignatures is verified with the witness's key.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { rangeHash, rangeHashes } from '@/lib/ledger/tree/assemble';
import { hashLeafBytes, hashNode } from '@/lib/ledger/tree/node-hash';
import { consistencyProofRanges } from '@/lib/ledger/tree/ranges';
import { checkCosignatures, formatCheckpoint, generateNoteKeys, signNote } from '@/lib/tlog';
import { addCheckpointBody, makeWitnessDir, TestLog } from '@/lib/witness/witness.testing';
import { WitnessProcess } from '../../scripts/lib/witness-process';
import { type CpuGroups, cpuBetween, takeCpuSnapshot, waitForQuiet } from './cpu-accounting';
import { phaseDefaults } from './run-phase';
import { type LatencySummary, round, roundedSummary } from './stats';

/** Each log's least interval between two requests (the portal's cosigner: 200 ms). */
export const ROUND_INTERVAL_MS = 50;
/** Leaves per checkpoint: 1,000 deposits/s sealed and cosigned every 50 ms. */
const LEAVES_PER_STEP = 50;

export interface AddCheckpointLoad {
  label: string;
  logs: number;
  requests: number;
  failed: number;
  errors: Record<string, number>;
  requestsPerSecond: number;
  latency: LatencySummary;
  /** Cores used by the server under test, and by other processes (noise) during the load. */
  serverCores: number;
  otherCores: number;
}

export interface AddCheckpointResult {
  witness: AddCheckpointLoad[];
  reference: AddCheckpointLoad[];
  /** Cosignatures verified with the witness's verifier key (a sample of the 200 answers). */
  cosignaturesVerified: number;
  failures: string[];
}

/** A Merkle tree over random leaves, every perfect subtree kept: roots and consistency proofs at any size. */
class BenchTree {
  private readonly levels: Uint8Array[][] = [[]];

  constructor(size: number) {
    const leaves = this.levels[0] as Uint8Array[];
    for (let i = 0; i < size; i++) leaves.push(hashLeafBytes(crypto.getRandomValues(new Uint8Array(16))));
    for (let level = 0; (this.levels[level]?.length ?? 0) > 1; level++) {
      const below = this.levels[level] as Uint8Array[];
      const above: Uint8Array[] = [];
      for (let i = 0; i + 1 < below.length; i += 2)
        above.push(hashNode(below[i] as Uint8Array, below[i + 1] as Uint8Array));
      this.levels.push(above);
    }
  }

  private readonly lookup = ({ level, index }: { level: number; index: bigint }) => this.levels[level]?.[Number(index)];

  root(size: number): Uint8Array {
    return rangeHash({ lo: 0n, hi: BigInt(size) }, this.lookup);
  }

  proof(from: number, to: number): Uint8Array[] {
    return from === 0 || from === to ? [] : rangeHashes(consistencyProofRanges(BigInt(from), BigInt(to)), this.lookup);
  }
}

/** Every log's request bodies in order: log i's j-th checkpoint is at size (j + 1) · 50, from size j · 50. */
function requestBodies(logs: readonly TestLog[], steps: number): string[][] {
  const tree = new BenchTree(steps * LEAVES_PER_STEP);
  const shared = Array.from({ length: steps }, (_, j) => {
    const size = (j + 1) * LEAVES_PER_STEP;
    return { old: j * LEAVES_PER_STEP, size, root: tree.root(size), proof: tree.proof(j * LEAVES_PER_STEP, size) };
  });
  return logs.map((log) =>
    shared.map(({ old, size, root, proof }) =>
      addCheckpointBody(
        old,
        proof,
        signNote(formatCheckpoint({ origin: log.origin, size, rootHash: root }), log.signerKey),
      ),
    ),
  );
}

// What writeFileDurably does (lib/witness/durable-file.ts), per request, in a plain node:http server.
const DURABLE_WRITE_SERVER = `
const http = require('node:http');
const fs = require('node:fs/promises');
const path = require('node:path');
const { randomBytes } = require('node:crypto');
const dir = process.argv[1];
async function writeDurably(file, data) {
  const temp = file + '.tmp-' + randomBytes(6).toString('hex');
  const handle = await fs.open(temp, 'wx', 0o600);
  await handle.writeFile(data);
  await handle.sync();
  await handle.close();
  await fs.rename(temp, file);
  const d = await fs.open(dir, 'r');
  await d.sync();
  await d.close();
}
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const body = Buffer.concat(chunks);
    const origin = body.toString('latin1').split('\\n\\n')[1]?.split('\\n')[0] ?? 'x';
    const file = path.join(dir, require('node:crypto').createHash('sha256').update(origin).digest('hex'));
    try {
      await writeDurably(file, body);
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('ok\\n');
    } catch (e) {
      res.writeHead(500);
      res.end(String(e));
    }
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

async function startDurableWriteServer(dir: string): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['-e', DURABLE_WRITE_SERVER, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the durable-write server did not start within 10 s')), 10_000);
    child.stdout.once('data', (d: Buffer) => {
      clearTimeout(timer);
      resolve(Number(String(d).trim()));
    });
    child.once('exit', (code) => reject(new Error(`the durable-write server exited (${code})`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function post(agent: http.Agent, url: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${url}/add-checkpoint`,
      { method: 'POST', agent, headers: { 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('no answer within 10 s')));
    req.on('error', reject);
    req.end(body);
  });
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Each log sends its bodies one at a time, the next at least ROUND_INTERVAL_MS after the last
 * was sent (and not before it was answered), until `durationMs` is up or its bodies run out.
 */
async function drive(
  label: string,
  url: string,
  bodies: readonly string[][],
  durationMs: number,
  groups: CpuGroups,
  server: string,
  keep?: (log: number, step: number, text: string) => void,
): Promise<AddCheckpointLoad> {
  await waitForQuiet(groups, phaseDefaults.quietWaitMs);
  const agent = new http.Agent({ keepAlive: true, maxSockets: bodies.length });
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let failed = 0;
  const before = takeCpuSnapshot();
  const t0 = performance.now();
  await Promise.all(
    bodies.map(async (own, log) => {
      await pause(Math.random() * ROUND_INTERVAL_MS); // logs do not arrive in lockstep
      for (const [step, body] of own.entries()) {
        const sent = performance.now();
        if (sent - t0 > durationMs) break;
        try {
          const res = await post(agent, url, body);
          if (res.status !== 200) throw new Error(`answered ${res.status}: ${res.text.trim().slice(0, 100)}`);
          latencies.push(performance.now() - sent);
          keep?.(log, step, res.text);
        } catch (error) {
          failed++;
          const key = error instanceof Error ? error.message : String(error);
          errors[key] = (errors[key] ?? 0) + 1;
          break; // the witness's state and this log's next body no longer agree
        }
        await pause(Math.max(0, sent + ROUND_INTERVAL_MS - performance.now()));
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const usage = cpuBetween(before, takeCpuSnapshot(), groups);
  agent.destroy();
  const result: AddCheckpointLoad = {
    label,
    logs: bodies.length,
    requests: latencies.length + failed,
    failed,
    errors,
    requestsPerSecond: round(latencies.length / seconds, 1),
    latency: roundedSummary(latencies),
    serverCores: round((usage.seconds[server] ?? 0) / seconds, 3),
    otherCores: round((usage.seconds.other ?? 0) / seconds, 2),
  };
  console.log(
    `  ${label}: ${result.requestsPerSecond} requests/s, p50 ${result.latency.p50Ms} ms, p99 ${result.latency.p99Ms} ms, ` +
      `max ${result.latency.maxMs} ms, ${failed} failed; server ${result.serverCores} cores, others ${result.otherCores}`,
  );
  if (failed > 0) console.log(`  errors: ${JSON.stringify(errors)}`);
  return result;
}

export async function measureAddCheckpoint(options: {
  durationMs: number;
  /** Log counts to load the witness with, one phase each (default 1 and 20). */
  logCounts?: readonly number[];
}): Promise<AddCheckpointResult> {
  const logCounts = options.logCounts ?? [1, 20];
  const steps = Math.ceil(options.durationMs / ROUND_INTERVAL_MS) + 10;
  const most = Math.max(...logCounts);
  const failures: string[] = [];
  const witness: AddCheckpointLoad[] = [];
  const reference: AddCheckpointLoad[] = [];
  let cosignaturesVerified = 0;

  console.log(`a witness's add-checkpoint: preparing ${steps} checkpoints for each of ${most} logs…`);
  // One TestLog per load and log: each phase starts from an empty witness state for its logs.
  const phases = logCounts.map((n, p) =>
    Array.from({ length: n }, (_, i) => {
      const origin = `bench.verity.example/log-${p}-${i}`;
      return new TestLog(origin, generateNoteKeys(origin));
    }),
  );
  const bodiesOf = phases.map((logs) => requestBodies(logs, steps));

  const { dir, verifierKeys } = await makeWitnessDir(phases.flat(), { name: 'bench.verity.example/witness' });
  const refDir = await mkdtemp(path.join(tmpdir(), 'verity-bench-durable-'));
  const child = new WitnessProcess({
    label: 'bench witness',
    dir,
    logFile: path.join(dir, 'serve.log'),
    port: 0,
    error: (line) => console.error(`  witness: ${line}`),
    maxRestarts: 0,
    restartDelayMs: 250,
  });
  await child.start();
  const ref = await startDurableWriteServer(refDir);
  try {
    for (const [p, logs] of phases.entries()) {
      const bodies = bodiesOf[p] as string[][];
      const what = `${logs.length} log${logs.length > 1 ? 's' : ''}, one request each per ${ROUND_INTERVAL_MS} ms`;
      const groups: CpuGroups = { witness: [child.pid ?? 0], reference: [ref.pid] };
      const sample: Array<{ log: number; step: number; text: string }> = [];
      // Interleaved: the reference right before the witness, on the same bodies and pacing.
      reference.push(
        await drive(`durable-write server, ${what}`, ref.url, bodies, options.durationMs, groups, 'reference'),
      );
      const load = await drive(
        `witness, ${what}`,
        child.url,
        bodies,
        options.durationMs,
        groups,
        'witness',
        (log, step, text) => {
          if (sample.length < 50 && Math.random() < 0.05) sample.push({ log, step, text });
        },
      );
      witness.push(load);
      if (load.failed > 0) failures.push(`witness, ${what}: ${load.failed} requests failed`);
      for (const { log, step, text } of sample) {
        // The cosignature is over the checkpoint sent: the note after the body's blank line.
        const body = bodies[log]?.[step] ?? '';
        const note = body.slice(body.indexOf('\n\n') + 2);
        const check = checkCosignatures(
          `${note}${text}`,
          { witnesses: verifierKeys, quorum: 1 },
          {
            ignore: logs[log]?.verifierKey,
          },
        );
        if (check.satisfied && check.problems.length === 0) cosignaturesVerified++;
        else
          failures.push(`a cosignature from the witness did not verify (${what}): ${JSON.stringify(check.problems)}`);
      }
    }
  } finally {
    await child.close();
    await ref.stop();
    await rm(dir, { recursive: true, force: true });
    await rm(refDir, { recursive: true, force: true });
  }
  return { witness, reference, cosignaturesVerified, failures };
}
