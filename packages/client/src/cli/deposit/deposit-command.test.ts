/**
 * `verity deposit` against a real portal (the front server and PostgreSQL): receipts beside the
 * files, in a folder or in JSON Lines, that `verity verify --offline` accepts; a second run
 * deposits nothing; a dry run sends nothing; an interrupted run (receipts not written, as a full
 * disk or a kill leaves it) is finished from the journal without a second deposit; bad input,
 * a wrong key and an unreachable portal each end with their exit code and a clear message.
 */
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashFile } from '@/lib/hashing/node';
import { ZReceipt } from '@/lib/ledger/receipt.schema';
import { startTestPortal, type TestPortal } from '../../sdk/portal.testing';
import type { CliDeps } from '../command';
import { nodeCliDeps } from '../main';
import { runVerityCli } from '../run-verity-cli';
import { openBatches } from './deposit-journal';

let portal: TestPortal;
let logKey: string;
const dirs: string[] = [];

beforeAll(async () => {
  portal = await startTestPortal();
  logKey = (await (await fetch(`${portal.url}/api/v1/log/key`)).text()).trim();
});
afterAll(async () => {
  await portal?.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function tree(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'verity-deposit-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}

function deps(cwd: string, env: Record<string, string> = {}): CliDeps {
  const base = nodeCliDeps();
  return {
    ...base,
    print: undefined,
    printError: undefined,
    progress: undefined,
    cwd,
    env: { VERITY_URL: portal.url, VERITY_API_KEY: portal.apiKey, VERITY_LOG_KEY: logKey, ...env },
  };
}

const FILES = {
  '合同/采购合同.pdf': 'purchase contract v1',
  '合同/附件/清单 (final).xlsx': 'list of goods',
  'chat/2026-11-01.txt': 'we agree',
  'empty.bin': '',
};

describe('verity deposit', () => {
  it('deposits a tree, writes receipts beside the files that verify offline, and a second run deposits nothing', async () => {
    const dir = await tree(FILES);
    const first = await runVerityCli(['deposit', '.', '--title', 'Case file {path}'], deps(dir));
    expect(first.stderr).toEqual([]);
    expect(first.exitCode).toBe(0);
    expect(first.stdout.at(-1)).toBe('Deposited 4, already deposited 0, failed 0.');
    expect(await portal.countDeposits(portal.orgId)).toBe(4);

    for (const name of Object.keys(FILES)) {
      const content = JSON.parse(await readFile(path.join(dir, `${name}.verity-receipt.json`), 'utf8'));
      const { title, metadata, ...receipt } = content;
      expect(ZReceipt.parse(receipt).status).toBe('sealed');
      expect(title).toBe(`Case file ${name}`);
      expect(metadata.file.name).toBe(path.basename(name));
      const { digests } = await hashFile(path.join(dir, name), { algorithms: ['sha256', 'sm3'] });
      expect(receipt.digests).toEqual(digests);
      const verified = await runVerityCli(['verify', name, '--offline'], deps(dir));
      expect(verified.exitCode, verified.stderr.join('\n')).toBe(0);
    }

    const again = await runVerityCli(['deposit', '.'], deps(dir));
    expect(again.exitCode).toBe(0);
    expect(again.stdout.at(-1)).toBe('Deposited 0, already deposited 4, failed 0.');
    expect(await portal.countDeposits(portal.orgId)).toBe(4);

    // A changed file fails verification, and is not deposited again over its receipt.
    await appendFile(path.join(dir, 'chat/2026-11-01.txt'), ' (edited)');
    expect((await runVerityCli(['verify', 'chat/2026-11-01.txt', '--offline'], deps(dir))).exitCode).toBe(1);
    const changed = await runVerityCli(['deposit', '.'], deps(dir));
    expect(changed.exitCode).toBe(1);
    expect(changed.stderr.join('\n')).toMatch(/chat\/2026-11-01.txt differs from what its receipt/);
    expect(await portal.countDeposits(portal.orgId)).toBe(4);
  });

  it('keeps receipts in a folder or a JSON Lines file, and resumes from either', async () => {
    const dir = await tree({ 'a/x.txt': 'x', 'b/x.txt': 'another x', 'c.txt': 'c' });
    const folder = await runVerityCli(['deposit', 'a', 'b', '--receipts', 'receipts'], deps(dir));
    expect(folder.exitCode).toBe(0);
    expect((await readdir(path.join(dir, 'receipts/a'))).sort()).toEqual(['x.txt.verity-receipt.json']);
    expect((await readdir(path.join(dir, 'receipts/b'))).sort()).toEqual(['x.txt.verity-receipt.json']);
    expect((await runVerityCli(['deposit', 'a', 'b', '--receipts', 'receipts'], deps(dir))).stdout.at(-1)).toBe(
      'Deposited 0, already deposited 2, failed 0.',
    );

    const lines = await runVerityCli(['deposit', '.', '--receipts', 'all.jsonl'], deps(dir));
    // a/x.txt and b/x.txt have receipts in the folder, not in all.jsonl: the JSON Lines file is its own record.
    expect(lines.exitCode).toBe(0);
    const jsonl = (await readFile(path.join(dir, 'all.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(jsonl.map((l) => l.file).sort()).toEqual(['a/x.txt', 'b/x.txt', 'c.txt']);
    expect((await runVerityCli(['deposit', '.', '--receipts', 'all.jsonl'], deps(dir))).stdout.at(-1)).toBe(
      'Deposited 0, already deposited 3, failed 0.',
    );
  });

  it('sends nothing and writes nothing in a dry run; --json gives one object per file', async () => {
    const dir = await tree({ 'one.txt': '1', 'two.txt': '2' });
    const before = await portal.countDeposits(portal.orgId);
    const dry = await runVerityCli(['deposit', '.', '--dry-run', '--json'], deps(dir, { VERITY_API_KEY: '' }));
    expect(dry.exitCode).toBe(0);
    const objects = dry.stdout.map((l) => JSON.parse(l));
    expect(
      objects
        .filter((o) => o.status === 'would-deposit')
        .map((o) => o.file)
        .sort(),
    ).toEqual(['one.txt', 'two.txt']);
    expect(objects.at(-1).summary).toMatchObject({ wouldDeposit: 2, deposited: 0, exitCode: 0 });
    expect(await portal.countDeposits(portal.orgId)).toBe(before);
    expect((await readdir(dir)).sort()).toEqual(['one.txt', 'two.txt']);
  });

  it('reports a symlink loop and an unreadable path, and deposits the rest (exit 1)', async () => {
    const dir = await tree({ 'ok/a.txt': 'a' });
    await symlink('..', path.join(dir, 'ok/loop'));
    const result = await runVerityCli(['deposit', 'ok', 'missing.txt'], deps(dir));
    expect(result.exitCode).toBe(1);
    expect(result.stdout.at(-1)).toBe('Deposited 1, already deposited 0, failed 2.');
    expect(result.stderr).toEqual([
      expect.stringMatching(/^✗ ok\/loop\/ok: a symbolic link back to a folder/),
      expect.stringMatching(/^✗ missing\.txt: /),
    ]);
  });

  it('says so when the disk is full writing receipts, keeps the deposits in the journal, and the next run writes them without depositing again', async () => {
    const dir = await tree({ 'a.txt': 'disk full a', 'b.txt': 'disk full b' });
    // A receipts file on /dev/full: every write answers ENOSPC, as a full disk does.
    await symlink('/dev/full', path.join(dir, 'receipts.jsonl'));
    const full = await runVerityCli(['deposit', 'a.txt', 'b.txt', '--receipts', 'receipts.jsonl'], deps(dir));
    expect(full.exitCode).toBe(1);
    expect(full.stderr.join('\n')).toMatch(/the disk is full.*run the same command again/s);
    const before = await portal.countDeposits(portal.orgId);
    expect((await readFile(path.join(dir, '.verity-deposit-journal.jsonl'), 'utf8')).split('\n')[0]).toMatch(
      /"state":"sending"/,
    );

    await rm(path.join(dir, 'receipts.jsonl'));
    const again = await runVerityCli(['deposit', 'a.txt', 'b.txt', '--receipts', 'receipts.jsonl'], deps(dir));
    expect(again.stderr).toEqual([]);
    expect(again.exitCode).toBe(0);
    expect(again.stdout.filter((l) => l.includes('finished from the journal'))).toHaveLength(2);
    expect(await portal.countDeposits(portal.orgId)).toBe(before);
    const lines = (await readFile(path.join(dir, 'receipts.jsonl'), 'utf8')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).file).sort()).toEqual(['a.txt', 'b.txt']);
    expect(
      (await runVerityCli(['deposit', 'a.txt', 'b.txt', '--receipts', 'receipts.jsonl'], deps(dir))).stdout.at(-1),
    ).toBe('Deposited 0, already deposited 2, failed 0.');
  });

  it('signs each deposit with --sign-key (SM2): refused until the key is registered, then the leaf carries the signature', async () => {
    const dir = await tree({ 'signed.txt': `signed ${Math.random()}` });
    const depositor = await portal.newApiKey();
    const env = { VERITY_API_KEY: depositor.apiKey };
    expect(
      (await runVerityCli(['keys', 'generate', '--alg', 'sm2', '--out', 'key.json'], deps(dir, env))).exitCode,
    ).toBe(0);
    const keyFile = JSON.parse(await readFile(path.join(dir, 'key.json'), 'utf8'));

    const unregistered = await runVerityCli(['deposit', 'signed.txt', '--sign-key', 'key.json'], deps(dir, env));
    expect(unregistered.exitCode).toBe(1);
    expect(unregistered.stderr.join('\n')).toMatch(/KEY_NOT_REGISTERED|not registered/);
    expect(await portal.countDeposits(depositor.orgId)).toBe(0);
    // Refused, so nothing to finish: the journal holds no open batch for the next run to send.
    expect(await openBatches(path.join(dir, '.verity-deposit-journal.jsonl'))).toEqual([]);

    await portal.registerSigningKey(depositor.orgId, 'sm2', new Uint8Array(Buffer.from(keyFile.publicKey, 'base64')));
    const signed = await runVerityCli(['deposit', 'signed.txt', '--sign-key', 'key.json'], deps(dir, env));
    expect(signed.stderr).toEqual([]);
    expect(signed.exitCode).toBe(0);
    const receipt = JSON.parse(await readFile(path.join(dir, 'signed.txt.verity-receipt.json'), 'utf8'));
    const leaf = JSON.parse(Buffer.from(receipt.leaf, 'base64').toString('utf8'));
    expect(leaf.signature).toMatchObject({ algorithm: 'sm2', publicKey: keyFile.publicKey });
    expect((await runVerityCli(['verify', 'signed.txt', '--offline'], deps(dir, env))).exitCode).toBe(0);
  });

  it('refuses without a portal or API key (exit 2), and says so when the key is wrong (1) or the portal is down (3)', async () => {
    const dir = await tree({ 'f.txt': 'f' });
    const noKey = await runVerityCli(['deposit', '.'], deps(dir, { VERITY_API_KEY: '' }));
    expect(noKey.exitCode).toBe(2);
    expect(noKey.stderr[0]).toMatch(/VERITY_API_KEY/);
    const noArgs = await runVerityCli(['deposit'], deps(dir));
    expect(noArgs.exitCode).toBe(2);

    const wrong = await runVerityCli(['deposit', '.'], deps(dir, { VERITY_API_KEY: 'vrt_nope_nope' }));
    expect(wrong.exitCode).toBe(1);
    expect(wrong.stderr.join('\n')).toMatch(/refused the API key/);

    const down = await runVerityCli(
      ['deposit', '.', '--retries', '1'],
      deps(dir, { VERITY_URL: 'http://127.0.0.1:9' }),
    );
    expect(down.exitCode).toBe(3);
    expect(down.stderr.join('\n')).toMatch(/could not be reached.*run the same command again/s);
    expect((await readdir(dir)).filter((f) => f.endsWith('.verity-receipt.json'))).toEqual([]);
  });
});
