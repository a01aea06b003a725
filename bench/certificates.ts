/**
 * Certificates (issue #6): how long a clerk waits for "issue certificates for all exhibits" on a
 * 200-exhibit case (goal: under 60 s) and per certificate, then rendering every PDF and building
 * the case's ZIP — each beside references measured in the same run, so the ratios say where the
 * time goes: bare Ed25519 signing of the same canonical bodies (@noble/curves), the batched reads
 * and proofs alone (loadCertificateSources), the self-check alone (verifyCertificate), and the
 * PDF rendering alone (renderCertificatePdf) for the ZIP.
 *
 *   npm run bench:certificates [-- --quick] [--exhibits 200] [--runs 3] [--no-wait]
 *
 * In process, on an embedded PostgreSQL of its own (fresh, migrated), through the domain
 * functions the server actions and routes call; no HTTP. Each run is a new case with `--exhibits`
 * hash-only exhibits, each naming a sealed deposit of its own (consistent verdicts: every
 * certificate carries a leaf and an inclusion proof, the most expensive kind). Figures are the
 * median of the runs; every run is in the JSON.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ed25519 } from '@noble/curves/ed25519.js';
import { zipSync } from 'fflate';
import { generateNoteKeys } from '@/lib/tlog';
import { startEmbeddedDatabase } from '../scripts/lib/embedded-postgres';
import { freePort } from '../scripts/lib/free-port';
import { migrateDatabase } from '../scripts/lib/migrate';
import { type CpuGroups, measuredQuietly, postmasterPid } from './lib/cpu-accounting';
import { machineInfo } from './lib/machine';
import { type BenchReport, type Figure, publish } from './lib/report';
import { withClient } from './lib/seal-batches';
import { round } from './lib/stats';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    exhibits: { type: 'string' },
    runs: { type: 'string' },
    'no-wait': { type: 'boolean', default: false },
  },
  allowPositionals: false,
});
const quick = args.quick ?? false;
const positive = (v: string | undefined, fallback: number, name: string) => {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive whole number, got "${v}"`);
  return n;
};
const EXHIBITS = positive(args.exhibits, quick ? 20 : 200, 'exhibits');
const RUNS = positive(args.runs, quick ? 1 : 3, 'runs');
if (EXHIBITS > 1000) throw new Error('--exhibits: at most 1000 (one deposit batch)');
/** Before each measured phase, wait (bounded) for other people's work on the machine to stop. */
const QUIET_WAIT_MS = quick || args['no-wait'] ? 0 : 120_000;
const ORIGIN = 'https://verity.bench.example';
const GOAL_SECONDS = 60;

const startedAt = new Date().toISOString();
const machine = machineInfo();
const dataDir = await mkdtemp(path.join(tmpdir(), 'verity-bench-certificates-'));
console.log(`starting an embedded PostgreSQL in ${dataDir}…`);
const pg = await startEmbeddedDatabase({ dataDir, port: await freePort(), database: 'verity_bench' });
const stop = async () => {
  await pg.stop().catch(() => {});
  await rm(dataDir, { recursive: true, force: true });
};
process.once('SIGINT', () => void stop().finally(() => process.exit(130)));

try {
  await migrateDatabase(pg.url);
  // lib/ reads these when first used: set them before importing it.
  process.env.DATABASE_URL = pg.url;
  process.env.VERITY_LOG_SIGNER_KEY = generateNoteKeys('verity.bench/certificates').signerKey;
  process.env.VERITY_COURT_SIGNER_KEY = randomBytes(32).toString('base64');
  process.env.VERITY_API_KEY_PEPPER = randomBytes(32).toString('base64url');
  process.env.VERITY_EVIDENCE_DIR = path.join(dataDir, 'evidence');
  const { postmaster, version } = await withClient(pg.url, async (c) => {
    const { rows } = await c.query<{ pid: number; v: string }>(
      "SELECT pg_backend_pid() AS pid, current_setting('server_version') AS v",
    );
    return { postmaster: postmasterPid(rows[0]?.pid ?? 0), version: `PostgreSQL ${rows[0]?.v ?? '?'}` };
  });
  const groups: CpuGroups = { postgres: [postmaster] };
  const runs = [];
  for (let run = 1; run <= RUNS; run++) runs.push(await measureRun(run, groups));
  await (await import('../lib/db/pool')).getPool().end();
  publish(report(runs, version));
} finally {
  await stop();
}

