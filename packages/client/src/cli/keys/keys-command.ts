/**
 * `verity keys generate|show`: the signing key a depositor signs deposit statements with
 * (`verity deposit --sign-key <file>`), in a `verity-depositor-key/v1` file (key-file.ts), and its
 * public key as the portal's depositor page registers it (algorithm, standard base64).
 *
 * @module
 */
import path from 'node:path';
import { type CommandResult, printed, usageError, type VerityCommand } from '../command';
import { EXIT } from '../exit-codes';
import { type OptionSpecs, parseCommandLine } from '../parse-command-line';
import { generateDepositorKey } from './generate-depositor-key';
import { DEFAULT_KEY_FILE, KeyFileError, publicKeyBase64, readSigningKey, writeKeyFile } from './key-file';

export const KEYS_USAGE = `Usage: npx verity keys generate --alg ed25519|sm2 [--out <file>] [--json]
       npx verity keys show [<file>] [--json]

The key a depositor signs deposit statements with (verity deposit --sign-key <file>). The portal
accepts a signed statement only when its public key is registered for the depositor: an
administrator adds it on the depositor's page (Signing keys: the algorithm and the public key
exactly as printed here).

Subcommands:
  generate --alg <alg>   a new key in a new file, mode 0600 (an existing file is never overwritten),
                         and its public key
  show [<file>]          the algorithm and public key of a key file

Options:
  --alg <alg>            ed25519 (RFC 8032) or sm2 (GB/T 32918.2 with SM3)
  --out <file>           generate: where to write the key (default ./${DEFAULT_KEY_FILE})
  --json                 {"algorithm", "publicKey", "file"} on stdout instead of text
  -h, --help             this help

Keep the key file secret and backed up: anyone holding it can sign in the depositor's name until
the key is revoked on the portal. A key file others can read is used with a warning.

Exit status: 0 done, 1 generate: a file is already at --out, 2 usage error (bad arguments; a
missing, unreadable or damaged key file).`;

const OPTIONS = {
  alg: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpecs;

const NAMES = { ed25519: 'Ed25519', sm2: 'SM2' } as const;

export const KEYS: VerityCommand = {
  name: 'keys',
  synopsis: 'generate --alg ed25519|sm2 | show [<file>]',
  summary: 'create a depositor signing key, or print its public key to register on the portal',
  usage: KEYS_USAGE,
  async run(argv, deps) {
    const parsed = parseCommandLine(argv, OPTIONS);
    if (!parsed.ok) return usageError('keys', parsed.message);
    const { values, positionals } = parsed;
    if (values.help) return printed(KEYS_USAGE);
    const [subcommand, ...rest] = positionals;
    const cwd = deps.cwd ?? process.cwd();
    if (subcommand === 'generate') {
      if (rest.length > 0) return usageError('keys', `generate takes no file argument (use --out): ${rest[0]}`);
      if (values.alg !== 'ed25519' && values.alg !== 'sm2') {
        return usageError(
          'keys',
          values.alg ? `--alg must be ed25519 or sm2, not ${values.alg}` : 'generate needs --alg ed25519|sm2',
        );
      }
      return generate(values.alg, path.resolve(cwd, values.out ?? DEFAULT_KEY_FILE), values.json === true);
    }
    if (subcommand === 'show') {
      if (values.alg || values.out) return usageError('keys', 'show takes only a file and --json');
      if (rest.length > 1) return usageError('keys', 'show takes one key file');
      return show(path.resolve(cwd, rest[0] ?? DEFAULT_KEY_FILE), values.json === true);
    }
    return usageError('keys', subcommand ? `unknown subcommand ${subcommand}` : 'name a subcommand: generate or show');
  },
};

async function generate(algorithm: 'ed25519' | 'sm2', file: string, json: boolean): Promise<CommandResult> {
  const key = generateDepositorKey(algorithm);
  try {
    await writeKeyFile(file, key);
  } catch (error) {
    if (!(error instanceof KeyFileError)) throw error;
    const exitCode = error.code === 'EXISTS' ? EXIT.FAILED : EXIT.USAGE;
    return { exitCode, stdout: [], stderr: [`verity keys: ${error.message}`] };
  }
  const publicKey = publicKeyBase64(key);
  if (json) return { exitCode: EXIT.OK, stdout: [JSON.stringify({ algorithm, publicKey, file })], stderr: [] };
  return {
    exitCode: EXIT.OK,
    stdout: [
      `Wrote a new ${NAMES[algorithm]} signing key to ${file} (mode 0600). Keep it secret; back it up.`,
      '',
      ...describe(algorithm, publicKey, file),
    ],
    stderr: [],
  };
}

async function show(file: string, json: boolean): Promise<CommandResult> {
  const warnings: string[] = [];
  try {
    const key = await readSigningKey(file, { warn: (message) => warnings.push(`warning: ${message}`) });
    const publicKey = publicKeyBase64(key);
    const stdout = json
      ? [JSON.stringify({ algorithm: key.algorithm, publicKey, file })]
      : describe(key.algorithm, publicKey, file);
    return { exitCode: EXIT.OK, stdout, stderr: warnings };
  } catch (error) {
    if (!(error instanceof KeyFileError)) throw error;
    return { exitCode: EXIT.USAGE, stdout: [], stderr: [...warnings, `verity keys: ${error.message}`] };
  }
}

function describe(algorithm: 'ed25519' | 'sm2', publicKey: string, file: string): string[] {
  return [
    `Algorithm:   ${algorithm} (${NAMES[algorithm]})`,
    `Public key:  ${publicKey}`,
    '',
    'Register this public key for the depositor on the portal (depositor page, Signing keys), then',
    `sign deposits with: npx verity deposit --sign-key ${file} …`,
  ];
}
