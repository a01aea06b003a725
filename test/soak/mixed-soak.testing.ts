/**
 * The mixed soak (issue #21, "Faults to survive"): deposits (waiting and queued, single and
 * batches), lookups (by ID, by digest, checkpoints with consistency proofs), evidence uploads by
 * a signed-in litigant (the browser's upload client, lib/evidence/upload-client.ts, run in Node),
 * page views (public and signed-in) and deposit certificate downloads, against every server of a
 * cluster for `seconds`, with the memory of each server process and of PostgreSQL sampled
 * throughout. Then every queued deposit must be sealed, sampled receipts re-read at their index,
 * and every checkpoint anyone was handed consistent with the final one.
 *
 * Shared by test/soak/mixed-soak.test.ts (a short run in CI) and bench/soak.ts (30 minutes).
 */
import { randomBytes, randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { uploadFile } from '@/lib/evidence/upload-client';
import { hashBytes } from '@/lib/hashing';
import type { Cluster } from '../cluster/cluster';
import { type MemorySeries, postgresKb, processKb, processName, sampleMemory } from './memory-sampler.testing';
import { createPortalPeople, signIn } from './portal-users.testing';
import {
  CheckpointChain,
  checkAllConsistentWith,
  forEachLimit,
  LogVerifier,
  messageOf,
  pick,
  randomDepositRequest,
  runLoops,
  type SealedReceipt,
  SoakHttp,
  sleep,
  unsealed,
  VerityApi,
  withClient,
} from './soak.testing';

export interface MixedSoakOptions {
  seconds: number;
  /** Concurrent loops per kind of work (defaults: a steady load a 2-core machine carries). */
  loops?: Partial<Record<Kind, number>>;
  sampleEveryMs?: number;
  /** Upload sizes, bytes (default 16 KiB to 2 MiB). */
  uploadBytes?: [number, number];
  log?: (line: string) => void;
}

type Kind = 'depositors' | 'lookups' | 'uploaders' | 'pages' | 'certificates';

const DEFAULT_LOOPS: Record<Kind, number> = { depositors: 6, lookups: 4, uploaders: 1, pages: 2, certificates: 1 };
const MAX_ITERATIONS = 10_000_000;
/** Deposits kept for lookups and certificates (a ring: the run's memory stays flat too). */
const KEEP = 2000;

export interface MixedSoakResult {
  http: SoakHttp;
  verifier: LogVerifier;
  /** Anything that went wrong that is not a fault injected: the run fails on any. */
  failures: string[];
  memory: MemorySeries[];
  accepted: number;
  uploads: number;
  uploadBytes: number;
  seconds: number;
  /**
   * The largest amount a leaf's deposit time is earlier than the leaf before it: times are taken
   * when a deposit is accepted, leaves ordered when sealed, so concurrent requests cross by up to
   * the time between the two (a queued deposit's wait). Never a clock step (deposit-clock.ts).
   */
  largestStepBackMs: number;
}

export async function runMixedSoak(cluster: Cluster, options: MixedSoakOptions): Promise<MixedSoakResult> {
  const log = options.log ?? (() => {});
  const loops = { ...DEFAULT_LOOPS, ...options.loops };
  const urls = cluster.servers.map((s) => s.url);
  const http = new SoakHttp();
  const api = new VerityApi(http, cluster.apiKey);
  const verifier = new LogVerifier(cluster.logVerifierKey);
  const failures: string[] = [];
  const fail = (what: string, error: unknown) => {
    if (failures.length < 200) failures.push(`${what}: ${messageOf(error)}`);
  };

  const people = await createPortalPeople(cluster.databaseUrl, cluster.orgId);
  const litigantCookies = await Promise.all(urls.map((u) => signIn(u, people.litigant)));
  const depositorCookies = await Promise.all(urls.map((u) => signIn(u, people.depositor)));

  const postmaster = await withClient(cluster.databaseUrl, async (db) => {
    const { rows } = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    return parentOf(rows[0]?.pid ?? 0);
  });
  const memory = sampleMemory(
    [
      ...cluster.servers.flatMap((server, i) =>
        server.pids().map((pid) => ({
          name: `server ${i + 1} ${processName(pid)} (pid ${pid})`,
          kb: () => processKb(pid),
        })),
      ),
      { name: `PostgreSQL (postmaster ${postmaster} + backends' private)`, kb: () => postgresKb(postmaster) },
    ],
    options.sampleEveryMs ?? 2000,
  );

  const ids: string[] = [];
  const sealedForCertificates: string[] = [];
  const keep = (list: string[], id: string) => {
    list.push(id);
    if (list.length > KEEP) list.splice(0, list.length - KEEP);
  };
  let accepted = 0;
  const queued = new Set<string>();
  const sampled: SealedReceipt[] = [];
  let uploads = 0;
  let uploadBytes = 0;

  const start = Date.now();
  const stop = () => Date.now() - start >= options.seconds * 1000;
  const server = (i: number) => urls[i % urls.length] as string;
  const lastProgress = { at: start };
  const progress = setInterval(() => {
    const s = Math.round((Date.now() - start) / 1000);
    if (Date.now() - lastProgress.at >= 60_000) {
      lastProgress.at = Date.now();
      log(
        `  soak: ${s} s, ${accepted} deposits, ${uploads} uploads, ${failures.length} failures, ${http.serverErrors.length} 5xx`,
      );
    }
  }, 5000);
  progress.unref();

  const depositors = runLoops(loops.depositors, MAX_ITERATIONS, stop, async (loop, i) => {
    const wait = randomInt(4) !== 0;
    const batch = randomInt(10) === 0;
    const requests = Array.from({ length: batch ? 1 + randomInt(20) : 1 }, randomDepositRequest);
    try {
      const receipts = await api.deposit(server(loop + i), requests, { wait, batch });
      accepted += receipts.length;
      for (const r of receipts) {
        keep(ids, r.id);
        if (r.status === 'sealed') {
          if (randomInt(20) === 0) verifier.receipt(r, { full: randomInt(10) === 0 });
          if (sampled.length < 500 && randomInt(20) === 0) sampled.push(r);
          keep(sealedForCertificates, r.id);
        } else {
          queued.add(r.id);
        }
      }
    } catch (error) {
      fail(`deposit (loop ${loop})`, error);
    }
  });

  const lookups = runLoops(loops.lookups, MAX_ITERATIONS, stop, async (loop, i) => {
    const base = server(loop + i);
    const chain = new CheckpointChain(verifier, api);
    try {
      const choice = randomInt(3);
      const id = pick(ids);
      if (choice === 0 && id) {
        const r = await api.receipt(base, id);
        if (r.status === 'sealed') await chain.observe(verifier.receipt(r), base);
      } else if (choice === 1) {
        const digest = randomDepositRequest().digests;
        const found = await api.byDigest(base, digest.sha256 ? 'sha256' : 'sm3', digest.sha256 ?? digest.sm3 ?? '');
        if (found.length > 0) throw new Error('a random digest was found in the log');
      } else {
        await chain.observe(verifier.checkpoint(await api.checkpoint(base)), base);
      }
    } catch (error) {
      fail(`lookup (loop ${loop})`, error);
    }
  });

  const [minBytes, maxBytes] = options.uploadBytes ?? [16 * 1024, 2 * 1024 * 1024];
  const uploaders = runLoops(loops.uploaders, MAX_ITERATIONS, stop, async (loop, i) => {
    const index = (loop + i) % urls.length;
    const bytes = randomBytes(minBytes + randomInt(maxBytes - minBytes + 1));
    try {
      const digests = await hashBytes(bytes, ['sha256', 'sm3']);
      const send = http.fetchAs('upload (POST, PATCH…)');
      const cookie = litigantCookies[index] as string;
      const result = await uploadFile(new Blob([bytes], { type: 'application/octet-stream' }), {
        caseId: people.caseId,
        sha256: digests.sha256 as string,
        sm3: digests.sm3 as string,
        baseUrl: urls[index],
        maxRetries: 0,
        fetch: (input, init) => send(input, { ...init, headers: { ...(init?.headers as object), cookie } }),
      });
      if (result.size !== bytes.length || result.sha256 !== digests.sha256 || result.sm3 !== digests.sm3) {
        throw new Error(`upload ${result.id}: the server stored other bytes than were sent`);
      }
      uploads++;
      uploadBytes += bytes.length;
    } catch (error) {
      fail(`upload (loop ${loop})`, error);
    }
  });

  const pagePaths = ['/', '/verify', '/ledger', `/cases/${people.caseId}`, '/deposit/history'];
  const pages = runLoops(loops.pages, MAX_ITERATIONS, stop, async (loop, i) => {
    const index = (loop + i) % urls.length;
    const path = pagePaths[i % pagePaths.length] as string;
    const cookie = path === '/deposit/history' ? depositorCookies[index] : litigantCookies[index];
    const outcome = await http.send(
      `GET page ${path.startsWith('/cases/') ? '/cases/[id]' : path}`,
      `${urls[index]}${path}`,
      {
        headers: { cookie: cookie as string, 'accept-language': randomInt(2) ? 'en' : 'zh-CN' },
      },
    );
    if (outcome.kind === 'network') fail(`page ${path}`, outcome.error);
    else if (outcome.status !== 200) fail(`page ${path}`, `answered ${outcome.status}`);
  });

  const certificates = runLoops(loops.certificates, MAX_ITERATIONS, stop, async (loop, i) => {
    const index = (loop + i) % urls.length;
    // Distinct IDs: a certificate names each deposit once (the server answers 422 otherwise).
    const chosen = [...new Set(Array.from({ length: 1 + randomInt(3) }, () => pick(sealedForCertificates)))].filter(
      Boolean,
    );
    if (chosen.length === 0) return sleep(100);
    const query = chosen.map((id) => `id=${id}`).join('&');
    const outcome = await http.send('GET deposit certificate (PDF)', `${urls[index]}/deposit/certificate?${query}`, {
      headers: { cookie: depositorCookies[index] as string },
    });
    if (outcome.kind === 'network') fail('certificate', outcome.error);
    else if (outcome.status !== 200 || !outcome.text.startsWith('%PDF-')) {
      fail('certificate', `answered ${outcome.status}: ${outcome.text.slice(0, 200)}`);
    }
  });

  await Promise.all([depositors, lookups, uploaders, pages, certificates]);
  clearInterval(progress);
  const seconds = (Date.now() - start) / 1000;
  const series = memory.stop();

  // Every queued deposit sealed; sampled receipts re-read at their index; every checkpoint consistent.
  let left = [...queued];
  for (const deadline = Date.now() + 30_000; left.length > 0 && Date.now() < deadline; ) {
    left = await unsealed(cluster.databaseUrl, left);
    if (left.length > 0) await sleep(200);
  }
  if (left.length > 0) fail('queued deposits', `${left.length} still unsealed 30 s after the run`);
  try {
    const base = urls[0] as string;
    await forEachLimit(sampled, 4, async (r) => {
      const fresh = await api.receipt(base, r.id);
      if (fresh.status !== 'sealed' || fresh.leafIndex !== r.leafIndex) {
        fail('re-read', `${r.id} was sealed at ${r.leafIndex}, now ${fresh.status}`);
      } else verifier.receipt(fresh);
    });
    const latest = verifier.checkpoint(await api.checkpoint(base));
    await checkAllConsistentWith(api, verifier, latest, urls);
    if (verifier.forks.length > 0) fail('forks', verifier.forks.join('; '));
    log(`  soak: final size ${latest.size}+, ${verifier.bySize.size} checkpoints seen, all consistent`);
  } catch (error) {
    fail('final checks', error);
  }
  const largestStepBackMs = await withClient(cluster.databaseUrl, async (db) => {
    // Leaves are in sealing order, times are taken at acceptance: concurrent requests may cross.
    const { rows } = await db.query<{ ms: string | null }>(
      `SELECT max(extract(epoch FROM prev - t) * 1000)::text AS ms FROM (
         SELECT d.deposited_at AS t, lag(d.deposited_at) OVER (ORDER BY l.leaf_index) AS prev
         FROM log_leaves l JOIN deposits d ON d.id = l.deposit_id) s`,
    );
    return Math.max(0, Number(rows[0]?.ms ?? 0));
  });
  log(`  soak: largest step back of deposit time between consecutive leaves: ${largestStepBackMs.toFixed(0)} ms`);
  return { http, verifier, failures, memory: series, accepted, uploads, uploadBytes, seconds, largestStepBackMs };
}

function parentOf(pid: number): number {
  // /proc/<pid>/stat: "pid (comm) state ppid …"
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[1]);
}
