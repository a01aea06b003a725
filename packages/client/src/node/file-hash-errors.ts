/**
 * The errors of the client's Node file hashing (hash-file-pair.ts, walk-files.ts callers): a file
 * that changed while it was hashed (never deposited: its digests describe no one version of it),
 * and everything else that stops a file being hashed, each with the path it is about.
 *
 * @module
 */

/** The file's size, times or identity changed between the stat before and the stat after, or it was deleted. */
export class FileChangedError extends Error {
  readonly code = 'FILE_CHANGED';
  readonly path: string;

  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'FileChangedError';
    this.path = path;
  }
}

export const FILE_HASH_ERROR_CODES = [
  /** Nothing at the path (before hashing began). */
  'NOT_FOUND',
  /** A directory, socket, device… given where a regular file was expected. */
  'NOT_A_FILE',
  /** The file could not be opened or read (permissions, an I/O error). */
  'UNREADABLE',
  /** The caller's AbortSignal fired. */
  'ABORTED',
  /** The hasher was closed before the file was hashed. */
  'CLOSED',
  /** A hashing thread died (out of memory, killed); the file may be hashed again. */
  'WORKER_FAILED',
] as const;

export type FileHashErrorCode = (typeof FILE_HASH_ERROR_CODES)[number];

export class FileHashError extends Error {
  readonly code: FileHashErrorCode;
  readonly path: string;

  constructor(code: FileHashErrorCode, path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'FileHashError';
    this.code = code;
    this.path = path;
  }
}

/** The error for a failed `stat`/`open`/`read` of `path`, from Node's errno code. */
export function fileErrorFromErrno(path: string, errno: string | undefined, message: string): FileHashError {
  if (errno === 'ENOENT' || errno === 'ENOTDIR') return new FileHashError('NOT_FOUND', path, 'no such file');
  if (errno === 'EISDIR') return new FileHashError('NOT_A_FILE', path, 'a directory, not a file');
  if (errno === 'EACCES' || errno === 'EPERM') {
    return new FileHashError('UNREADABLE', path, 'permission denied (cannot read the file)');
  }
  return new FileHashError('UNREADABLE', path, `cannot be read (${errno ?? message})`);
}
