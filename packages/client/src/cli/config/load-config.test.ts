/** loadCliConfig on real files in a temp dir: precedence, the file search, bad values, and API keys never from a flag or an exposed file. */
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateCosignerKeys, generateNoteKeys } from '@/lib/tlog';
import { ConfigError, loadCliConfig } from './load-config';

let dir: string;
let home: string;
const fileKey = generateNoteKeys('file.example/log').verifierKey;
const envKey = generateNoteKeys('env.example/log').verifierKey;
const witness = generateCosignerKeys('notary.example/w', 'ed25519').verifierKey;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'verity-config-'));
  home = path.join(dir, 'home');
  await mkdir(path.join(home, '.config', 'verity'), { recursive: true });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function write(file: string, value: unknown, mode = 0o600): Promise<string> {
  await writeFile(file, JSON.stringify(value));
  await chmod(file, mode);
  return file;
}

describe('loadCliConfig', () => {
  it('takes flags over the environment over the file, and says where each came from', async () => {
    await write(path.join(dir, 'verity.config.json'), {
      url: 'https://file.example',
      apiKey: 'vrt_file_secret',
      logKey: fileKey,
      witnessKeys: [witness],
      quorum: 1,
    });
    const fileOnly = await loadCliConfig({ env: {}, cwd: dir, home });
    expect(fileOnly).toMatchObject({
      url: 'https://file.example',
      apiKey: 'vrt_file_secret',
      logKey: fileKey,
      witnessKeys: [witness],
      quorum: 1,
    });
    const env = { VERITY_URL: 'https://env.example', VERITY_LOG_KEY: envKey, VERITY_API_KEY: 'vrt_env_secret' };
    const withEnv = await loadCliConfig({ env, cwd: dir, home });
    expect(withEnv).toMatchObject({ url: 'https://env.example', apiKey: 'vrt_env_secret', logKey: envKey });
    const withFlags = await loadCliConfig({
      env,
      cwd: dir,
      home,
      flags: { url: 'http://127.0.0.1:3000', logKey: fileKey },
    });
    expect(withFlags).toMatchObject({ url: 'http://127.0.0.1:3000', logKey: fileKey, apiKey: 'vrt_env_secret' });
    expect(withFlags.source).toEqual(
      expect.arrayContaining([
        'url: --url',
        'logKey: --log-key',
        'apiKey: VERITY_API_KEY',
        `quorum: ${path.join(dir, 'verity.config.json')}`,
      ]),
    );
  });

  it('finds ~/.config/verity/config.json, prefers ./verity.config.json, and --config or VERITY_CONFIG over both', async () => {
    await write(path.join(home, '.config', 'verity', 'config.json'), { url: 'https://home.example' });
    expect((await loadCliConfig({ env: {}, cwd: dir, home })).url).toBe('https://home.example');
    await write(path.join(dir, 'verity.config.json'), { url: 'https://cwd.example' });
    expect((await loadCliConfig({ env: {}, cwd: dir, home })).url).toBe('https://cwd.example');
    const other = await write(path.join(dir, 'other.json'), { url: 'https://other.example' });
    expect((await loadCliConfig({ env: { VERITY_CONFIG: other }, cwd: dir, home })).url).toBe('https://other.example');
    expect((await loadCliConfig({ env: {}, cwd: dir, home, configPath: 'other.json' })).url).toBe(
      'https://other.example',
    );
    expect(await loadCliConfig({ env: {}, cwd: path.join(dir, 'home') })).toEqual({ witnessKeys: [], source: [] });
  });

  it('refuses a named file that is missing, a file that is not one, and bad values', async () => {
    const refused = (p: Promise<unknown>) => expect(p).rejects.toBeInstanceOf(ConfigError);
    await expect(loadCliConfig({ env: {}, cwd: dir, configPath: 'missing.json' })).rejects.toMatchObject({
      code: 'CONFIG_NOT_FOUND',
    });
    await writeFile(path.join(dir, 'verity.config.json'), '{ not json');
    await expect(loadCliConfig({ env: {}, cwd: dir })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    await write(path.join(dir, 'verity.config.json'), { url: 'https://a.example', extra: 1 });
    await refused(loadCliConfig({ env: {}, cwd: dir }));
    await write(path.join(dir, 'verity.config.json'), { logKey: 'not a key' });
    await expect(loadCliConfig({ env: {}, cwd: dir })).rejects.toThrow(/logKey: a log verifier key/);
    await write(path.join(dir, 'verity.config.json'), { witnessKeys: [witness], quorum: 2 });
    await expect(loadCliConfig({ env: {}, cwd: dir })).rejects.toThrow(/quorum 2 is more than the 1 witness keys/);
    await rm(path.join(dir, 'verity.config.json'));
    await expect(loadCliConfig({ env: { VERITY_URL: 'ftp://x' }, cwd: dir })).rejects.toThrow(/^VERITY_URL: expected/);
    await expect(loadCliConfig({ env: {}, cwd: dir, flags: { logKey: 'nope' } })).rejects.toThrow(
      /^--log-key: expected/,
    );
  });

  it('refuses an API key in a file others may read', async () => {
    const file = await write(path.join(dir, 'verity.config.json'), { apiKey: 'vrt_file_secret' }, 0o644);
    await expect(loadCliConfig({ env: {}, cwd: dir })).rejects.toMatchObject({
      code: 'CONFIG_EXPOSED',
      message: expect.stringContaining(`chmod 600 ${file}`),
    });
    // The same file without a key is fine to share.
    await write(file, { url: 'https://a.example' }, 0o644);
    expect((await loadCliConfig({ env: {}, cwd: dir })).url).toBe('https://a.example');
  });
});
