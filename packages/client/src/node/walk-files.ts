/**
 * The files a `verity deposit <files|folders…>` names: each input in the order given, folders
 * walked depth first with each folder's entries in code-point order (the same order on every
 * machine and every run, so a resumed deposit meets the files in the order the first run did).
 *
 * - Symbolic links are followed. A folder that contains itself through a link (its device and
 *   inode already on the path from the input) is a SYMLINK_LOOP problem, not an endless walk; a
 *   link to a link to itself (ELOOP) likewise. A folder reached again by another way is not walked twice.
 * - Each file once: a file reached by two paths (a link to a file of the tree, or a hard link) is
 *   yielded at the first path in walk order (compared by device and inode).
 * - Each entry costs one stat, made synchronously: a few microseconds where a call through
 *   libuv's thread pool costs ~100 µs of latency, which made the walk of 10,000 files take a
 *   second; no call blocks for long (one small system call each).
 * - Problems are yielded, never thrown, so one unreadable folder does not stop a deposit of
 *   10,000 files: UNREADABLE (permission or I/O), NOT_FOUND (missing input, broken link),
 *   NOT_A_FILE (socket, FIFO, device; a receipt file named as an input), SYMLINK_LOOP.
 * - Receipt files (`*.verity-receipt.json`) inside folders, and the paths in `exclude` (the
 *   receipt folder or JSON Lines file of this deposit), are skipped silently.
 *
 * @module
 */
import { readdirSync, type Stats, statSync } from 'node:fs';
import { lstat, stat } from 'node:fs/promises';
import path from 'node:path';

export const RECEIPT_SUFFIX = '.verity-receipt.json';

/**
 * A receipt, or the temporary file a receipt is written to before its rename (a run killed
 * mid-write leaves one: lib/witness/durable-file.ts names it `<receipt>.tmp-<hex>`).
 */
function isReceiptFile(file: string): boolean {
  return file.endsWith(RECEIPT_SUFFIX) || /\.verity-receipt\.json\.tmp-[0-9a-f]+$/.test(file);
}

export interface WalkedFile {
  /** Absolute path. */
  path: string;
  /** The input as given joined with the path below it: for display, and to mirror the tree under a receipt folder. */
  relative: string;
  bytes: number;
  mtimeMs: number;
}

export interface WalkProblem {
  path: string;
  code: 'UNREADABLE' | 'SYMLINK_LOOP' | 'NOT_FOUND' | 'NOT_A_FILE';
  message: string;
}

export interface WalkFilesOptions {
  /** Relative inputs are resolved against it. Default process.cwd(). */
  cwd?: string;
  /** Files or folders never walked (this deposit's receipt folder or JSON Lines file). */
  exclude?: string[];
  /**
   * Filled with the receipt files (`*.verity-receipt.json`) met and skipped in the folders walked:
   * `verity deposit` reads a file's receipt only when it is there, instead of trying every path.
   */
  receiptsSeen?: Set<string>;
}

interface WalkState {
  excludedPaths: Set<string>;
  receiptsSeen?: Set<string>;
  excludedIds: Set<string>;
  seenFiles: Set<string>;
  seenDirs: Set<string>;
}

export function isWalkProblem(item: WalkedFile | WalkProblem): item is WalkProblem {
  return 'code' in item;
}

export async function* walkFiles(
  inputs: string[],
  options: WalkFilesOptions = {},
): AsyncGenerator<WalkedFile | WalkProblem> {
  const cwd = options.cwd ?? process.cwd();
  const state: WalkState = {
    excludedPaths: new Set(),
    ...(options.receiptsSeen ? { receiptsSeen: options.receiptsSeen } : {}),
    excludedIds: new Set(),
    seenFiles: new Set(),
    seenDirs: new Set(),
  };
  for (const excluded of options.exclude ?? []) {
    const absolute = path.resolve(cwd, excluded);
    state.excludedPaths.add(absolute);
    const stats = await stat(absolute).catch(() => undefined);
    if (stats) state.excludedIds.add(identity(stats));
  }
  for (const input of inputs) yield* visit(path.resolve(cwd, input), input, [], state, true);
}

async function* visit(
  absolute: string,
  shown: string,
  ancestors: readonly string[],
  state: WalkState,
  named: boolean,
): AsyncGenerator<WalkedFile | WalkProblem> {
  if (state.excludedPaths.has(absolute)) return;
  if (!named && isReceiptFile(absolute)) {
    if (absolute.endsWith(RECEIPT_SUFFIX)) state.receiptsSeen?.add(absolute);
    return;
  }
  let stats: Stats;
  try {
    stats = statSync(absolute);
  } catch (error) {
    yield await statProblem(absolute, error as NodeJS.ErrnoException);
    return;
  }
  const id = identity(stats);
  if (state.excludedIds.has(id)) return;
  if (stats.isDirectory()) {
    if (ancestors.includes(id)) {
      yield { path: absolute, code: 'SYMLINK_LOOP', message: 'a symbolic link back to a folder that contains it' };
      return;
    }
    if (state.seenDirs.has(id)) return;
    state.seenDirs.add(id);
    let names: string[];
    try {
      names = readdirSync(absolute);
    } catch (error) {
      yield problem(absolute, error as NodeJS.ErrnoException);
      return;
    }
    names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const name of names) {
      yield* visit(path.join(absolute, name), path.join(shown, name), [...ancestors, id], state, false);
    }
    return;
  }
  if (!stats.isFile()) {
    yield { path: absolute, code: 'NOT_A_FILE', message: 'not a regular file (a socket, FIFO or device)' };
    return;
  }
  if (named && absolute.endsWith(RECEIPT_SUFFIX)) {
    yield { path: absolute, code: 'NOT_A_FILE', message: 'a Verity receipt, not a file to deposit' };
    return;
  }
  // Each file once, by identity: a file reached twice through links, or a hard link, is one file.
  if (state.seenFiles.has(id)) return;
  state.seenFiles.add(id);
  yield { path: absolute, relative: shown, bytes: stats.size, mtimeMs: stats.mtimeMs };
}

function identity(stats: Stats): string {
  return `${stats.dev}:${stats.ino}`;
}

/** `stat` failed: a broken link is told apart from a missing path by `lstat`. */
async function statProblem(absolute: string, error: NodeJS.ErrnoException): Promise<WalkProblem> {
  if (error.code === 'ENOENT') {
    const link = await lstat(absolute).catch(() => undefined);
    if (link?.isSymbolicLink()) {
      return { path: absolute, code: 'NOT_FOUND', message: 'a symbolic link to something that does not exist' };
    }
  }
  return problem(absolute, error);
}

function problem(absolute: string, error: NodeJS.ErrnoException): WalkProblem {
  switch (error.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return { path: absolute, code: 'NOT_FOUND', message: 'no such file or folder' };
    case 'ELOOP':
      return { path: absolute, code: 'SYMLINK_LOOP', message: 'symbolic links that lead back to themselves' };
    case 'EACCES':
    case 'EPERM':
      return { path: absolute, code: 'UNREADABLE', message: 'permission denied' };
    default:
      return { path: absolute, code: 'UNREADABLE', message: `cannot be read (${error.code ?? error.message})` };
  }
}
