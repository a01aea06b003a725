/**
 * `verity verify` in process against the real portal (portal.testing.ts): a file deposited with
 * the SDK, its receipt written beside it, then checked offline and online — exit 0 verified, 1 a
 * changed file or a receipt the portal does not know, 2 usage (no file, no pinned key offline,
 * no receipt), 3 the portal down — and once as a real `node bin/verity.mjs verify` process.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCheckpoint, signNote, verifierKeyFromSignerKey } from '@/lib/tlog';
import { deadAddress, startTestPortal, type TestPortal } from '../../sdk/portal.testing';
import { VerityClient } from '../../sdk/verity-client';
import type { CliDeps } from '../command';
import { nodeCliDeps } from '../main';
import { runVerityCli } from '../run-verity-cli';

const ROOT = path.resolve(import.meta.dirname, '../../../../..');
let portal: TestPortal;
let dir: string;
let file: string;
let logKey: string;

beforeAll(async () => {
  portal = await startTestPortal();
  logKey = verifierKeyFromSignerKey(process.env.VERITY_LOG_SIGNER_KEY ?? '');
  dir = await mkdtemp(path.join(tmpdir(), 'verity-verify-'));
  file = path.join(dir, 'evidence.bin');
  await writeFile(file, randomBytes(100_000));
  const hashed = await nodeCliDeps().hashFile(file);
  const client = new VerityClient({ url: portal.url, apiKey: portal.apiKey, logKey });
  const receipt = await client.deposit({ digests: { sha256: hashed.sha256, sm3: hashed.sm3 } });
  await writeFile(`${file}.verity-receipt.json`, JSON.stringify(receipt, null, 2));
});

afterAll(async () => {
  await portal?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Node's I/O, run in `dir`, with an environment and a home of the test's own. */
function deps(env: Record<string, string> = {}): CliDeps {
  return { ...nodeCliDeps(), cwd: dir, env, home: path.join(dir, 'home') };
}