interface Timed {
  ms: number;
  otherCores: number;
}

interface RunResult {
  run: number;
  setupSeconds: number;
  issued: number;
  skipped: number;
  issue: Timed;
  reads: Timed;
  bareSign: Timed;
  canonicalAndSign: Timed;
  selfCheck: Timed;
  render: Timed;
  zipSyncAlone: Timed;
  zipRoute: Timed;
  zipBytes: number;
  pdfBytesMedian: number;
  pdfBytesTotal: number;
}

/** Times `fn` after waiting (bounded) for a quiet machine; notes the cores others used meanwhile. */
function timer(groups: CpuGroups) {
  return async <T>(fn: () => Promise<T> | T): Promise<{ result: T } & Timed> => {
    let ms = 0;
    const { result, otherCores } = await measuredQuietly(groups, QUIET_WAIT_MS, async () => {
      const t0 = performance.now();
      const value = await fn();
      ms = performance.now() - t0;
      return value;
    });
    return { result, ms, otherCores };
  };
}

async function measureRun(run: number, cpuGroups: CpuGroups): Promise<RunResult> {
  const timed = timer(cpuGroups);
  const [
    { buildCourtroom, digestsOf, randomEvidence },
    { submitHashOnlyExhibit },
    { acceptDeposits },
    { buildDepositorOrg },
    { buildCase },
    { issueCaseCertificates },
    { loadCertificateSources },
    { readCertificates },
    { certificateSigningBytes },
    { signCertificate },
    { verifyCertificate },
    { renderCertificatePdf },
    { getCaseCertificatesZip },
    { certificateCheckUrl },
    { courtSigner },
    { logSigner },
  ] = await Promise.all([
    import('../lib/exhibits/exhibits.testing'),
    import('../lib/exhibits/submit-exhibit'),
    import('../lib/ledger/accept-deposits'),
    import('../lib/ledger/ledger.testing'),
    import('../test/builders'),
    import('../lib/certificates/issue-case-certificates'),
    import('../lib/certificates/load-certificate-sources'),
    import('../lib/certificates/read-certificates'),
    import('../lib/certificates/format/canonical'),
    import('../lib/certificates/format/sign-certificate'),
    import('../lib/certificates/format/verify-certificate'),
    import('../lib/certificates/pdf/render-pdf'),
    import('../lib/certificates/get-case-certificates-zip'),
    import('../lib/certificates/check-url'),
    import('../lib/certificates/court-signer'),
    import('../lib/ledger/log-signer'),
  ]);

  console.log(`run ${run}/${RUNS}: a case with ${EXHIBITS} exhibits on sealed deposits…`);
  const t0 = performance.now();
  const room = await buildCourtroom();
  const { id: caseId } = await buildCase(room.court.id, [
    { userId: room.plaintiff.user.id, role: 'plaintiff' },
    { userId: room.clerk.user.id, role: 'clerk' },
  ]);
  const files = Array.from({ length: EXHIBITS }, () => randomEvidence(1024));
  const { receipts } = await acceptDeposits({
    org: await buildDepositorOrg(),
    requests: files.map((bytes, i) => ({ digests: digestsOf(bytes), title: `bench evidence ${i + 1}` })),
    wait: true,
  });
  for (const [i, bytes] of files.entries()) {
    await submitHashOnlyExhibit(room.plaintiff.actor, caseId, {
      title: `证据 ${i + 1}`,
      fileName: `evidence-${i + 1}.pdf`,
      size: bytes.length,
      ...digestsOf(bytes),
      claimedDepositId: receipts[i]?.id ?? '',
    });
  }
  const setupSeconds = round((performance.now() - t0) / 1000, 1);
  console.log(`  set up in ${setupSeconds} s; measuring…`);

  const reads = await timed(() => loadCertificateSources({ caseId }));
  const issue = await timed(() => issueCaseCertificates(room.clerk.actor, caseId));
  console.log(
    `  issueCaseCertificates: ${issue.result.issued.length} in ${round(issue.ms / 1000, 2)} s ` +
      `(${round(issue.ms / Math.max(1, issue.result.issued.length), 1)} ms each)`,
  );

  const records = await readCertificates({ caseId });
  const seed = courtSigner().seed;
  const bodies = records.map((r) => r.body);
  const signingBytes = bodies.map((b) => certificateSigningBytes(b));
  const bareSign = await timed(() => {
    for (const bytes of signingBytes) ed25519.sign(bytes, seed);
  });
  const canonicalAndSign = await timed(() => {
    for (const body of bodies) signCertificate(body, seed);
  });
  const keys = { courtPublicKey: courtSigner().publicKey, logVerifierKey: logSigner().verifierKey };
  const selfCheck = await timed(() => {
    for (const r of records) {
      if (!verifyCertificate(r.file, keys).ok) throw new Error(`certificate ${r.number} does not verify`);
    }
  });
  // Unmeasured: the first render in a process parses the ~30 MB of fonts (pdf-fonts.ts), once.
  for (const r of records.slice(0, 2)) await renderCertificatePdf(r.file, { checkUrl: ORIGIN, status: 'valid' });
  const render = await timed(async () => {
    const pdfs: Uint8Array[] = [];
    for (const r of records) {
      pdfs.push(await renderCertificatePdf(r.file, { checkUrl: certificateCheckUrl(ORIGIN, r.id), status: 'valid' }));
    }
    return pdfs;
  });
  const zipSyncAlone = await timed(() =>
    zipSync(Object.fromEntries(render.result.map((pdf, i) => [`${i}.pdf`, [pdf, { level: 0 }]]))),
  );
  const zipRoute = await timed(() => getCaseCertificatesZip(room.clerk.actor, caseId, { origin: ORIGIN }));
  if (zipRoute.result.manifest.files.length !== records.length) throw new Error('the ZIP misses certificates');
  const sizes = render.result.map((p) => p.length).sort((a, b) => a - b);
  const strip = <T extends Timed>({ ms, otherCores }: T): Timed => ({ ms: round(ms, 1), otherCores });
  return {
    run,
    setupSeconds,
    issued: issue.result.issued.length,
    skipped: issue.result.skipped.length,
    issue: strip(issue),
    reads: strip(reads),
    bareSign: strip(bareSign),
    canonicalAndSign: strip(canonicalAndSign),
    selfCheck: strip(selfCheck),
    render: strip(render),
    zipSyncAlone: strip(zipSyncAlone),
    zipRoute: strip(zipRoute),
    zipBytes: zipRoute.result.bytes.length,
    pdfBytesMedian: sizes[Math.floor(sizes.length / 2)] ?? 0,
    pdfBytesTotal: sizes.reduce((a, b) => a + b, 0),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function report(runs: RunResult[], postgres: string): BenchReport {
  const n = EXHIBITS;
  const med = (pick: (r: RunResult) => Timed) => median(runs.map((r) => pick(r).ms));
  // Other load beside a median: the median over the runs of each run's worst phase among `picks`
  // (every run is in the JSON with its own figure).
  const other = (...picks: Array<(r: RunResult) => Timed>) =>
    round(median(runs.map((r) => Math.max(0, ...picks.map((p) => p(r).otherCores).filter(Number.isFinite)))), 2);
  const section = `${n}-exhibit case, consistent verdicts${RUNS > 1 ? ` (median of ${RUNS} runs)` : ''}`;
  const issue = med((r) => r.issue);
  const figures: Figure[] = [
    {
      section: `issueCaseCertificates, ${section}`,
      metric: `time for all ${n}`,
      value: round(issue / 1000, 2),
      unit: 's',
      reference: {
        name: `bare Ed25519 signing of the ${n} canonical bodies`,
        value: round(med((r) => r.bareSign) / 1000, 3),
        unit: 's',
      },
      goal: { op: '<=', value: GOAL_SECONDS },
      otherCores: other(
        (r) => r.issue,
        (r) => r.bareSign,
      ),
    },
    {
      section: `issueCaseCertificates, ${section}`,
      metric: 'time per certificate',
      value: round(issue / n, 1),
      unit: 'ms',
      reference: { name: 'bare Ed25519 signing per body', value: round(med((r) => r.bareSign) / n, 2), unit: 'ms' },
      otherCores: other(
        (r) => r.issue,
        (r) => r.bareSign,
      ),
    },
    {
      section: `where issuing's time goes, ${section}`,
      metric: 'reads and proofs alone (loadCertificateSources)',
      value: round(
        med((r) => r.reads),
        0,
      ),
      unit: 'ms',
      reference: { name: 'whole issueCaseCertificates', value: round(issue, 0), unit: 'ms' },
      otherCores: other((r) => r.reads),
    },
    {
      section: `where issuing's time goes, ${section}`,
      metric: `validate + canonicalise + sign ×${n} (signCertificate)`,
      value: round(
        med((r) => r.canonicalAndSign),
        0,
      ),
      unit: 'ms',
      reference: { name: 'whole issueCaseCertificates', value: round(issue, 0), unit: 'ms' },
      otherCores: other((r) => r.canonicalAndSign),
    },
    {
      section: `where issuing's time goes, ${section}`,
      metric: `self-check ×${n} (verifyCertificate, court + log keys)`,
      value: round(
        med((r) => r.selfCheck),
        0,
      ),
      unit: 'ms',
      reference: { name: 'whole issueCaseCertificates', value: round(issue, 0), unit: 'ms' },
      otherCores: other((r) => r.selfCheck),
    },
    {
      section: `PDFs and the ZIP, ${section}`,
      metric: `rendering ${n} PDFs (renderCertificatePdf), per PDF`,
      value: round(med((r) => r.render) / n, 1),
      unit: 'ms',
      reference: { name: 'bare Ed25519 signing per body', value: round(med((r) => r.bareSign) / n, 2), unit: 'ms' },
      otherCores: other((r) => r.render),
    },
    {
      section: `PDFs and the ZIP, ${section}`,
      metric: 'the case ZIP (getCaseCertificatesZip: render, zip, custody events)',
      value: round(med((r) => r.zipRoute) / 1000, 2),
      unit: 's',
      reference: { name: `rendering the ${n} PDFs alone`, value: round(med((r) => r.render) / 1000, 2), unit: 's' },
      otherCores: other(
        (r) => r.zipRoute,
        (r) => r.render,
      ),
    },
    {
      section: `PDFs and the ZIP, ${section}`,
      metric: 'ZIP size',
      value: round(median(runs.map((r) => r.zipBytes)) / 2 ** 20, 1),
      unit: 'MiB',
      reference: {
        name: `the ${n} PDFs together`,
        value: round(median(runs.map((r) => r.pdfBytesTotal)) / 2 ** 20, 1),
        unit: 'MiB',
      },
    },
  ];
  return {
    name: 'certificates',
    command: `npx tsx --conditions=react-server bench/certificates.ts${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`,
    quick,
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: { ...machine, postgres },
    figures,
    details: {
      exhibits: EXHIBITS,
      runs,
      failures: runs.filter((r) => r.issued !== EXHIBITS).map((r) => `run ${r.run}: issued ${r.issued} of ${EXHIBITS}`),
    },
  };
}
