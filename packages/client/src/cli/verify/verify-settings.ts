/**
 * What `verity verify` checks with, resolved before anything is hashed or asked: the pinned log
 * key and witness policy (flags, then the environment and configuration file: ../config/
 * load-config.ts), the portal for an online check, the receipt's path. A problem here is a usage
 * error (exit 2): nothing was checked yet.
 *
 * @module
 */
import path from 'node:path';
import { parseCosignerVerifierKey } from '@/lib/tlog';
import type { WitnessPolicy } from '@/lib/verification/witness-policy';
import type { CliDeps } from '../command';
import { ConfigError, loadCliConfig } from '../config/load-config';
import { readLogKey, readWitnessKey } from '../verify-certificate/read-pinned-keys';
import type { VerifyFileArgs } from './parse-verify-file-args';

export interface VerifySettings {
  file: string;
  receiptPath: string;
  /** Pinned (flag, env, file); undefined online: trusted on first use from the portal, said so. */
  logKey?: string;
  witnesses?: WitnessPolicy;
  /** The portal, for an online check; undefined offline. */
  url?: string;
  /** Where the newest verified checkpoint per log is remembered (online; with a home directory). */
  checkpointsFile?: string;
}

export const PIN_THE_LOG_KEY =
  'an offline check needs the log\'s key pinned: --log-key <key|file>, VERITY_LOG_KEY, or "logKey" in ' +
  'verity.config.json — the text of GET <portal>/api/v1/log/key, compared once with what the court publishes';

export async function resolveVerifySettings(
  args: VerifyFileArgs,
  deps: Pick<CliDeps, 'readFile' | 'cwd' | 'env' | 'home'>,
): Promise<{ ok: true; settings: VerifySettings } | { ok: false; message: string }> {
  const cwd = deps.cwd ?? '.';
  let logKeyFlag: string | undefined;
  if (args.logKey !== undefined) {
    const key = await readLogKey(args.logKey, (p) => deps.readFile(path.resolve(cwd, p)));
    if (!key.ok) return key;
    logKeyFlag = key.value;
  }
  const flagWitnesses: string[] = [];
  for (const value of args.witnessKeys) {
    const key = await readWitnessKey(value, (p) => deps.readFile(path.resolve(cwd, p)));
    if (!key.ok) return key;
    flagWitnesses.push(key.value);
  }
  let config: Awaited<ReturnType<typeof loadCliConfig>>;
  try {
    config = await loadCliConfig({
      env: deps.env ?? {},
      cwd,
      ...(deps.home ? { home: deps.home } : {}),
      ...(args.config ? { configPath: args.config } : {}),
      flags: { ...(args.url ? { url: args.url } : {}), ...(logKeyFlag ? { logKey: logKeyFlag } : {}) },
    });
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, message: error.message };
    throw error;
  }
  const witnessKeys = flagWitnesses.length > 0 ? flagWitnesses : config.witnessKeys;
  const quorum = args.quorum ?? (flagWitnesses.length > 0 ? undefined : config.quorum) ?? witnessKeys.length;
  if (quorum > witnessKeys.length) {
    return { ok: false, message: `--quorum ${quorum} is more than the ${witnessKeys.length} witness keys given` };
  }
  if (args.offline && !config.logKey) return { ok: false, message: PIN_THE_LOG_KEY };
  if (!args.offline && !config.url) {
    return {
      ok: false,
      message:
        'an online check needs the portal: --url <portal>, VERITY_URL, or "url" in verity.config.json (or check with --offline)',
    };
  }
  const file = path.resolve(cwd, args.file);
  return {
    ok: true,
    settings: {
      file,
      receiptPath: args.receipt ? path.resolve(cwd, args.receipt) : `${file}.verity-receipt.json`,
      ...(config.logKey ? { logKey: config.logKey } : {}),
      ...(witnessKeys.length > 0
        ? {
            witnesses: {
              quorum,
              witnesses: witnessKeys.map((k) => ({ name: parseCosignerVerifierKey(k).name, verifierKey: k })),
            },
          }
        : {}),
      ...(args.offline ? {} : { url: config.url }),
      ...(!args.offline && deps.home
        ? { checkpointsFile: path.join(deps.home, '.config', 'verity', 'checkpoints.json') }
        : {}),
    },
  };
}
