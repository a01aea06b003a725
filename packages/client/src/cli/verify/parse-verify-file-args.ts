/**
 * The arguments of `verity verify <file>`: the file, and `--receipt`, `--offline`, `--url`,
 * `--log-key`, `--witness-key` (repeatable), `--quorum`, `--retries`, `--config`, `--json` (../parse-command-line.ts).
 * Only the shape is checked here; keys and files are read by the command.
 *
 * @module
 */
import { parseCommandLine } from '../parse-command-line';

export interface VerifyFileArgs {
  file: string;
  receipt?: string;
  offline: boolean;
  url?: string;
  logKey?: string;
  witnessKeys: string[];
  quorum?: number;
  /** `--retries <n>`: retries of a failed request to the portal (default 5). */
  retries?: number;
  config?: string;
  json: boolean;
  help?: boolean;
}

const OPTIONS = {
  receipt: { type: 'string' },
  offline: { type: 'boolean' },
  url: { type: 'string' },
  'log-key': { type: 'string' },
  'witness-key': { type: 'string', multiple: true },
  quorum: { type: 'string' },
  retries: { type: 'string' },
  config: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseVerifyFileArgs(
  argv: readonly string[],
): { ok: true; args: VerifyFileArgs } | { ok: false; message: string } {
  const parsed = parseCommandLine(argv, OPTIONS);
  if (!parsed.ok) return parsed;
  const { values, positionals } = parsed;
  if (values.help) return { ok: true, args: { file: '', offline: false, witnessKeys: [], json: false, help: true } };
  if (positionals.length !== 1) {
    return {
      ok: false,
      message:
        positionals.length === 0
          ? 'name the file to check (its receipt is <file>.verity-receipt.json unless --receipt says otherwise)'
          : `one file at a time; got ${positionals.length}: ${positionals.join(' ')}`,
    };
  }
  if (values.offline && values.url !== undefined) {
    return { ok: false, message: '--offline and --url contradict each other: an offline check asks no portal' };
  }
  let quorum: number | undefined;
  if (values.quorum !== undefined) {
    quorum = Number(values.quorum);
    if (!/^[1-9]\d{0,1}$/.test(values.quorum)) {
      return { ok: false, message: `--quorum needs a whole number of witnesses, 1 or more (got ${values.quorum})` };
    }
  }
  if (values.retries !== undefined && !/^(?:[0-9]|10)$/.test(values.retries)) {
    return { ok: false, message: `--retries needs a whole number from 0 to 10 (got ${values.retries})` };
  }
  return {
    ok: true,
    args: {
      ...(values.retries === undefined ? {} : { retries: Number(values.retries) }),
      file: positionals[0] as string,
      receipt: values.receipt,
      offline: values.offline === true,
      url: values.url,
      logKey: values['log-key'],
      witnessKeys: values['witness-key'] ?? [],
      quorum,
      config: values.config,
      json: values.json === true,
    },
  };
}
