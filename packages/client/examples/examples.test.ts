/**
 * Every example in this folder, run as its README shows it — a real `node --import tsx` process
 * (`@verity/client` resolved to this package's source by the repository's tsconfig paths) —
 * against the real portal (../src/sdk/portal.testing.ts): files deposited and their receipts
 * written; those receipts verified offline and online, and a changed file refused; a signed
 * deposit by a registered key.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifierKeyFromSignerKey } from '@/lib/tlog';
import { startTestPortal, type TestPortal } from '../src/sdk/portal.testing';

const ROOT = path.resolve(import.meta.dirname, '../../..');
let portal: TestPortal;
let dir: string;
let logKey: string;

beforeAll(async () => {
  portal = await startTestPortal();
  logKey = verifierKeyFromSignerKey(process.env.VERITY_LOG_SIGNER_KEY ?? '');
  dir = await mkdtemp(path.join(tmpdir(), 'verity-examples-'));
});
afterAll(async () => {
  await portal?.close();
  await rm(dir, { recursive: true, force: true });
});

function example(name: string, args: string[], env: Record<string, string>) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, name), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', reject);
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('the examples, against a real portal', () => {
  it('deposit-files.ts, verify-offline.ts, verify-online.ts', async () => {
    const files = await Promise.all(
      ['a.txt', 'b.bin', 'c.dat'].map(async (name, i) => {
        const file = path.join(dir, name);
        await writeFile(file, randomBytes(1000 * (i + 1)));
        return file;
      }),
    );
    const deposited = await example('deposit-files.ts', files, {
      VERITY_URL: portal.url,
      VERITY_API_KEY: portal.apiKey,
    });
    expect(deposited.status, deposited.stderr).toBe(0);
    expect(deposited.stdout.trim().split('\n')).toHaveLength(3);
    const receipt = JSON.parse(await readFile(`${files[1]}.verity-receipt.json`, 'utf8')) as { status: string };
    expect(receipt.status).toBe('sealed');

    const offline = await example('verify-offline.ts', [files[1] ?? ''], { VERITY_LOG_KEY: logKey });
    expect(offline.status, offline.stdout).toBe(0);
    expect(offline.stdout).toContain("✓ digests: the file's SHA-256 and SM3 match the deposit");
    await writeFile(files[1] ?? '', 'changed');
    const changed = await example('verify-offline.ts', [files[1] ?? ''], { VERITY_LOG_KEY: logKey });
    expect(changed.status).toBe(1);
    expect(changed.stdout).toContain('NOT verified');

    const state = path.join(dir, 'checkpoints.json');
    const env = { VERITY_URL: portal.url, VERITY_LOG_KEY: logKey };
    const online = await example('verify-online.ts', [`${files[0]}.verity-receipt.json`, state], env);
    expect(online.status, online.stdout + online.stderr).toBe(0);
    expect(online.stdout).toMatch(/✓ remembered: checkpoint of size \d+ remembered/);
    const again = await example('verify-online.ts', [`${files[2]}.verity-receipt.json`, state], env);
    expect(again.stdout).toMatch(/✓ remembered: consistent with the checkpoint of size \d+ remembered before/);
  }, 120_000);

  it('sign-and-deposit.ts: refused until the key is registered, then deposited signed', async () => {
    const { apiKey, orgId } = await portal.newApiKey();
    const privateKey = ed25519.utils.randomSecretKey();
    const file = path.join(dir, 'signed.txt');
    await writeFile(file, randomBytes(64));
    const env = {
      VERITY_URL: portal.url,
      VERITY_API_KEY: apiKey,
      VERITY_SIGN_KEY: Buffer.from(privateKey).toString('hex'),
    };
    const refused = await example('sign-and-deposit.ts', [file], env);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('KEY_NOT_REGISTERED');
    await portal.registerSigningKey(orgId, 'ed25519', ed25519.getPublicKey(privateKey));
    const signed = await example('sign-and-deposit.ts', [file], env);
    expect(signed.status, signed.stderr).toBe(0);
    expect(signed.stdout).toContain(`signed by ${Buffer.from(ed25519.getPublicKey(privateKey)).toString('base64')}`);
    expect(await portal.countDeposits(orgId)).toBe(1);
  }, 60_000);
});
