/**
 * The `verity` command line (package.json "bin", started by bin/verity.mjs through main.ts): the
 * table of commands, `--help` (every command, one line each), `help <command>`, `--version`, and
 * exit code 2 for anything else. Each command is a `VerityCommand` (command.ts) in a folder of its
 * own beside this file; adding one is adding it to COMMANDS.
 *
 * @module
 */

import { ADMIN } from './admin/admin-command';
import { BACKUP, RESTORE } from './admin/backup-command';
import { type CliDeps, type CommandResult, printed, type VerityCommand } from './command';
import { DEPOSIT } from './deposit/deposit-command';
import { EXIT } from './exit-codes';
import { KEYS } from './keys/keys-command';
import { MONITOR } from './monitor/monitor-command';
import { VERIFY } from './verify/verify-command';
import { VERIFY_CERTIFICATE } from './verify-certificate/verify-certificate-command';
import { WITNESS } from './witness/witness-command';

/** Every command, in the order `verity --help` lists them. */
export const COMMANDS: readonly VerityCommand[] = [
  DEPOSIT,
  VERIFY,
  VERIFY_CERTIFICATE,
  KEYS,
  WITNESS,
  MONITOR,
  ADMIN,
  BACKUP,
  RESTORE,
];

/** `verity --help`: the commands from COMMANDS, aligned. */
export function verityUsage(commands: readonly VerityCommand[] = COMMANDS): string {
  const heads = commands.map((c) => `${c.name} ${c.synopsis}`.trimEnd());
  const width = Math.max(...heads.map((h) => h.length)) + 3;
  return [
    'Usage: npx verity <command> [arguments]',
    '',
    'Commands:',
    ...commands.map((c, i) => `  ${(heads[i] ?? '').padEnd(width)}${c.summary}`),
    '',
    'Options:',
    '  -h, --help      this help; `npx verity <command> --help` (or `help <command>`) for a command',
    '  -v, --version   the version of this command',
    '',
    'Exit status: 0 everything passed, 1 something failed, 2 usage error (bad arguments, unreadable file),',
    '3 a server could not be reached (verify, monitor; nothing was concluded).',
  ].join('\n');
}

function usageFailure(message: string): CommandResult {
  return { exitCode: EXIT.USAGE, stdout: [], stderr: [`verity: ${message}`, ...verityUsage().split('\n')] };
}

export async function runVerityCli(argv: readonly string[], deps: CliDeps): Promise<CommandResult> {
  const [name, ...rest] = argv;
  const command = COMMANDS.find((c) => c.name === name);
  if (command) return command.run(rest, deps);
  switch (name) {
    case '--version':
    case '-v':
    case 'version':
      return printed(`verity ${deps.version}`);
    case '--help':
    case '-h':
    case 'help': {
      if (rest[0] === undefined) return printed(verityUsage());
      const asked = COMMANDS.find((c) => c.name === rest[0]);
      return asked ? printed(asked.usage) : usageFailure(`unknown command ${rest[0]}`);
    }
    case undefined:
      return usageFailure('name a command');
    default:
      return usageFailure(`unknown command ${name}`);
  }
}
