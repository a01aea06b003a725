/**
 * What a `verity` command is, for the dispatcher (run-verity-cli.ts) and for every command: a
 * pure async function of its arguments and of the I/O it is given (`CliDeps`: files, hashing,
 * HTTP), answering lines for stdout and stderr and an exit code. Nothing is printed or read from
 * the process here, so commands are tested in process; main.ts wires Node's I/O.
 *
 * Portable: commands import nothing server-only and nothing of the portal's database, so this
 * folder can become the depositors' package (DESIGN.md, packages/client) as it is;
 * boundary.test.ts checks every import reachable from main.ts.
 *
 * @module
 */
import { EXIT, type ExitCode } from './exit-codes';

export type ReadFile = (path: string) => Promise<Uint8Array>;

/** `fetch` as the commands call it (tests pass a stub server's, main.ts the global one). */
export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

/** The I/O every command may use; main.ts gives Node's, tests their own. */
export interface CliDeps {
  /** This package's version (package.json). */
  version: string;
  readFile: ReadFile;
  /** SHA-256 and SM3 (lowercase hex) of the file at `path`, streamed, and its size. */
  hashFile: (path: string) => Promise<{ sha256: string; sm3: string; bytes: number }>;
  fetch: Fetch;
  /**
   * Long-running commands only (`verity witness serve`): print a line now rather than in the
   * result, and resolve when the process is asked to stop (SIGINT, SIGTERM). main.ts gives both.
   */
  print?: (line: string) => void;
  /** Long-running commands: a warning or error line now, on stderr (main.ts gives it). */
  printError?: (line: string) => void;
  untilStopped?: () => Promise<string>;
  /**
   * Where a long task shows its progress as it goes (`verity monitor`): stderr, and whether it is
   * a terminal (then one line redrawn in place; otherwise a plain line now and then).
   */
  progress?: { tty: boolean; write: (text: string) => void };
  /** The directory relative paths and default files are taken from (process.cwd()). */
  cwd?: string;
  /** The environment settings are read from (VERITY_URL, VERITY_API_KEY…: config/load-config.ts); main.ts passes process.env. */
  env?: Record<string, string | undefined>;
  /** The user's home directory, for ~/.config/verity/config.json (os.homedir()). */
  home?: string;
}

export interface CommandResult {
  exitCode: ExitCode;
  stdout: string[];
  stderr: string[];
}

export interface VerityCommand {
  /** The word after `verity`. */
  name: string;
  /** The arguments shown after the name in `verity --help`. */
  synopsis: string;
  /** One line for `verity --help`. */
  summary: string;
  /** The whole text of `verity <name> --help`. */
  usage: string;
  run(argv: readonly string[], deps: CliDeps): Promise<CommandResult>;
}

/** A usage error of `command` (exit 2): the message, then where to find the usage. */
export function usageError(command: string, message: string): CommandResult {
  return {
    exitCode: EXIT.USAGE,
    stdout: [],
    stderr: [`verity ${command}: ${message}`, `Run \`npx verity ${command} --help\` for usage.`],
  };
}

/** Text on stdout with exit 0 (help, versions). */
export function printed(text: string): CommandResult {
  return { exitCode: EXIT.OK, stdout: text.split('\n'), stderr: [] };
}
