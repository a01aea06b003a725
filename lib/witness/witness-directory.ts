/**
 * A witness's directory: everything it needs and everything it must not lose.
 *
 *     witness.json          name and the logs it witnesses (origin + log verifier keys)
 *     keys/ed25519.key      its Ed25519 cosigner signer key (0600; the witness's identity)
 *     keys/ml-dsa-44.key    optional ML-DSA-44 cosigner signer key (0600)
 *     state/<sha256(origin)>.json   per log, the latest cosigned checkpoint (witness-state.ts)
 *     witness-log.jsonl[.1] what it cosigned and refused, bounded (event-log.ts)
 *     witness.lock          the pid of the one `serve` that owns the directory
 *
 * Back up keys/ and state/ together: a witness restored with an older state/ could cosign a
 * checkpoint inconsistent with one it cosigned after that backup.
 *
 * @module
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import {
  type CosignatureAlgorithm,
  type CosignerSignerKey,
  cosignerVerifierKeyFromSignerKey,
  generateCosignerKeys,
  isValidKeyName,
  type NoteVerifierKey,
  parseCosignerSignerKey,
  parseVerifierKey,
} from '@/lib/tlog';
import { writeFileDurably } from './durable-file';

export const CONFIG_FILE = 'witness.json';
export const KEY_FILES: Record<CosignatureAlgorithm, string> = {
  ed25519: 'keys/ed25519.key',
  'ml-dsa-44': 'keys/ml-dsa-44.key',
};

const ZOrigin = z
  .string()
  .min(1)
  .max(255)
  .refine((o) => !/[\n\p{Cc}]/u.test(o), 'no control characters');

const ZWitnessConfig = z.strictObject({
  version: z.literal(1),
  name: z.string().refine(isValidKeyName, 'a key name: no spaces, "+" or control characters'),
  logs: z.array(z.strictObject({ origin: ZOrigin, verifierKeys: z.array(z.string()).min(1) })),
});
export type WitnessConfig = z.infer<typeof ZWitnessConfig>;

export interface WitnessedLog {
  origin: string;
  verifiers: NoteVerifierKey[];
}

/** The config, the logs with parsed keys, and the signer keys: what `serve` runs with. */
export interface LoadedWitness {
  dir: string;
  config: WitnessConfig;
  logs: Map<string, WitnessedLog>;
  signers: CosignerSignerKey[];
}

export class WitnessDirectoryError extends Error {
  override name = 'WitnessDirectoryError';
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

export async function readConfig(dir: string): Promise<WitnessConfig> {
  const file = path.join(dir, CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new WitnessDirectoryError(`${file} is missing: run \`verity witness init --dir ${dir} --name <name>\``);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WitnessDirectoryError(`${file} is not JSON`);
  }
  const parsed = ZWitnessConfig.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WitnessDirectoryError(`${file}: ${issue?.path.join('.') || 'config'}: ${issue?.message}`);
  }
  return parsed.data;
}

async function writeConfig(dir: string, config: WitnessConfig): Promise<void> {
  await writeFileDurably(
    path.join(dir, CONFIG_FILE),
    `${JSON.stringify(ZWitnessConfig.parse(config), null, 2)}\n`,
    0o644,
  );
}

export interface InitWitnessOptions {
  name: string;
  algorithms: readonly CosignatureAlgorithm[];
}

/** Creates the directory, its keys (0600, generated once) and an empty log list. */
export async function initWitness(dir: string, options: InitWitnessOptions): Promise<string[]> {
  if (!isValidKeyName(options.name)) {
    throw new WitnessDirectoryError('the witness name must be a key name: no spaces, "+" or control characters');
  }
  if (await exists(path.join(dir, CONFIG_FILE))) {
    throw new WitnessDirectoryError(`${dir} already holds a witness; its keys are never replaced`);
  }
  await mkdir(path.join(dir, 'keys'), { recursive: true, mode: 0o700 });
  await mkdir(path.join(dir, 'state'), { recursive: true, mode: 0o700 });
  const verifierKeys: string[] = [];
  for (const algorithm of options.algorithms) {
    const file = path.join(dir, KEY_FILES[algorithm]);
    if (await exists(file)) throw new WitnessDirectoryError(`${file} exists; its key is never replaced`);
    const { signerKey, verifierKey } = generateCosignerKeys(options.name, algorithm);
    await writeFileDurably(file, `${signerKey}\n`, 0o600);
    verifierKeys.push(verifierKey);
  }
  // The config last: a directory with a config is a complete witness.
  await writeConfig(dir, { version: 1, name: options.name, logs: [] });
  return verifierKeys;
}