describe('verity verify', () => {
  it('verifies offline against the pinned log key (exit 0), from the flag or the environment', async () => {
    const result = await runVerityCli(['verify', 'evidence.bin', '--offline', '--log-key', logKey], deps());
    expect(result.exitCode, result.stdout.join('\n')).toBe(0);
    expect(result.stdout).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^✓ digests: the file's SHA-256 and SM3 match the deposit$/),
        expect.stringMatching(/^✓ inclusion: /),
        'Result: OK — all 6 checks passed: the file is the one deposited.',
      ]),
    );
    const fromEnv = await runVerityCli(['verify', file, '--offline'], deps({ VERITY_LOG_KEY: logKey }));
    expect(fromEnv.exitCode).toBe(0);
  });

  it('verifies online: a fresh proof, consistency, the checkpoint remembered in the home directory (exit 0)', async () => {
    const first = await runVerityCli(['verify', 'evidence.bin', '--url', portal.url], deps());
    expect(first.exitCode, [...first.stdout, ...first.stderr].join('\n')).toBe(0);
    expect(first.stderr.join('\n')).toContain(`trusting the log key on first use: ${logKey}`);
    expect(first.stdout).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^✓ fresh: /),
        expect.stringMatching(/^✓ consistency: /),
        expect.stringMatching(/^✓ remembered: /),
      ]),
    );
    const state = path.join(dir, 'home', '.config', 'verity', 'checkpoints.json');
    expect((await stat(state)).mode & 0o777).toBe(0o600);
    const json = await runVerityCli(
      ['verify', 'evidence.bin', '--json', '--log-key', logKey],
      deps({ VERITY_URL: portal.url }),
    );
    expect(json.exitCode).toBe(0);
    expect(JSON.parse(json.stdout[0] ?? '')).toMatchObject({
      result: 'verified',
      online: true,
      checks: expect.arrayContaining([
        expect.objectContaining({
          name: 'remembered',
          message: expect.stringMatching(/^consistent with the checkpoint of size \d+ remembered before$/),
        }),
      ]),
    });
  });

  it('fails a changed file (exit 1), offline and online', async () => {
    const changed = path.join(dir, 'changed.bin');
    await writeFile(changed, randomBytes(10));
    await writeFile(`${changed}.verity-receipt.json`, await readFile(`${file}.verity-receipt.json`));
    const offline = await runVerityCli(['verify', changed, '--offline', '--log-key', logKey], deps());
    expect(offline.exitCode).toBe(1);
    expect(offline.stdout).toContain('Result: FAILED — 1 of 6 checks failed: digests.');
    const online = await runVerityCli(['verify', changed, '--url', portal.url, '--log-key', logKey], deps());
    expect(online.exitCode).toBe(1);
  });

  it('fails a receipt the portal does not know (exit 1) and a damaged receipt (exit 1)', async () => {
    const receipt = JSON.parse(await readFile(`${file}.verity-receipt.json`, 'utf8')) as { id: string };
    const other = path.join(dir, 'other-id.json');
    await writeFile(other, JSON.stringify({ ...receipt, id: '0b0e7f52-3c1a-4c5e-9a51-6a3b2f1d9e77' }));
    const unknown = await runVerityCli(
      ['verify', 'evidence.bin', '--receipt', other, '--url', portal.url, '--log-key', logKey],
      deps(),
    );
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stdout).toEqual(expect.arrayContaining([expect.stringMatching(/^✗ fresh: .*HTTP 404 NOT_FOUND/)]));
    const damaged = path.join(dir, 'damaged.json');
    await writeFile(damaged, '{"id":');
    const bad = await runVerityCli(
      ['verify', 'evidence.bin', '--receipt', damaged, '--offline', '--log-key', logKey],
      deps(),
    );
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toEqual(expect.arrayContaining([expect.stringMatching(/^✗ schema: not a Verity receipt/)]));
  });

  it('fails a fork of the log (exit 1) with the evidence on stderr', async () => {
    const receipt = JSON.parse(await readFile(`${file}.verity-receipt.json`, 'utf8')) as { treeSize: number };
    const origin = logKey.split('+')[0] ?? '';
    // The log's key signed another tree of a size it did sign: remembered from an earlier run.
    const forged = signNote(
      formatCheckpoint({ origin, size: BigInt(receipt.treeSize), rootHash: randomBytes(32) }),
      process.env.VERITY_LOG_SIGNER_KEY ?? '',
    );
    const home = path.join(dir, 'fork-home');
    await mkdir(path.join(home, '.config', 'verity'), { recursive: true });
    await writeFile(
      path.join(home, '.config', 'verity', 'checkpoints.json'),
      JSON.stringify({ format: 'verity-checkpoints/v1', logs: { [origin]: forged } }),
    );
    const result = await runVerityCli(['verify', 'evidence.bin', '--url', portal.url, '--log-key', logKey], {
      ...deps(),
      home,
    });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toEqual(
      expect.arrayContaining([expect.stringMatching(/^✗ consistency: the log .* shows two histories/)]),
    );
    expect(result.stderr.join('\n')).toContain('Evidence of the fork (keep it): {"kind":"');
    expect(result.stderr.join('\n')).toContain(JSON.stringify(forged));
  });

  it('answers usage errors with exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['verify'], /name the file to check/],
      [['verify', 'evidence.bin', '--offline'], /an offline check needs the log's key pinned: --log-key/],
      [['verify', 'evidence.bin'], /an online check needs the portal: --url/],
      [
        ['verify', 'missing.bin', '--offline', '--log-key', logKey],
        /cannot read the receipt .*missing\.bin\.verity-receipt\.json/,
      ],
      [['verify', 'evidence.bin', '--offline', '--log-key', 'nope'], /--log-key: nope is neither a verifier key/],
      [['verify', 'evidence.bin', '--offline', '--url', portal.url], /contradict/],
      [['verify', 'evidence.bin', '--bogus'], /unknown option --bogus/],
      [['verify', 'evidence.bin', '--retries', 'many'], /--retries needs a whole number/],
      [
        ['verify', 'evidence.bin', '--offline', '--log-key', logKey, '--quorum', '1'],
        /--quorum 1 is more than the 0 witness keys/,
      ],
    ];
    for (const [argv, message] of cases) {
      const result = await runVerityCli(argv, deps());
      expect(result.exitCode, argv.join(' ')).toBe(2);
      expect(result.stderr.join('\n'), argv.join(' ')).toMatch(message);
    }
  });

  it('says the portal could not be reached with exit 3, after the offline checks', async () => {
    const down = await deadAddress();
    const result = await runVerityCli(
      ['verify', 'evidence.bin', '--url', down, '--log-key', logKey, '--retries', '1'],
      deps(),
    );
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^✓ inclusion: /),
        expect.stringMatching(/^✗ portal: .*could not be reached.*gave up after 2 attempts/),
        expect.stringMatching(/^Result: UNAVAILABLE/),
      ]),
    );
  }, 30_000);

  it('runs as a real `node bin/verity.mjs verify` process', async () => {
    const run = await new Promise<{ status: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [path.join(ROOT, 'bin/verity.mjs'), 'verify', 'evidence.bin', '--offline'],
        {
          cwd: dir,
          env: { ...process.env, VERITY_LOG_KEY: logKey, HOME: path.join(dir, 'home') },
        },
      );
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      child.on('error', reject);
      child.on('exit', (status) => resolve({ status, stdout }));
    });
    expect(run.status, run.stdout).toBe(0);
    expect(run.stdout).toContain('Result: OK — all 6 checks passed');
  }, 60_000);
});
