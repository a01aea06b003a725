import { execFile } from 'node:child_process';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publicKeyProblem } from '@/lib/depositors/depositor-public-key';
import { signDepositRequest, verifyDepositorSignature } from '@/lib/ledger/statement';
import { SAMPLE_REQUEST } from '@/lib/ledger/statement/statement.testing';
import { base64ToBytes } from '@/lib/tlog';
import { tempDir } from '../../node/hash-file-pair.testing';
import type { CliDeps } from '../command';
import { runVerityCli } from '../run-verity-cli';
import { DEFAULT_KEY_FILE, KEY_FILE_FORMAT, readSigningKey } from './key-file';

const run = promisify(execFile);
const SM2_N_MINUS_1 = 'fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54122';
const ROOT = path.resolve(import.meta.dirname, '../../../../..');
let dir: string;
let remove: () => Promise<void>;

beforeEach(async () => {
  ({ dir, remove } = await tempDir('keys'));
});
afterEach(() => remove());

function deps(): CliDeps {
  const unused = () => Promise.reject(new Error('not used by verity keys'));
  return { version: 'test', readFile: unused, hashFile: unused, fetch: unused, cwd: dir };
}

describe.each(['ed25519', 'sm2'] as const)('verity keys with %s', (alg) => {
  it('generate writes a 0600 key file whose key signs statements the portal verifies; show prints its public key', async () => {
    const generated = await runVerityCli(['keys', 'generate', '--alg', alg, '--out', 'k.json'], deps());
    expect(generated).toMatchObject({ exitCode: 0, stderr: [] });
    const file = path.join(dir, 'k.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const json = JSON.parse(await readFile(file, 'utf8'));
    expect(json).toEqual({
      format: KEY_FILE_FORMAT,
      algorithm: alg,
      publicKey: expect.any(String),
      privateKey: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(generated.stdout.join('\n')).toContain(`Public key:  ${json.publicKey}`);

    const shown = await runVerityCli(['keys', 'show', 'k.json', '--json'], deps());
    expect(shown).toMatchObject({ exitCode: 0, stderr: [] });
    expect(JSON.parse(shown.stdout[0] ?? '')).toEqual({ algorithm: alg, publicKey: json.publicKey, file });

    // What the portal does with it: the depositor page's key passes registration's checks...
    const registered = base64ToBytes(json.publicKey);
    expect(registered.length).toBe(alg === 'ed25519' ? 32 : 65);
    expect(publicKeyProblem(alg, registered)).toBeNull();
    // ...and a statement signed with the key read back verifies against that registered key.
    const key = await readSigningKey(file);
    const signed = signDepositRequest(SAMPLE_REQUEST, key);
    expect(verifyDepositorSignature(signed, [{ id: 'k1', algorithm: alg, publicKey: registered }])).toEqual({
      ok: true,
      keyId: 'k1',
    });
    // Another key of the same algorithm is not that key.
    await runVerityCli(['keys', 'generate', '--alg', alg, '--out', 'other.json'], deps());
    const other = signDepositRequest(SAMPLE_REQUEST, await readSigningKey(path.join(dir, 'other.json')));
    expect(verifyDepositorSignature(other, [{ id: 'k1', algorithm: alg, publicKey: registered }])).toMatchObject({
      ok: false,
      code: 'KEY_NOT_REGISTERED',
    });
  });
});

describe('verity keys refuses', () => {
  it('to overwrite an existing file (exit 1), leaving it as it was; the default file is in the working directory', async () => {
    const first = await runVerityCli(['keys', 'generate', '--alg', 'ed25519'], deps());
    expect(first.exitCode).toBe(0);
    const file = path.join(dir, DEFAULT_KEY_FILE);
    const before = await readFile(file, 'utf8');
    const again = await runVerityCli(['keys', 'generate', '--alg', 'sm2'], deps());
    expect(again.exitCode).toBe(1);
    expect(again.stderr.join('\n')).toMatch(/already there; it is never overwritten/);
    expect(await readFile(file, 'utf8')).toBe(before);
    expect((await runVerityCli(['keys', 'show'], deps())).stdout.join('\n')).toContain('ed25519');
  });

  it('bad arguments (exit 2)', async () => {
    for (const argv of [
      ['keys'],
      ['keys', 'rotate'],
      ['keys', 'generate'],
      ['keys', 'generate', '--alg', 'rsa'],
      ['keys', 'generate', '--alg', 'sm2', 'file.json'],
      ['keys', 'show', 'a.json', 'b.json'],
      ['keys', 'show', '--alg', 'sm2'],
      ['keys', 'generate', '--alg'],
    ]) {
      const result = await runVerityCli(argv, deps());
      expect(result.exitCode, argv.join(' ')).toBe(2);
      expect(result.stderr[0]).toMatch(/^verity keys: /);
    }
  });

  it('show: a missing, non-JSON, other-format or edited key file (exit 2)', async () => {
    await runVerityCli(['keys', 'generate', '--alg', 'sm2', '--out', 'good.json'], deps());
    const good = JSON.parse(await readFile(path.join(dir, 'good.json'), 'utf8'));
    const other = JSON.parse(
      (await runVerityCli(['keys', 'generate', '--alg', 'sm2', '--out', 'o.json', '--json'], deps())).stdout[0] ?? '',
    );
    const cases: [string, string, RegExp][] = [
      ['missing.json', '', /no such key file/],
      ['text.json', 'hello', /not JSON/],
      ['format.json', JSON.stringify({ ...good, format: 'verity-depositor-key/v2' }), /format must be/],
      ['swapped.json', JSON.stringify({ ...good, publicKey: other.publicKey }), /not the private key’s/],
      ['extra.json', JSON.stringify({ ...good, note: 'x' }), /not a verity-depositor-key\/v1 file/],
      // d = n - 1: no SM2 signature can be made with it (1 + d has no inverse mod n).
      ['n-1.json', JSON.stringify({ ...good, privateKey: SM2_N_MINUS_1 }), /not a valid sm2 key/],
    ];
    for (const [name, text, message] of cases) {
      if (text) await writeFile(path.join(dir, name), text, { mode: 0o600 });
      const result = await runVerityCli(['keys', 'show', name], deps());
      expect(result.exitCode, name).toBe(2);
      expect(result.stderr.join('\n'), name).toMatch(message);
    }
  });

  it('show: warns about a key file others can read, and still shows it', async () => {
    await runVerityCli(['keys', 'generate', '--alg', 'ed25519', '--out', 'k.json'], deps());
    await chmod(path.join(dir, 'k.json'), 0o644);
    const result = await runVerityCli(['keys', 'show', 'k.json'], deps());
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toEqual([expect.stringMatching(/can be read by others \(mode 644\); run: chmod 600 /)]);
  });
});

it('npx verity keys generate and show (a real process)', async () => {
  const file = path.join(dir, 'real.json');
  const verity = path.join(ROOT, 'bin/verity.mjs');
  const generated = await run(process.execPath, [verity, 'keys', 'generate', '--alg', 'sm2', '--out', file]);
  expect(generated.stdout).toMatch(/Wrote a new SM2 signing key/);
  const shown = await run(process.execPath, [verity, 'keys', 'show', file, '--json'], { cwd: dir });
  expect(JSON.parse(shown.stdout)).toMatchObject({ algorithm: 'sm2', file });
  await expect(
    run(process.execPath, [verity, 'keys', 'generate', '--alg', 'sm2', '--out', file]),
  ).rejects.toMatchObject({
    code: 1,
  });
}, 60_000);
