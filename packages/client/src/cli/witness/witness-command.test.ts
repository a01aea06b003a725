import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { generateNoteKeys, parseCosignerVerifierKey } from '@/lib/tlog';
import { post, TestLog } from '@/lib/witness/witness.testing';
import { nodeCliDeps } from '../main';
import { runVerityCli } from '../run-verity-cli';

const ROOT = path.resolve(import.meta.dirname, '../../../../..');

async function freshDir(): Promise<string> {
  return path.join(await mkdtemp(path.join(tmpdir(), 'verity-witness-cli-')), 'w');
}

const cli = (...argv: string[]) => runVerityCli(['witness', ...argv], nodeCliDeps());

describe('verity witness (in process)', () => {
  it('init creates the keys once (0600) and prints the verifier keys; key prints them again', async () => {
    const dir = await freshDir();
    const init = await cli('init', '--dir', dir, '--name', 'witness.notary.example/1', '--algorithm', 'both');
    expect(init.exitCode, init.stderr.join('\n')).toBe(0);
    const keys = init.stdout.filter((line) => line.startsWith('witness.notary.example/1+'));
    expect(keys.map((k) => parseCosignerVerifierKey(k).algorithm)).toEqual(['ed25519', 'ml-dsa-44']);
    for (const file of ['keys/ed25519.key', 'keys/ml-dsa-44.key']) {
      expect((await stat(path.join(dir, file))).mode & 0o777).toBe(0o600);
    }
    expect((await cli('key', '--dir', dir)).stdout).toEqual(keys);
    const again = await cli('init', '--dir', dir, '--name', 'witness.notary.example/1');
    expect(again.exitCode).toBe(1);
    expect(again.stderr.join('\n')).toMatch(/already holds a witness/);
    expect((await cli('key', '--dir', dir)).stdout).toEqual(keys);
  });

  it('add-log and list-logs: the origin is the key name, a second key is added, a repeat is not', async () => {
    const dir = await freshDir();
    await cli('init', '--dir', dir, '--name', 'w.example');
    const log = generateNoteKeys('court.example/log');
    const rotated = generateNoteKeys('court.example/log');
    expect((await cli('add-log', log.verifierKey, '--dir', dir)).stdout).toEqual([
      'now witnessing court.example/log (restart serve to apply)',
    ]);
    expect((await cli('add-log', log.verifierKey, '--dir', dir)).stdout[0]).toMatch(/^already witnessing/);
    expect((await cli('add-log', rotated.verifierKey, '--dir', dir)).exitCode).toBe(0);
    const other = generateNoteKeys('other.example');
    expect((await cli('add-log', other.verifierKey, '--dir', dir, '--origin', 'other.example/log')).exitCode).toBe(0);
    const list = await cli('list-logs', '--dir', dir);
    expect(list.stdout).toEqual([
      'court.example/log  latest cosigned size: none yet',
      `  key ${log.verifierKey}`,
      `  key ${rotated.verifierKey}`,
      'other.example/log  latest cosigned size: none yet',
      `  key ${other.verifierKey}`,
    ]);
    const config = JSON.parse(await readFile(path.join(dir, 'witness.json'), 'utf8')) as { logs: unknown[] };
    expect(config.logs.length).toBe(2);
  });

  it('answers usage errors with exit 2 and a missing or damaged directory with exit 1', async () => {
    const dir = await freshDir();
    const usage = async (...argv: string[]) => {
      const result = await cli(...argv);
      expect(result.exitCode, argv.join(' ')).toBe(2);
      return result.stderr.join('\n');
    };
    expect(await usage()).toMatch(/name a subcommand/);
    expect(await usage('frobnicate')).toMatch(/unknown subcommand/);
    expect(await usage('init', '--dir', dir)).toMatch(/needs --name/);
    expect(await usage('init', '--dir', dir, '--name', 'w', '--algorithm', 'rsa')).toMatch(/--algorithm/);
    expect(await usage('key', '--port', '1')).toMatch(/key takes no --port/);
    expect(await usage('add-log', '--dir', dir)).toMatch(/one log verifier key/);
    expect(await usage('list-logs', 'extra')).toMatch(/takes no arguments/);
    expect(await usage('serve', '--dir', dir, '--port', '70000')).toBeDefined();
    expect(await usage('init', '--bogus')).toMatch(/unknown option --bogus/);

    const missing = await cli('key', '--dir', dir);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr.join('\n')).toMatch(/witness init/);
    await cli('init', '--dir', dir, '--name', 'w.example');
    expect(await usage('add-log', 'not-a-key', '--dir', dir)).toMatch(/not a log verifier key/);
    await writeFile(path.join(dir, 'witness.json'), '{"version":1,');
    const damaged = await cli('list-logs', '--dir', dir);
    expect(damaged.exitCode).toBe(1);
    expect(damaged.stderr.join('\n')).toMatch(/not JSON/);
    expect((await cli('--help')).stdout.join('\n')).toContain('init --name <name>');
  });
});

describe('npx verity witness serve (a real child process)', () => {
  it('serves add-checkpoint, stops on SIGTERM with exit 0, refuses a taken port with exit 1', async () => {
    const dir = await freshDir();
    const log = new TestLog('log.example/cli').grow(3);
    const env = { ...process.env, npm_config_ignore_scripts: 'true', npm_config_update_notifier: 'false' };
    const npx = (...argv: string[]) =>
      spawnSync('npx', ['verity', 'witness', ...argv], { cwd: ROOT, encoding: 'utf8', env, timeout: 60_000 });
    expect(npx('init', '--dir', dir, '--name', 'w.example/cli').status).toBe(0);
    expect(npx('add-log', log.verifierKey, '--dir', dir).status).toBe(0);

    // The long-running server as bin/verity.mjs directly (what npx runs), so the signal reaches it.
    const child = spawn(process.execPath, ['bin/verity.mjs', 'witness', 'serve', '--dir', dir, '--port', '0'], {
      cwd: ROOT,
      env,
    });
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start: ${out}`)), 60_000);
      child.stdout.on('data', () => {
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match?.[1] && out.includes('verifier key')) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    expect(out).toMatch(/verifier key: w\.example\/cli\+[0-9a-f]{8}\+/);
    expect((await post(url, log.request(0))).status).toBe(200);

    const port = new URL(url).port;
    const taken = npx('serve', '--dir', await freshDirWith(log), '--port', port);
    expect(taken.status).toBe(1);
    expect(taken.stderr).toMatch(/EADDRINUSE|in use/);

    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    // The command closes the server, releases the directory and exits 0.
    expect(await exit).toBe(0);
    expect(out).toMatch(/witness stopped \(SIGTERM\)/);
    await expect(stat(path.join(dir, 'witness.lock'))).rejects.toThrow();
  }, 180_000);
});

async function freshDirWith(log: TestLog): Promise<string> {
  const dir = await freshDir();
  await cli('init', '--dir', dir, '--name', 'w.example/other');
  await cli('add-log', log.verifierKey, '--dir', dir);
  return dir;
}
