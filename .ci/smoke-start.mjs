#!/usr/bin/env node
/**
 * A newcomer's `npm start`, checked from the outside on whatever Node.js runs this script (CI runs
 * it on Node 24 as well as the suite's Node 20): a fresh data folder, the embedded PostgreSQL on a
 * free port, the demo seed, the build, the portal on a free port; then the public pages and the
 * ledger answer (a deposit with the demo API key is sealed and found again by its digest), the
 * three demo witnesses the banner lists cosign the portal's checkpoint, and
 * Ctrl-C stops everything with exit code 0. Exits non-zero, saying why, on any failure.
 *
 * Usage: node .ci/smoke-start.mjs   (from the repository root, after `npm ci`)
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const READY_TIMEOUT_MS = 15 * 60_000; // a first start builds the portal: minutes on a 2-core machine
const STOP_TIMEOUT_MS = 60_000;
const DEMO_API_KEY = 'vrt_demodemodemo_rW5Fj_JMb29TTzL_1nnDl2vjixm_pzPQZJpdrgNJzv4'; // README: demo only

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Whether any process of the group led by `pid` still runs. */
function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The processes still in the group, for the failure message (ps, as a person would look). */
function groupProcesses(pgid) {
  try {
    return execFileSync('ps', ['-o', 'pid,ppid,stat,etime,args', '-g', String(pgid)], { encoding: 'utf8' });
  } catch (error) {
    return `(ps failed: ${error.message})`;
  }
}

function fail(message) {
  throw new Error(message);
}

async function expectAnswer(url, init, check) {
  const response = await fetch(url, init);
  const text = await response.text();
  const problem = check(response, text);
  if (problem) fail(`${init?.method ?? 'GET'} ${url}: ${problem} (HTTP ${response.status}: ${text.slice(0, 300)})`);
  console.log(`smoke: ✓ ${init?.method ?? 'GET'} ${new URL(url).pathname}${new URL(url).search} → ${response.status}`);
  return { response, text };
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'verity-smoke-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  console.log(`smoke: npm start on Node ${process.version}, data in ${dataDir}, portal on ${base}`);
  const child = spawn('npm', ['start'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      VERITY_DATA_DIR: dataDir,
      VERITY_PG_PORT: String(await freePort()),
      VERITY_FRONT_WORKERS: '1',
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so a failure here can stop npm, tsx, Next.js and PostgreSQL at once
  });
  let output = '';
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('npm start did not print "Verity is ready" in time')),
      READY_TIMEOUT_MS,
    );
    const read = (chunk) => {
      process.stdout.write(chunk);
      output += chunk;
      if (output.includes('Verity is ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.setEncoding('utf8').on('data', read);
    child.stderr.setEncoding('utf8').on('data', read);
    exited.then(({ code, signal }) => reject(new Error(`npm start exited before it was ready (${code ?? signal})`)));
  });

  try {
    await ready;
    await expectAnswer(`${base}/api/health`, undefined, (r) => (r.status === 200 ? null : 'not healthy'));
    await expectAnswer(`${base}/verify`, undefined, (r, text) =>
      r.status === 200 && text.includes('<html') ? null : 'the public check page did not render',
    );
    const { text: checkpoint } = await expectAnswer(`${base}/api/v1/log/checkpoint`, undefined, (r, text) =>
      r.status === 200 && /^\S+\n\d+\n[A-Za-z0-9+/=]{44}\n/.test(text) ? null : 'no signed checkpoint',
    );
    // The three demo witnesses the banner lists (their own processes) know the log: the portal's checkpoint
    // is cosigned (200), or, once the log has asked them itself, answered with the size they last cosigned (409).
    const witnessUrls = [...output.matchAll(/^ {2}(http:\/\/127\.0\.0\.1:\d+) {2}示范\S+ \/ Demo /gm)].map((m) => m[1]);
    if (witnessUrls.length !== 3) fail(`the ready banner lists ${witnessUrls.length} demo witnesses, not 3`);
    if (!output.includes('Demo witnesses (fictitious institutions, run on this machine'))
      fail('the banner does not say the demo witnesses are fictitious institutions on this machine');
    for (const url of witnessUrls) {
      await expectAnswer(`${url}/add-checkpoint`, { method: 'POST', body: `old 0\n\n${checkpoint}` }, (r, text) =>
        (r.status === 200 && /^\u2014 verity\.localhost\/demo-witness\/\S+ \S+\n/.test(text)) ||
        (r.status === 409 && /^\d+\n$/.test(text))
          ? null
          : 'the demo witness did not cosign the portal’s checkpoint',
      );
    }
    const sha256 = createHash('sha256').update(randomBytes(64)).digest('hex');
    await expectAnswer(
      `${base}/api/v1/deposits`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${DEMO_API_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ digests: { sha256 }, title: 'smoke test' }),
      },
      (r, text) => (r.status === 201 && JSON.parse(text).digests?.sha256 === sha256 ? null : 'deposit not sealed'),
    );
    await expectAnswer(`${base}/api/v1/deposits?sha256=${sha256}`, undefined, (r, text) =>
      r.status === 200 && JSON.parse(text).deposits?.length === 1 ? null : 'the deposit was not found by its digest',
    );
    console.log('smoke: stopping with Ctrl-C (SIGINT)…');
    process.kill(-child.pid, 'SIGINT');
    const stop = await Promise.race([exited, new Promise((r) => setTimeout(() => r(null), STOP_TIMEOUT_MS))]);
    if (!stop) fail('npm start did not stop within a minute of Ctrl-C');
    // npm re-raises the signal it stopped on (a shell shows 130), so "killed by SIGINT" is npm's clean exit.
    if (stop.code !== 0 && stop.signal !== 'SIGINT')
      fail(`npm start exited with ${stop.code ?? stop.signal} after Ctrl-C`);
    if (!output.includes('Stopped.')) fail('npm start did not say "Stopped." after Ctrl-C');
    // Every process of the group gone within 10 s of npm's exit (one still finishing its own
    // exit a moment after npm's, on a busy machine, is named, not failed: it was seen once in CI
    // at the 1-s mark this check used to stop at, and never reproduced).
    const lingering = await new Promise((resolve) => {
      const started = Date.now();
      let seen = '';
      const poll = () => {
        if (!groupAlive(child.pid)) resolve(seen);
        else if (Date.now() - started > 10_000) resolve(null);
        else {
          if (!seen && Date.now() - started > 1000) seen = groupProcesses(child.pid);
          setTimeout(poll, 100);
        }
      };
      poll();
    });
    if (lingering === null)
      fail(
        `a process of npm start (Next.js, a front worker, a demo witness or PostgreSQL) outlived Ctrl-C by 10 s:\n${groupProcesses(child.pid)}`,
      );
    if (lingering) console.log(`smoke: these processes took more than 1 s to exit after npm did:\n${lingering}`);
    for (const url of witnessUrls) {
      if (
        await fetch(url).then(
          () => true,
          () => false,
        )
      )
        fail(`the demo witness at ${url} still answers after Ctrl-C`);
    }
    console.log(`smoke: ✓ stopped cleanly; npm start works on Node ${process.version}`);
  } finally {
    if (groupAlive(child.pid)) process.kill(-child.pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`smoke: ✗ ${error.message}`);
  process.exit(1);
});