export async function readSigners(dir: string, name: string): Promise<CosignerSignerKey[]> {
  const signers: CosignerSignerKey[] = [];
  for (const [algorithm, relative] of Object.entries(KEY_FILES)) {
    const file = path.join(dir, relative);
    if (!(await exists(file))) continue;
    const info = await stat(file);
    if ((info.mode & 0o077) !== 0) {
      throw new WitnessDirectoryError(
        `${file} is readable by others (mode ${(info.mode & 0o777).toString(8)}); chmod 600 it`,
      );
    }
    let key: CosignerSignerKey;
    try {
      key = parseCosignerSignerKey((await readFile(file, 'utf8')).trim());
    } catch (error) {
      throw new WitnessDirectoryError(`${file}: ${(error as Error).message}`);
    }
    if (key.algorithm !== algorithm || key.name !== name) {
      throw new WitnessDirectoryError(
        `${file} holds a ${key.algorithm} key named ${key.name}, not ${algorithm} ${name}`,
      );
    }
    signers.push(key);
  }
  if (signers.length === 0) throw new WitnessDirectoryError(`${dir}/keys holds no cosigner key`);
  return signers;
}

/** The witness's verifier keys, to give to the logs and verifiers that trust it. */
export async function witnessVerifierKeys(dir: string): Promise<string[]> {
  const config = await readConfig(dir);
  return (await readSigners(dir, config.name)).map((key) => cosignerVerifierKeyFromSignerKey(key));
}

export function parseLogs(config: WitnessConfig): Map<string, WitnessedLog> {
  const logs = new Map<string, WitnessedLog>();
  for (const log of config.logs) {
    logs.set(log.origin, { origin: log.origin, verifiers: log.verifierKeys.map((key) => parseVerifierKey(key)) });
  }
  return logs;
}

export async function loadWitness(dir: string): Promise<LoadedWitness> {
  const config = await readConfig(dir);
  let logs: Map<string, WitnessedLog>;
  try {
    logs = parseLogs(config);
  } catch (error) {
    throw new WitnessDirectoryError(`${CONFIG_FILE}: a log key is malformed: ${(error as Error).message}`);
  }
  return { dir, config, logs, signers: await readSigners(dir, config.name) };
}

/**
 * Adds a log by its verifier key (`<name>+<hex>+<base64(0x01 || key)>`); its origin is the
 * key's name unless given. A second key for a known origin is added beside the first (rotation).
 */
export async function addLog(
  dir: string,
  verifierKey: string,
  origin?: string,
): Promise<{ origin: string; added: boolean }> {
  const key = parseVerifierKey(verifierKey.trim());
  const logOrigin = origin ?? key.name;
  if (!ZOrigin.safeParse(logOrigin).success)
    throw new WitnessDirectoryError('the origin must be 1 to 255 characters, one line');
  const config = await readConfig(dir);
  const canonical = verifierKey.trim();
  const existing = config.logs.find((log) => log.origin === logOrigin);
  if (existing?.verifierKeys.includes(canonical)) return { origin: logOrigin, added: false };
  if (existing) existing.verifierKeys.push(canonical);
  else config.logs.push({ origin: logOrigin, verifierKeys: [canonical] });
  await writeConfig(dir, config);
  return { origin: logOrigin, added: true };
}

/**
 * Stops witnessing a log: its origin and keys leave `witness.json` (the server must not be
 * running; restart it to apply). Its state file stays unless the caller moves it. Returns
 * whether the log was there.
 */
export async function removeLog(dir: string, origin: string): Promise<boolean> {
  const config = await readConfig(dir);
  const logs = config.logs.filter((log) => log.origin !== origin);
  if (logs.length === config.logs.length) return false;
  await writeConfig(dir, { ...config, logs });
  return true;
}
