/**
 * The `verity` command's settings: the portal, the depositor's API key, the pinned log key and
 * witness policy. Precedence: flags > environment (`VERITY_URL`, `VERITY_API_KEY`,
 * `VERITY_LOG_KEY`) > one configuration file — the first of `--config`, `$VERITY_CONFIG`,
 * `./verity.config.json`, `~/.config/verity/config.json` that exists (the first two must). An API
 * key is never taken from a flag: a secret on the command line is in the shell history and in
 * every `ps` listing; and a file that holds one must not be readable by others (refused).
 *
 * File format (JSON, every member optional, nothing else allowed):
 * `{ "url", "apiKey", "logKey", "witnessKeys": ["<name>+<8 hex>+<base64>", …], "quorum" }`.
 *
 * @module
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { parseCosignerVerifierKey, parseVerifierKey } from '@/lib/tlog';

export interface CliConfig {
  url?: string;
  apiKey?: string;
  logKey?: string;
  witnessKeys: string[];
  /** k of the witness keys that must cosign (default: all of them). */
  quorum?: number;
  /** Where each setting came from, for a person: `url: VERITY_URL`, `logKey: /home/a/verity.config.json`. */
  source: string[];
}

export interface LoadCliConfigOptions {
  env: Record<string, string | undefined>;
  cwd: string;
  home?: string;
  /** `--config <file>`. */
  configPath?: string;
  flags?: { url?: string; logKey?: string };
}

export class ConfigError extends Error {
  readonly code: 'CONFIG_NOT_FOUND' | 'CONFIG_INVALID' | 'CONFIG_EXPOSED';
  constructor(code: ConfigError['code'], message: string) {
    super(message);
    this.name = 'ConfigError';
    this.code = code;
  }
}

const valid = (parse: (text: string) => unknown) => (text: string) => {
  try {
    parse(text);
    return true;
  } catch {
    return false;
  }
};

const ZUrl = z
  .string()
  .regex(/^https?:\/\/[^\s@]+$/, 'the portal’s address, http:// or https:// (no user name or password in it)')
  .refine(
    valid((t) => new URL(t)),
    'not a URL',
  );
const ZLogKey = z.string().refine(valid(parseVerifierKey), 'a log verifier key, <origin>+<8 hex>+<base64>');
const ZWitnessKey = z
  .string()
  .refine(valid(parseCosignerVerifierKey), 'a witness verifier key, <name>+<8 hex>+<base64>');
const ZApiKey = z.string().regex(/^\S{8,512}$/, 'an API key as the portal issued it (vrt_…)');

const ZConfigFile = z.strictObject({
  url: ZUrl.optional(),
  apiKey: ZApiKey.optional(),
  logKey: ZLogKey.optional(),
  witnessKeys: z.array(ZWitnessKey).max(20).optional(),
  quorum: z.number().int().positive().optional(),
});

export async function loadCliConfig(input: LoadCliConfigOptions): Promise<CliConfig> {
  const config: CliConfig = { witnessKeys: [], source: [] };
  const file = await readConfigFile(input);
  if (file) {
    const { path: where, values } = file;
    for (const name of ['url', 'apiKey', 'logKey', 'quorum'] as const) {
      if (values[name] === undefined) continue;
      Object.assign(config, { [name]: values[name] });
      config.source.push(`${name}: ${where}`);
    }
    if (values.witnessKeys?.length) {
      config.witnessKeys = values.witnessKeys;
      config.source.push(`witnessKeys: ${where}`);
    }
  }
  const fromEnv = [
    ['url', 'VERITY_URL', ZUrl],
    ['apiKey', 'VERITY_API_KEY', ZApiKey],
    ['logKey', 'VERITY_LOG_KEY', ZLogKey],
  ] as const;
  for (const [name, variable, schema] of fromEnv) {
    const value = input.env[variable]?.trim();
    if (!value) continue;
    config[name] = check(schema, value, variable);
    replaceSource(config, name, variable);
  }
  const flags = [
    ['url', '--url', ZUrl],
    ['logKey', '--log-key', ZLogKey],
  ] as const;
  for (const [name, flag, schema] of flags) {
    const value = input.flags?.[name];
    if (value === undefined) continue;
    config[name] = check(schema, value.trim(), flag);
    replaceSource(config, name, flag);
  }
  if (config.quorum !== undefined && config.quorum > config.witnessKeys.length) {
    throw new ConfigError(
      'CONFIG_INVALID',
      `quorum ${config.quorum} is more than the ${config.witnessKeys.length} witness keys configured`,
    );
  }
  return config;
}

function replaceSource(config: CliConfig, name: string, from: string): void {
  config.source = [...config.source.filter((s) => !s.startsWith(`${name}: `)), `${name}: ${from}`];
}

function check<T>(schema: z.ZodType<T>, value: string, where: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new ConfigError('CONFIG_INVALID', `${where}: expected ${parsed.error.issues[0]?.message ?? 'a valid value'}`);
  }
  return parsed.data;
}

async function readConfigFile(input: LoadCliConfigOptions) {
  const explicit = input.configPath ?? input.env.VERITY_CONFIG;
  const candidates = explicit
    ? [path.resolve(input.cwd, explicit)]
    : [
        path.join(input.cwd, 'verity.config.json'),
        ...(input.home ? [path.join(input.home, '.config', 'verity', 'config.json')] : []),
      ];
  for (const file of candidates) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && !explicit) continue;
      const how = input.configPath ? '--config' : 'VERITY_CONFIG';
      throw new ConfigError('CONFIG_NOT_FOUND', `${how} ${file} cannot be read: ${(error as Error).message}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new ConfigError('CONFIG_INVALID', `${file} is not JSON: ${(error as Error).message}`);
    }
    const parsed = ZConfigFile.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? issue.path.join('.') : 'the file';
      throw new ConfigError('CONFIG_INVALID', `${file}: ${where}: ${issue?.message ?? 'invalid'}`);
    }
    if (parsed.data.apiKey !== undefined && process.platform !== 'win32') {
      const mode = (await stat(file)).mode & 0o077;
      if (mode !== 0) {
        throw new ConfigError(
          'CONFIG_EXPOSED',
          `${file} holds an API key and others may read it: run \`chmod 600 ${file}\`, or use VERITY_API_KEY`,
        );
      }
    }
    return { path: file, values: parsed.data };
  }
  return null;
}
