/**
 * A demo witness's folder (`<data folder>/witnesses/<slug>/`), made ready before its server
 * starts: created with `verity witness init` on first start, the log added with `verity witness
 * add-log <log verifier key>`, and kept across restarts (same key, same state). The commands run
 * in this process (packages/client/src/cli/witness, the same code as `npx verity witness …`).
 *
 * A changed log key (the data folder's `log-signer-key` was lost, or VERITY_LOG_SIGNER_KEY names
 * another key) means, for a demo on one machine, a new log: the demo witness stops trusting the
 * old key, sets its record of the old log aside in `retired/` (kept, never deleted), and
 * witnesses the new log from its start. Otherwise it would refuse every checkpoint of the new log
 * as another history of the old one (the default origin is the same), and nothing would ever be
 * witnessed. A real witness never does this by itself: its operator decides (lib/witness/README.md).
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { parseVerifierKey } from '@/lib/tlog';
import { CONFIG_FILE, readConfig, removeLog } from '../../lib/witness/witness-directory';
import { WitnessStateStore } from '../../lib/witness/witness-state';
import { WITNESS } from '../../packages/client/src/cli/witness/witness-command';
import { witnessCliDeps } from './witness-cli-deps';

export interface DemoWitnessFolder {
  /** The witness's cosigner verifier key, `<name>+<hex>+<base64>`. */
  verifierKey: string;
  /** The logs it stopped witnessing because the log's key changed (their origins). */
  retired: string[];
}

export class DemoWitnessFolderError extends Error {
  override name = 'DemoWitnessFolderError';
}

function damaged(dir: string, why: string): DemoWitnessFolderError {
  return new DemoWitnessFolderError(
    `The demo witness folder ${dir} is damaged: ${why}. Move the folder away to start this demo witness ` +
      'afresh (it then gets a new key, and the witness keeps nothing of its past).',
  );
}

async function witness(argv: string[], dir: string): Promise<string[]> {
  const result = await WITNESS.run([...argv, '--dir', dir], witnessCliDeps());
  if (result.exitCode !== 0) {
    throw damaged(dir, result.stderr[0]?.replace(/^verity witness: /, '') ?? `exit ${result.exitCode}`);
  }
  return result.stdout;
}

export async function prepareDemoWitnessFolder(
  dir: string,
  options: { keyName: string; logVerifierKey: string },
): Promise<DemoWitnessFolder> {
  if (!existsSync(path.join(dir, CONFIG_FILE))) {
    const present = existsSync(dir) ? await readdir(dir) : [];
    if (present.includes('keys') || present.includes('state')) {
      throw damaged(dir, `it holds keys or state but no ${CONFIG_FILE}`);
    }
    await mkdir(path.dirname(dir), { recursive: true });
    await witness(['init', '--name', options.keyName], dir);
  }
  let config: Awaited<ReturnType<typeof readConfig>>;
  try {
    config = await readConfig(dir);
  } catch (error) {
    throw damaged(dir, (error as Error).message);
  }
  const origin = parseVerifierKey(options.logVerifierKey).name;
  const retired: string[] = [];
  for (const log of config.logs) {
    if (log.origin === origin && log.verifierKeys.length === 1 && log.verifierKeys[0] === options.logVerifierKey)
      continue;
    await retire(dir, log.origin);
    retired.push(log.origin);
  }
  await witness(['add-log', options.logVerifierKey], dir);
  const [verifierKey] = await witness(['key'], dir);
  if (!verifierKey) throw damaged(dir, 'it holds no cosigner key');
  return { verifierKey, retired };
}

/** Stops witnessing `origin` and moves its state file to `retired/<file>.<time>`. */
async function retire(dir: string, origin: string): Promise<void> {
  const stateFile = new WitnessStateStore(dir).fileOf(origin);
  if (existsSync(stateFile)) {
    const retiredDir = path.join(dir, 'retired');
    await mkdir(retiredDir, { recursive: true, mode: 0o700 });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    await rename(stateFile, path.join(retiredDir, `${path.basename(stateFile)}.${stamp}`));
  }
  await removeLog(dir, origin);
}
