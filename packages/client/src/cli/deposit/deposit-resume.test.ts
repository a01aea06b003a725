/**
 * The acceptance of #20's resume: `verity deposit` as a real child process (bin/verity.mjs, what
 * `npx verity` runs) on 2,000 files in batches of 100, killed with SIGKILL once the portal holds
 * some of its deposits; run again, it finishes with every file deposited exactly once (counted on
 * the server, per digest), every receipt written — and the receipts verify with Go's
 * golang.org/x/mod/sumdb (tools/go-verify) as well as with `verity verify --offline`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '@/test/imports';
import { buildGoVerifier } from '@/tools/go-verify/build';
import { verifyReceiptWithGo } from '@/tools/go-verify/run';
import { startTestPortal, type TestPortal } from '../../sdk/portal.testing';
import { nodeCliDeps } from '../main';
import { runVerityCli } from '../run-verity-cli';

const FILES = 2_000;
let portal: TestPortal;
let logKey: string;
let dir: string;

beforeAll(async () => {
  portal = await startTestPortal();
  logKey = (await (await fetch(`${portal.url}/api/v1/log/key`)).text()).trim();
  dir = await mkdtemp(path.join(tmpdir(), 'verity-resume-'));
  for (let folder = 0; folder < 20; folder++) {
    await mkdir(path.join(dir, `folder-${folder}`));
    await Promise.all(
      Array.from({ length: FILES / 20 }, (_, i) =>
        writeFile(path.join(dir, `folder-${folder}`, `file-${i}.txt`), `file ${folder}/${i} ${Math.random()}`),
      ),
    );
  }
}, 60_000);
afterAll(async () => {
  await portal?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('verity deposit, killed and run again', () => {
  it('deposits every file exactly once, with a receipt each, that Go verifies too', async () => {
    const env = { ...process.env, VERITY_URL: portal.url, VERITY_API_KEY: portal.apiKey, VERITY_LOG_KEY: logKey };
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/verity.mjs'), 'deposit', '.', '--batch-size', '100'], {
      cwd: dir,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    const exit = exited(child);
    // Killed as soon as the portal holds some of its deposits: mid-run.
    const deadline = Date.now() + 60_000;
    while ((await portal.countDeposits(portal.orgId)) < 150) {
      if (Date.now() > deadline) throw new Error(`the deposit never started: ${stderr}`);
      if (child.exitCode !== null) throw new Error(`the deposit ended before it could be killed: ${stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    await exit;
    const afterKill = await portal.countDeposits(portal.orgId);
    expect(afterKill).toBeGreaterThanOrEqual(150);
    expect(afterKill).toBeLessThan(FILES);

    const resumed = await runVerityCli(['deposit', '.', '--batch-size', '100'], {
      ...nodeCliDeps(),
      print: undefined,
      progress: undefined,
      cwd: dir,
      env,
    });
    expect(resumed.stderr).toEqual([]);
    expect(resumed.exitCode).toBe(0);

    const counts = await portal.countsBySha256(portal.orgId);
    expect(counts.size).toBe(FILES);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    await expect(stat(path.join(dir, '.verity-deposit-journal.jsonl'))).rejects.toThrow();

    const receipts: string[] = [];
    for (let folder = 0; folder < 20; folder++) {
      for (let i = 0; i < FILES / 20; i++) receipts.push(`folder-${folder}/file-${i}.txt`);
    }
    const ids = new Set<string>();
    for (const file of receipts) {
      const receipt = JSON.parse(await readFile(path.join(dir, `${file}.verity-receipt.json`), 'utf8'));
      ids.add(receipt.id);
    }
    expect(ids.size).toBe(FILES);

    // A sample verifies with `verity verify --offline` and with Go's sumdb code.
    const go = await buildGoVerifier();
    for (const file of [receipts[0], receipts[777], receipts.at(-1)] as string[]) {
      const verified = await runVerityCli(['verify', file, '--offline'], { ...nodeCliDeps(), cwd: dir, env });
      expect(verified.exitCode, verified.stderr.join('\n')).toBe(0);
      if (go || process.env.CI) {
        const text = await readFile(path.join(dir, `${file}.verity-receipt.json`), 'utf8');
        const result = await verifyReceiptWithGo(go as string, text, logKey);
        expect(result.stderr).toBe('');
        expect(result.ok).toBe(true);
      }
    }
  }, 180_000);
});
