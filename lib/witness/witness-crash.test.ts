/**
 * Crash test (issue #18, acceptance): the real `verity witness serve` in a child process gets a
 * stream of concurrent add-checkpoint requests from two diverging histories of each of its logs,
 * and is killed with SIGKILL at random moments, then restarted on the same directory, several
 * rounds. Every 200's cosignature is collected and verified; at the end, all the checkpoints it
 * cosigned for a log must be pairwise consistent (one history, checked against the tree data), and
 * after every kill each state file must parse (never torn), never be behind a cosignature already
 * received, and never move backwards across a restart.
 *
 * The seed is printed; set WITNESS_CRASH_SEED to replay the choices (not the kill timing).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bytesEqual, bytesToBase64, checkCosignatures } from '@/lib/tlog';
import { prng } from '@/lib/tlog/testing/reference-tree';
import { makeWitnessDir, TestLog } from './witness.testing';
import { parseState } from './witness-state';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ROUNDS = 5;
const SHARED = 8;
const FINAL = 160;

interface Cosigned {
  origin: string;
  size: number;
  root: Uint8Array;
}

interface LogPair {
  origin: string;
  histories: [TestLog, TestLog];
  known: number;
}

let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill('SIGKILL');
});

function startChild(dir: string): Promise<{ url: string; process: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ['bin/verity.mjs', 'witness', 'serve', '--dir', dir, '--port', '0', '--rate', '100000', '--burst', '100000'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_ignore_scripts: 'true' } },
    );
    child = proc;
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`witness did not start: ${out}${err}`)), 60_000);
    proc.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ url: match[1], process: proc });
      }
    });
    proc.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!/listening/.test(out)) reject(new Error(`witness exited (${code ?? signal}): ${err}`));
    });
  });
}

function killed(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    proc.once('exit', () => resolve());
    proc.kill('SIGKILL');
  });
}

/** The history whose root at `size` is `root`, if any. */
function historyOf(pair: LogPair, size: number, root: Uint8Array): TestLog | undefined {
  return pair.histories.find((h) => bytesEqual(h.root(size), root));
}

async function readStates(dir: string): Promise<Map<string, { size: bigint; root: Uint8Array }>> {
  const states = new Map<string, { size: bigint; root: Uint8Array }>();
  for (const name of await readdir(path.join(dir, 'state'))) {
    if (!name.endsWith('.json')) continue; // temporaries a kill left behind are not the state
    const state = parseState(await readFile(path.join(dir, 'state', name), 'utf8'), name);
    states.set(state.origin, { size: state.size, root: state.rootHash });
  }
  return states;
}

describe('witness crash test', () => {
  it('never cosigns two inconsistent checkpoints across kill -9 and restarts', { timeout: 300_000 }, async () => {
    const seed = Number(process.env.WITNESS_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
    console.log(`witness crash test seed ${seed}`);
    const random = prng(seed);
    const pairs: LogPair[] = ['log.example/crash-a', 'log.example/crash-b'].map((origin) => {
      const a = new TestLog(origin).grow(SHARED);
      const b = a.fork();
      a.grow(FINAL - SHARED);
      b.grow(FINAL - SHARED);
      return { origin, histories: [a, b], known: 0 };
    });
    const { dir, verifierKeys } = await makeWitnessDir(pairs.map((p) => p.histories[0]));
    const cosigned: Cosigned[] = [];
    let lastStates = new Map<string, { size: bigint; root: Uint8Array }>();
    const counts = { 200: 0, 409: 0, 422: 0, failed: 0 };

    for (let round = 0; round < ROUNDS; round++) {
      const { url, process: proc } = await startChild(dir);
      let stop = false;
      // The kill's random delay starts at the round's first cosignature, so a slow machine still
      // sees requests answered (and cut off) in every round.
      let firstCosigned: () => void = () => undefined;
      const cosignedOnce = new Promise<void>((resolve) => {
        firstCosigned = resolve;
      });
      const worker = async () => {
        while (!stop) {
          const pair = pairs[Math.floor(random() * pairs.length)] as LogPair;
          const history = pair.histories[Math.floor(random() * 2)] as TestLog;
          const old = pair.known;
          const size = Math.min(FINAL, old + Math.floor(random() * 6));
          let res: Response;
          try {
            res = await fetch(`${url}/add-checkpoint`, { method: 'POST', body: history.request(old, size) });
          } catch {
            counts.failed++;
            return; // killed under us: the outcome of this request is unknown, and no answer came
          }
          const text = await res.text().catch(() => undefined);
          if (text === undefined) return;
          if (res.status === 200) {
            const check = checkCosignatures(
              `${history.checkpoint(size)}${text}`,
              { witnesses: verifierKeys, quorum: 1 },
              { ignore: history.verifierKey },
            );
            expect(check.satisfied, text).toBe(true);
            cosigned.push({ origin: pair.origin, size, root: history.root(size) });
            pair.known = Math.max(pair.known, size);
            counts[200]++;
            firstCosigned();
          } else if (res.status === 409) {
            pair.known = Number(text.trim());
            counts[409]++;
          } else {
            expect(res.status, text).toBe(422);
            counts[422]++;
          }
          if (pair.known >= FINAL) pair.known = FINAL;
        }
      };
      const workers = Array.from({ length: 4 }, worker);
      await Promise.race([cosignedOnce, new Promise((resolve) => setTimeout(resolve, 60_000))]);
      await new Promise((resolve) => setTimeout(resolve, random() * 1200));
      await killed(proc);
      stop = true;
      await Promise.all(workers);

      // The state after the kill: whole, not behind any answer received, not moved back.
      const states = await readStates(dir);
      for (const pair of pairs) {
        const state = states.get(pair.origin);
        const mine = cosigned.filter((c) => c.origin === pair.origin);
        if (mine.length === 0) continue;
        expect(state, pair.origin).toBeDefined();
        if (!state) continue;
        const newest = Math.max(...mine.map((c) => c.size));
        expect(Number(state.size)).toBeGreaterThanOrEqual(newest);
        const before = lastStates.get(pair.origin);
        if (before) expect(state.size >= before.size).toBe(true);
        const history = historyOf(pair, Number(state.size), state.root);
        expect(history, `${pair.origin}: the state root belongs to neither history`).toBeDefined();
        for (const c of mine)
          expect(bytesToBase64(history?.root(c.size) ?? new Uint8Array())).toBe(bytesToBase64(c.root));
      }
      lastStates = states;
    }

    console.log(`witness crash test: ${JSON.stringify(counts)}, ${cosigned.length} cosignatures`);
    expect(counts[200]).toBeGreaterThan(ROUNDS);
    expect(counts[422]).toBeGreaterThan(0); // the other history was tried, and refused
    // Pairwise consistency of everything it cosigned, per log, against the tree data.
    for (const pair of pairs) {
      const mine = cosigned.filter((c) => c.origin === pair.origin);
      for (const x of mine) {
        for (const y of mine) {
          if (x.size > y.size) continue;
          const history = historyOf(pair, y.size, y.root);
          expect(history).toBeDefined();
          expect(bytesEqual(history?.root(x.size) ?? new Uint8Array(), x.root), `${x.size} vs ${y.size}`).toBe(true);
        }
      }
    }
  });
});
