/**
 * `verity witness init|serve|add-log|list-logs|key`: runs a C2SP tlog-witness (lib/witness) on
 * an institution's own machine. Everything lives in one directory (`--dir`, default
 * ./verity-witness): keys, the logs it witnesses, its state. See lib/witness/README.md.
 *
 * @module
 */
import path from 'node:path';
import { type CosignatureAlgorithm, isTlogError } from '@/lib/tlog';
import { DEFAULT_ADDRESS_RATE_LIMIT, DEFAULT_RATE_LIMIT } from '@/lib/witness/rate-limit';
import {
  addLog,
  initWitness,
  readConfig,
  WitnessDirectoryError,
  witnessVerifierKeys,
} from '@/lib/witness/witness-directory';
import { DEFAULT_WITNESS_PORT, startWitnessServer } from '@/lib/witness/witness-server';
import { WitnessStateError, WitnessStateStore } from '@/lib/witness/witness-state';
import { type CliDeps, type CommandResult, printed, usageError, type VerityCommand } from '../command';
import { EXIT } from '../exit-codes';
import { type OptionSpecs, parseCommandLine } from '../parse-command-line';

const DEFAULT_DIR = 'verity-witness';

export const WITNESS_USAGE = `Usage: npx verity witness <subcommand> [options]

Runs a transparency-log witness (C2SP tlog-witness): it cosigns a log's checkpoints only when
each one extends the last it cosigned, so a log cannot show two histories without being caught.

Subcommands:
  init --name <name> [--algorithm ed25519|ml-dsa-44|both]
                         create the directory and the witness's keys (once; never replaced)
                         and print its verifier key(s) for the logs and verifiers that trust it
  add-log <log verifier key> [--origin <origin>]
                         witness a log: its key "<origin>+<hex>+<base64>" (GET /api/v1/log/key);
                         the origin is the key's name unless given. Restart serve afterwards.
  list-logs              the logs witnessed, their keys and the latest size cosigned
  key                    print the witness's verifier key(s)
  serve [--port <port>] [--host <host>] [--rate <per second>] [--burst <n>]
                         answer POST /add-checkpoint and GET /<sha256(origin)>/checkpoint
                         until stopped (Ctrl-C, SIGTERM)

Options:
  --dir <directory>      the witness's directory (default ./${DEFAULT_DIR}); back up keys/ and
                         state/ together, and never run two servers on one directory
  --name <name>          init: the witness's name, a schema-less URL (e.g. witness.notary.example/1)
  --algorithm <a>        init: ed25519 (default), ml-dsa-44 (post-quantum), or both
  --port <port>          serve: default ${DEFAULT_WITNESS_PORT}; 0 for any free port
  --host <host>          serve: default 127.0.0.1 (put a reverse proxy with TLS in front)
  --rate, --burst        serve: validly signed requests per second and burst allowed per log
                         (default ${DEFAULT_RATE_LIMIT.rate} and ${DEFAULT_RATE_LIMIT.burst}); more are answered 429 (each
                         client address also gets ${DEFAULT_ADDRESS_RATE_LIMIT.rate}/s, burst ${DEFAULT_ADDRESS_RATE_LIMIT.burst})
  -h, --help             this help

Exit status: 0 done (serve: stopped by a signal), 1 failed (no witness in --dir, a damaged
state, the port taken), 2 usage error.`;

