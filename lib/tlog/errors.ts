/**
 * The one error type of `lib/tlog`. Every public function either returns a value it has fully
 * checked or throws a `TlogError` whose `code` says which check failed, so a caller can map a
 * failure to a verdict (`invalid_proof`) or an HTTP status without parsing messages.
 *
 * The module never imports the app-wide `AppError` (lib/errors): it must stay free of the rest
 * of `lib/` to run in the browser and in Web Workers. Callers translate at their edge.
 *
 * @module
 */

export const TLOG_ERROR_CODES = [
  /** A caller passed a value of the wrong type or shape (a programming error, not bad data). */
  'INVALID_ARGUMENT',
  /** Base64 or hex text is not canonical: bad characters, length or padding. */
  'INVALID_ENCODING',
  /** A hash (leaf, node, root, proof element) does not have the hasher's output size. */
  'INVALID_HASH_SIZE',
  /** The leaf index is not below the tree size. */
  'INDEX_OUT_OF_RANGE',
  /** Two tree sizes cannot be related: the second is smaller than the first. */
  'INVALID_TREE_SIZES',
  /** A consistency proof from the empty tree proves nothing and is refused. */
  'EMPTY_TREE',
  /** A proof has a different number of hashes than the sizes and index require. */
  'WRONG_PROOF_SIZE',
  /** The root computed from a proof differs from the expected root. */
  'ROOT_MISMATCH',
  /** A checkpoint body does not follow c2sp.org/tlog-checkpoint. */
  'MALFORMED_CHECKPOINT',
  /** A signed note does not follow c2sp.org/signed-note. */
  'MALFORMED_NOTE',
  /** A verifier or signer key string is malformed. */
  'MALFORMED_KEY',
  /** The key ID in a key string does not match the one computed from its name and key. */
  'KEY_ID_MISMATCH',
  /** A key uses a signature algorithm this module does not support for its use. */
  'UNSUPPORTED_ALGORITHM',
  /** Two different verifier keys share the same name and key ID. */
  'AMBIGUOUS_KEY',
  /** A signature by a known key does not verify: the whole note is rejected. */
  'SIGNATURE_INVALID',
  /** No signature in the note is by a known key. */
  'NO_VERIFIED_SIGNATURE',
  /** The checkpoint's origin is not the one expected, or was not signed by the log's own key. */
  'ORIGIN_MISMATCH',
  /** Fewer witnesses than the policy's quorum cosigned the checkpoint validly. */
  'NO_QUORUM',
  /** A tlog-proof text does not follow c2sp.org/tlog-proof@v1. */
  'MALFORMED_PROOF',
  /** A path is not a c2sp.org/tlog-tiles tile or entry-bundle path. */
  'MALFORMED_TILE_PATH',
  /** A tile or entry bundle has the wrong length or encoding for its coordinates. */
  'MALFORMED_TILE',
  /** A tile's hashes do not lead to the checkpoint's root, or an entry to its leaf hash. */
  'TILE_MISMATCH',
] as const;

export type TlogErrorCode = (typeof TLOG_ERROR_CODES)[number];

export class TlogError extends Error {
  readonly code: TlogErrorCode;

  constructor(code: TlogErrorCode, message: string) {
    super(message);
    this.name = 'TlogError';
    this.code = code;
  }
}

/** Narrows `error` to a `TlogError`, optionally with one specific code. */
export function isTlogError(error: unknown, code?: TlogErrorCode): error is TlogError {
  return error instanceof TlogError && (code === undefined || error.code === code);
}
