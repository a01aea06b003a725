/**
 * The `verity` command line (package.json "bin", started by bin/verity.mjs): subcommands, `--help`
 * and `--version`. Pure apart from what is injected, so tests run it in process.
 *
 * @module
 */
import {
  type CommandResult,
  VERIFY_CERTIFICATE_USAGE,
  type VerifyCertificateDeps,
  verifyCertificateCommand,
} from './verify-certificate-command';

export interface VerityCliDeps extends VerifyCertificateDeps {
  version: string;
}

export const VERITY_USAGE = `Usage: npx verity <command> [arguments]

Commands:
  verify-certificate <cert.pdf|cert.json>   check a verification certificate offline
                                            (npx verity verify-certificate --help for options)

Options:
  -h, --help      this help
  -v, --version   the version of this checker`;

export async function runVerityCli(argv: readonly string[], deps: VerityCliDeps): Promise<CommandResult> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'verify-certificate':
      return verifyCertificateCommand(rest, deps);
    case '--version':
    case '-v':
    case 'version':
      return { exitCode: 0, stdout: [`verity ${deps.version}`], stderr: [] };
    case '--help':
    case '-h':
    case 'help':
      return {
        exitCode: 0,
        stdout: [...VERITY_USAGE.split('\n'), '', ...VERIFY_CERTIFICATE_USAGE.split('\n')],
        stderr: [],
      };
    case undefined:
      return { exitCode: 2, stdout: [], stderr: ['verity: name a command', ...VERITY_USAGE.split('\n')] };
    default:
      return { exitCode: 2, stdout: [], stderr: [`verity: unknown command ${command}`, ...VERITY_USAGE.split('\n')] };
  }
}
