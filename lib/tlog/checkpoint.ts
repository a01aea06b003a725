/**
 * C2SP tlog-checkpoint: the note text (body) of a signed checkpoint.
 *
 *     <origin>\n
 *     <tree size, ASCII decimal, no leading zeros>\n
 *     <root hash, standard base64 of 32 bytes>\n
 *     [<extension line>\n]...
 *
 * Parsing is strict so that one checkpoint has exactly one text, and the text that was signed is
 * the text that is read: no leading zeros, canonical base64, a 32-byte root, a final newline, no
 * empty lines, no control characters. Signing and signature checks live in sign-note.ts and
 * verify-checkpoint.ts; this file only handles the body.
 *
 * @see https://c2sp.org/tlog-checkpoint
 * @module
 */
import { base64ToBytes, bytesToBase64, hasControlCharacter, isWellFormedText } from './encoding';
import { TlogError } from './errors';
import { HASH_SIZE } from './hash';
import { parseUint64Decimal, toUint64, type Uint64Like } from './uint64';

export interface Checkpoint {
  /** The log's unique identity, e.g. `verity.example/log`. Non-empty. */
  origin: string;
  /** Number of leaves in the tree. */
  size: bigint;
  /** RFC 6962 root hash of the tree at `size` (32 bytes). */
  rootHash: Uint8Array;
  /** Opaque extension lines after the root hash (not recommended by the spec; usually empty). */
  extensions: string[];
}

export interface FormatCheckpointOptions {
  origin: string;
  size: Uint64Like;
  rootHash: Uint8Array;
  extensions?: readonly string[];
}

function fail(message: string): never {
  throw new TlogError('MALFORMED_CHECKPOINT', `checkpoint: ${message}`);
}

/** Parses a checkpoint body (the note text, ending in a newline). */
export function parseCheckpoint(text: string): Checkpoint {
  if (typeof text !== 'string') throw new TlogError('INVALID_ARGUMENT', 'checkpoint text must be a string');
  if (!isWellFormedText(text)) fail('text is not well-formed Unicode');
  if (hasControlCharacter(text)) fail('contains a control character other than newline');
  if (!text.endsWith('\n')) fail('must end with a newline');

  const lines = text.slice(0, -1).split('\n');
  const [origin, sizeLine, rootLine, ...extensions] = lines;
  if (origin === undefined || sizeLine === undefined || rootLine === undefined) {
    fail(`needs at least 3 lines (origin, size, root hash), got ${lines.length}`);
  }
  lines.forEach((line, i) => {
    if (line === '') fail(`line ${i + 1} is empty`);
  });

  const size = parseUint64Decimal(sizeLine, 'checkpoint tree size', 'MALFORMED_CHECKPOINT');
  let rootHash: Uint8Array;
  try {
    rootHash = base64ToBytes(rootLine);
  } catch {
    fail('root hash is not canonical standard base64');
  }
  if (rootHash.length !== HASH_SIZE) fail(`root hash is ${rootHash.length} bytes, expected ${HASH_SIZE}`);
  return { origin, size, rootHash, extensions };
}

/** Formats a checkpoint body; the result parses back to the same values. */
export function formatCheckpoint(checkpoint: FormatCheckpointOptions): string {
  if (typeof checkpoint !== 'object' || checkpoint === null) {
    throw new TlogError('INVALID_ARGUMENT', 'checkpoint must be an object');
  }
  const { origin, rootHash, extensions = [] } = checkpoint;
  const size = toUint64(checkpoint.size, 'checkpoint tree size');
  if (!(rootHash instanceof Uint8Array) || rootHash.length !== HASH_SIZE) {
    throw new TlogError('INVALID_HASH_SIZE', `checkpoint root hash must be ${HASH_SIZE} bytes`);
  }
  if (!Array.isArray(extensions)) throw new TlogError('INVALID_ARGUMENT', 'checkpoint extensions must be an array');
  for (const line of [origin, ...extensions]) {
    if (typeof line !== 'string' || line === '' || line.includes('\n')) {
      throw new TlogError('INVALID_ARGUMENT', 'checkpoint origin and extension lines must be non-empty single lines');
    }
  }
  const text = `${[origin, size.toString(), bytesToBase64(rootHash), ...extensions].join('\n')}\n`;
  parseCheckpoint(text); // rejects control characters and anything else parse would refuse
  return text;
}
