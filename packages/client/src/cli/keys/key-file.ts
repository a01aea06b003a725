/**
 * A depositor's signing key file, `verity-depositor-key/v1`: written by `verity keys generate`,
 * read by `verity keys show` and by `--sign-key` (readSigningKey).
 *
 *   { "format": "verity-depositor-key/v1", "algorithm": "ed25519" | "sm2",
 *     "publicKey": "<standard base64 of the raw public key, as the portal's depositor page registers it>",
 *     "privateKey": "<64 hex: the Ed25519 seed or the SM2 scalar d>" }
 *
 * Written with mode 0600 and exclusive creation (O_EXCL): an existing file — perhaps the key a
 * portal already trusts — is never replaced. Read back through zod, and the public key recomputed
 * from the private key must equal the one in the file (a damaged or hand-edited file is refused).
 *
 * A key file readable by group or others is used with a warning, not refused: keys live on CI
 * volumes and mounts whose mode bits mean little (a refusal would only teach people to copy keys
 * elsewhere), while the warning says exactly which `chmod` fixes it.
 *
 * @see lib/ledger/statement/sign-deposit-request.ts (the key shapes)
 * @module
 */
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { z } from 'zod';
import { bytesToHex, hexToBytes } from '@/lib/hashing';
import { type DepositorPrivateKey, depositorPublicKey } from '@/lib/ledger/statement';
import { bytesToBase64 } from '@/lib/tlog';

export const KEY_FILE_FORMAT = 'verity-depositor-key/v1';
export const DEFAULT_KEY_FILE = 'verity-depositor-key.json';

export const ZKeyFile = z.strictObject({
  format: z.literal(KEY_FILE_FORMAT, { message: `format must be "${KEY_FILE_FORMAT}"` }),
  algorithm: z.enum(['ed25519', 'sm2'], { message: 'algorithm must be "ed25519" or "sm2"' }),
  publicKey: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'publicKey must be standard base64'),
  privateKey: z.string().regex(/^[0-9a-f]{64}$/, 'privateKey must be 64 lowercase hex digits'),
});
export type KeyFile = z.infer<typeof ZKeyFile>;

export type KeyFileErrorCode = 'NOT_FOUND' | 'UNREADABLE' | 'MALFORMED' | 'EXISTS';

export class KeyFileError extends Error {
  readonly code: KeyFileErrorCode;
  readonly path: string;

  constructor(code: KeyFileErrorCode, path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'KeyFileError';
    this.code = code;
    this.path = path;
  }
}

export interface ReadSigningKeyOptions {
  /** Where the warning about a key file others can read goes. Default: a line on stderr. */
  warn?: (message: string) => void;
}

/** The key in a `verity-depositor-key/v1` file, checked (format, shape, public key matches). */
export async function readSigningKey(path: string, options: ReadSigningKeyOptions = {}): Promise<DepositorPrivateKey> {
  const warn = options.warn ?? ((message: string) => process.stderr.write(`warning: ${message}\n`));
  let text: string;
  let mode: number;
  try {
    text = await readFile(path, 'utf8');
    mode = (await stat(path)).mode;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new KeyFileError('NOT_FOUND', path, 'no such key file');
    throw new KeyFileError('UNREADABLE', path, `the key file cannot be read (${code ?? String(error)})`);
  }
  if ((mode & 0o077) !== 0) {
    const octal = (mode & 0o777).toString(8).padStart(3, '0');
    warn(`${path}: this private key file can be read by others (mode ${octal}); run: chmod 600 ${path}`);
  }
  return parseKeyFile(path, text);
}

/** The key in the text of a key file, checked; `path` only names it in errors. */
export function parseKeyFile(path: string, text: string): DepositorPrivateKey {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new KeyFileError('MALFORMED', path, 'not a key file (not JSON)');
  }
  const parsed = ZKeyFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KeyFileError('MALFORMED', path, `not a ${KEY_FILE_FORMAT} file: ${issue?.message ?? 'invalid'}`);
  }
  const key: DepositorPrivateKey = { algorithm: parsed.data.algorithm, privateKey: hexToBytes(parsed.data.privateKey) };
  let publicKey: Uint8Array;
  try {
    publicKey = depositorPublicKey(key);
  } catch (error) {
    throw new KeyFileError(
      'MALFORMED',
      path,
      `the private key is not a valid ${key.algorithm} key (${(error as Error).message})`,
    );
  }
  if (bytesToBase64(publicKey) !== parsed.data.publicKey) {
    throw new KeyFileError(
      'MALFORMED',
      path,
      'the public key in the file is not the private key’s (damaged or edited)',
    );
  }
  return key;
}

/** The file's JSON object for `key`. */
export function keyFileFor(key: DepositorPrivateKey): KeyFile {
  return {
    format: KEY_FILE_FORMAT,
    algorithm: key.algorithm,
    publicKey: bytesToBase64(depositorPublicKey(key)),
    privateKey: bytesToHex(key.privateKey),
  };
}

/** Writes `key` to a new file at `path` (0600, flushed to disk); EXISTS if anything is there already. */
export async function writeKeyFile(path: string, key: DepositorPrivateKey): Promise<void> {
  const text = `${JSON.stringify(keyFileFor(key), null, 2)}\n`;
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new KeyFileError('EXISTS', path, 'a file is already there; it is never overwritten');
    throw new KeyFileError('UNREADABLE', path, `cannot create the key file (${code ?? String(error)})`);
  }
  try {
    await handle.writeFile(text);
    await handle.sync();
    await handle.close();
  } catch (error) {
    // A half-written file (a full disk) would block the next attempt, since files are never overwritten.
    await handle.close().catch(() => {});
    await unlink(path).catch(() => {});
    throw new KeyFileError('UNREADABLE', path, `the key file could not be written (${(error as Error).message})`);
  }
}

/** For `keys show`: the base64 public key of a key (what the portal's form takes). */
export function publicKeyBase64(key: DepositorPrivateKey): string {
  return bytesToBase64(depositorPublicKey(key));
}
