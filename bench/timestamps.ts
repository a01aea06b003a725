/**
 * RFC 3161 trusted timestamps (issue #19: TSA token p99 with the built-in responder ≤ 50 ms).
 *
 * 1. The built-in responder (lib/anchor/rfc3161/responder.ts, in a process of its own as the
 *    portal's start would run it) under `--clients` (8) closed-loop clients for `--duration`
 *    (10 s): tokens/s and p50/p99 from POST to the whole answer, every answer checked to be a
 *    granted TimeStampResp (a sample checked fully with checkTimestampToken).
 *    Reference, same run, same clients, same request bytes: a bare node:http server in its own
 *    process answering fixed bytes of the same size as a token answer — what HTTP alone costs.
 * 2. The portal's side of one anchor: requestTimestamp (request, answer, full check against the
 *    pinned root), one at a time, p50/p99 — the figure the goal is about.
 * 3. checkTimestampToken in Node, one at a time, p50/p99 (the browser runs the same code).
 *
 * `npx tsx bench/timestamps.ts [--quick] [--duration 10000] [--clients 8] [--samples 500]`
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { checkTimestampToken } from '@/lib/anchor/rfc3161/check-token';
import { requestTimestamp } from '@/lib/anchor/rfc3161/request-timestamp';
import { OID_SHA256 } from '@/lib/anchor/rfc3161/tsp-oids';
import { runClosedLoop } from './lib/closed-loop';
import { machineInfo } from './lib/machine';
import { type Figure, printTable, writeReport } from './lib/report';
import { type LatencySummary, round, roundedSummary } from './lib/stats';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    duration: { type: 'string' },
    clients: { type: 'string' },
    samples: { type: 'string' },
  },
});
const quick = values.quick ?? false;
const durationMs = Number(values.duration ?? (quick ? 2000 : 10_000));
const warmupMs = quick ? 500 : 2000;
const clients = Number(values.clients ?? 8);
const samples = Number(values.samples ?? (quick ? 100 : 500));
const TSQ = 'application/timestamp-query';

interface Child {
  url: string;
  stop(): Promise<void>;
}

/** A node process running `args`, whose first stdout line is its URL. */
async function child(args: string[]): Promise<Child> {
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start within 30 s`)), 30_000);
    proc.stdout.once('data', (d: Buffer) => {
      clearTimeout(timer);
      resolve(String(d).trim());
    });
    proc.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code})`)));
  });
  return {
    url,
    async stop() {
      if (proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

const BARE_SERVER = (size: number) => `
const http = require('node:http');
const body = Buffer.alloc(${size}, 0x30);
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => { res.writeHead(200, { 'content-type': 'application/timestamp-reply', 'content-length': body.length }); res.end(body); });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write('http://127.0.0.1:' + server.address().port + '/\\n'));
`;

const agent = new http.Agent({ keepAlive: true, maxSockets: clients });

function post(url: string, body: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': TSQ, 'content-length': body.length }, timeout: 30_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`HTTP ${res.statusCode}`)),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

async function load(label: string, url: string, body: Uint8Array, check: (answer: Buffer) => void) {
  const request = async () => {
    check(await post(url, body));
    return 1;
  };
  await runClosedLoop({ concurrency: clients, maxRequests: 1e6, durationMs: warmupMs, request });
  const r = await runClosedLoop({ concurrency: clients, maxRequests: 2e6, durationMs, request });
  const perSecond = round((r.latenciesMs.length * 1000) / r.elapsedMs, 1);
  console.log(`${label}: ${perSecond}/s, ${r.failed} failed`, r.errors);
  return { perSecond, failed: r.failed, errors: r.errors, latency: roundedSummary(r.latenciesMs) };
}

async function sequential(n: number, f: () => Promise<unknown>): Promise<LatencySummary> {
  const times = new Float64Array(n);
  for (let i = 0; i < Math.min(20, n); i++) await f(); // warm-up
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f();
    times[i] = performance.now() - t;
  }
  return roundedSummary(times);
}

const startedAt = new Date().toISOString();
const machine = machineInfo();
const dir = await mkdtemp(path.join(tmpdir(), 'verity-bench-tsa-'));
const failures: string[] = [];
try {
  const responder = await child([
    '--import',
    'tsx',
    path.join(import.meta.dirname, 'lib/timestamp-responder-process.ts'),
    dir,
  ]);
  const rootPem = await readFile(path.join(dir, 'root.pem'), 'utf8');
  const data = new TextEncoder().encode(
    'verity.example/log\n1000\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n\n— log\n',
  );
  const request = new Uint8Array(
    new pkijs.TimeStampReq({
      version: 1,
      messageImprint: new pkijs.MessageImprint({
        hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID_SHA256 }),
        hashedMessage: new asn1js.OctetString({ valueHex: await crypto.subtle.digest('SHA-256', data) }),
      }),
      nonce: new asn1js.Integer({ value: 42 }),
      certReq: true,
    })
      .toSchema()
      .toBER(),
  );
  const sample = await post(responder.url, request);
  let checked = 0;
  // Per answer, cheaply (the load generator shares the cores): PKIStatusInfo { granted } where a
  // TimeStampResp has it (30 82 LL LL | 30 03 02 01 00) and a token's size after it (an ECDSA
  // signature's DER length varies by a byte or two, so not the exact size).
  const GRANTED = Buffer.from([0x30, 0x03, 0x02, 0x01, 0x00]);
  const granted = (answer: Buffer) => {
    if (answer.length < sample.length - 8 || !answer.subarray(4, 9).equals(GRANTED)) throw new Error('not granted');
  };
  const tokenOf = (answer: Buffer) =>
    new Uint8Array(
      pkijs.TimeStampResp.fromBER(new Uint8Array(answer)).timeStampToken?.toSchema().toBER() ?? new ArrayBuffer(0),
    );
  const token = tokenOf(sample);
  granted(sample);
  const tsa = await load(`built-in responder, ${clients} clients`, responder.url, request, granted);
  // ... and fully, a sample: the token inside must pass checkTimestampToken for `data`.
  for (let i = 0; i < 20; i++) {
    const c = await checkTimestampToken({
      token: tokenOf(await post(responder.url, request)),
      data,
      trustedRoots: [rootPem],
    });
    if (c.ok) checked++;
    else failures.push(`token ${i}: ${c.code} ${c.message}`);
  }
  const bare = await child(['-e', BARE_SERVER(sample.length)]);
  const reference = await load(
    `bare node:http (${sample.length}-byte answers), ${clients} clients`,
    bare.url,
    request,
    () => {},
  );
  await bare.stop();
  const viaClient = await sequential(samples, () =>
    requestTimestamp({ urls: [responder.url], data, trustedRoots: [rootPem] }),
  );
  const rawRoundTrip = await sequential(samples, () => post(responder.url, request));
  await responder.stop();
  const check = await sequential(samples, async () => {
    const c = await checkTimestampToken({ token, data, trustedRoots: [rootPem] });
    if (!c.ok) throw new Error(c.message);
  });

  const section = `RFC 3161, built-in responder, ${clients} clients`;
  const figures: Figure[] = [
    {
      section,
      metric: 'tokens/s',
      value: tsa.perSecond,
      unit: '/s',
      reference: { name: 'bare node:http, same-sized answers', value: reference.perSecond, unit: '/s' },
    },
    {
      section,
      metric: 'p50 latency',
      value: tsa.latency.p50Ms,
      unit: 'ms',
      reference: { name: 'bare node:http', value: reference.latency.p50Ms, unit: 'ms' },
    },
    {
      section,
      metric: 'p99 latency',
      value: tsa.latency.p99Ms,
      unit: 'ms',
      reference: { name: 'bare node:http', value: reference.latency.p99Ms, unit: 'ms' },
      goal: { op: '<=', value: 50 },
    },
    {
      section: 'requestTimestamp (request + full check), 1 at a time',
      metric: 'p99',
      value: viaClient.p99Ms,
      unit: 'ms',
      reference: { name: 'the POST alone', value: rawRoundTrip.p99Ms, unit: 'ms' },
      goal: { op: '<=', value: 50 },
    },
    { section: 'checkTimestampToken in Node', metric: 'p50', value: check.p50Ms, unit: 'ms' },
    { section: 'checkTimestampToken in Node', metric: 'p99', value: check.p99Ms, unit: 'ms' },
  ];
  printTable(figures);
  if (failures.length) console.log('FAILURES:', failures);
  const file = writeReport({
    name: 'timestamps',
    command: `npx tsx bench/timestamps.ts ${process.argv.slice(2).join(' ')}`.trim(),
    quick,
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: { ...machine, postgres: 'none' },
    figures,
    details: {
      responder: tsa,
      reference,
      requestTimestamp: viaClient,
      rawRoundTrip,
      checkToken: check,
      checked,
      failures,
    },
  });
  console.log(`written ${file}`);
} finally {
  agent.destroy();
  await rm(dir, { recursive: true, force: true });
}