const OPTIONS = {
  dir: { type: 'string' },
  name: { type: 'string' },
  algorithm: { type: 'string' },
  origin: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  rate: { type: 'string' },
  burst: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpecs;

/** Which options each subcommand takes (besides --dir and --help). */
const ALLOWED: Record<string, readonly (keyof typeof OPTIONS)[]> = {
  init: ['name', 'algorithm'],
  'add-log': ['origin'],
  'list-logs': [],
  key: [],
  serve: ['port', 'host', 'rate', 'burst'],
};
const POSITIONALS: Record<string, number> = { init: 0, 'add-log': 1, 'list-logs': 0, key: 0, serve: 0 };

function failed(message: string): CommandResult {
  return { exitCode: EXIT.FAILED, stdout: [], stderr: [`verity witness: ${message}`] };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Failures of the directory, its state or the network are exit 1; anything else is a bug. */
function expected(error: unknown): boolean {
  return (
    error instanceof WitnessDirectoryError ||
    error instanceof WitnessStateError ||
    isTlogError(error) ||
    (error instanceof Error && 'code' in error)
  );
}

function number(text: string | undefined, what: string, min: number, max: number): number | string {
  if (text === undefined) return Number.NaN;
  const value = Number(text);
  if (!/^[0-9]+(\.[0-9]+)?$/.test(text) || value < min || value > max)
    return `${what} must be a number from ${min} to ${max}`;
  return value;
}

function algorithmsOf(text: string | undefined): CosignatureAlgorithm[] | undefined {
  switch (text ?? 'ed25519') {
    case 'ed25519':
      return ['ed25519'];
    case 'ml-dsa-44':
      return ['ml-dsa-44'];
    case 'both':
      return ['ed25519', 'ml-dsa-44'];
    default:
      return undefined;
  }
}

async function serve(dir: string, values: Record<string, string | true | undefined>, deps: CliDeps) {
  const port = values.port === undefined ? DEFAULT_WITNESS_PORT : number(values.port as string, '--port', 0, 65535);
  const rate =
    values.rate === undefined ? DEFAULT_RATE_LIMIT.rate : number(values.rate as string, '--rate', 0.001, 1e6);
  const burst =
    values.burst === undefined ? DEFAULT_RATE_LIMIT.burst : number(values.burst as string, '--burst', 1, 1e6);
  for (const value of [port, rate, burst]) if (typeof value === 'string') return usageError('witness', value);
  if (typeof port === 'number' && !Number.isInteger(port)) return usageError('witness', '--port must be an integer');
  if (!deps.untilStopped) return failed('serve runs only from the command line (npx verity witness serve)');
  const running = await startWitnessServer(dir, {
    port: port as number,
    host: (values.host as string | undefined) ?? '127.0.0.1',
    rateLimit: { rate: rate as number, burst: burst as number },
  });
  const say = deps.print ?? (() => undefined);
  say(`witness ${running.name} listening on ${running.url} (directory ${dir})`);
  for (const key of running.verifierKeys) say(`verifier key: ${key}`);
  const signal = await deps.untilStopped();
  await running.close();
  return { exitCode: EXIT.OK, stdout: [`witness stopped (${signal})`], stderr: [] } satisfies CommandResult;
}

export const WITNESS: VerityCommand = {
  name: 'witness',
  synopsis: 'init|serve|add-log|list-logs|key',
  summary: 'run a witness that cosigns a log’s checkpoints (C2SP tlog-witness)',
  usage: WITNESS_USAGE,
  async run(argv, deps): Promise<CommandResult> {
    const parsed = parseCommandLine(argv, OPTIONS);
    if (!parsed.ok) return usageError('witness', parsed.message);
    const { values, positionals } = parsed;
    if (values.help) return printed(WITNESS_USAGE);
    const [sub, ...args] = positionals;
    if (sub === undefined) return usageError('witness', 'name a subcommand: init, serve, add-log, list-logs or key');
    const allowed = ALLOWED[sub];
    if (!allowed) return usageError('witness', `unknown subcommand ${sub}`);
    for (const option of Object.keys(values)) {
      if (option !== 'dir' && option !== 'help' && !allowed.includes(option as keyof typeof OPTIONS)) {
        return usageError('witness', `${sub} takes no --${option}`);
      }
    }
    if (args.length !== POSITIONALS[sub]) {
      return usageError(
        'witness',
        sub === 'add-log' ? 'add-log takes one log verifier key' : `${sub} takes no arguments`,
      );
    }
    const dir = path.resolve(values.dir ?? DEFAULT_DIR);

    try {
      switch (sub) {
        case 'init': {
          if (!values.name) return usageError('witness', 'init needs --name <name> (e.g. witness.notary.example/1)');
          const algorithms = algorithmsOf(values.algorithm);
          if (!algorithms) return usageError('witness', '--algorithm must be ed25519, ml-dsa-44 or both');
          const keys = await initWitness(dir, { name: values.name, algorithms });
          return printed(
            [
              `witness ${values.name} created in ${dir}`,
              'Its verifier key(s), for the logs and verifiers that trust it:',
              ...keys,
              'Next: verity witness add-log <log verifier key>, then verity witness serve.',
            ].join('\n'),
          );
        }
        case 'key':
          return printed((await witnessVerifierKeys(dir)).join('\n'));
        case 'add-log': {
          const { origin, added } = await addLog(dir, args[0] ?? '', values.origin);
          return printed(
            added ? `now witnessing ${origin} (restart serve to apply)` : `already witnessing ${origin} with that key`,
          );
        }
        case 'list-logs': {
          const config = await readConfig(dir);
          const state = new WitnessStateStore(dir);
          const lines: string[] = [];
          for (const log of config.logs) {
            const latest = await state.read(log.origin);
            lines.push(
              `${log.origin}  latest cosigned size: ${latest ? `${latest.size} at ${new Date(latest.cosignedAt * 1000).toISOString()}` : 'none yet'}`,
              ...log.verifierKeys.map((key) => `  key ${key}`),
            );
          }
          return printed(
            lines.length > 0 ? lines.join('\n') : 'no logs yet: verity witness add-log <log verifier key>',
          );
        }
        case 'serve':
          return await serve(dir, values, deps);
        default:
          return usageError('witness', `unknown subcommand ${sub}`);
      }
    } catch (error) {
      if (isTlogError(error) && sub === 'add-log')
        return usageError('witness', `not a log verifier key: ${error.message}`);
      if (expected(error)) return failed(errorText(error));
      throw error;
    }
  },
};
