/**
 * The monitor's state on disk (Node): read strictly, written so that a crash leaves the old state
 * or the new, never a mix (a temporary file, fsync, rename, fsync of the directory: the witness's
 * writeFileDurably). The default file is `.verity-monitor/<host>-<hash>.json` in the current
 * directory, one per portal URL; the hash is of the URL, not of the log's origin, so a portal that
 * starts answering with another origin meets the key pinned for its URL instead of a fresh file.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileDurably } from '@/lib/witness/durable-file';
import { type MonitorState, MonitorStateError, parseMonitorState } from './monitor-state';

export const DEFAULT_STATE_DIR = '.verity-monitor';

/** `.verity-monitor/<host>-<12 hex of SHA-256(portal base URL)>.json`, relative to `cwd`. */
export function defaultStateFile(portal: string, cwd: string): string {
  const url = new URL(portal);
  const host = url.host.replace(/[^A-Za-z0-9.-]/g, '_');
  const hash = createHash('sha256').update(portal).digest('hex').slice(0, 12);
  return path.join(cwd, DEFAULT_STATE_DIR, `${host}-${hash}.json`);
}

/** The state in `file`, or undefined when there is none yet; MonitorStateError when it cannot be used. */
export async function readStateFile(file: string): Promise<MonitorState | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new MonitorStateError(`cannot read the state file ${file}: ${(error as Error).message}`);
  }
  return parseMonitorState(text, file);
}

/** Writes the state durably (creating its directory); resolves once it is on disk. */
export async function writeStateFile(file: string, state: MonitorState): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFileDurably(file, `${JSON.stringify(state, null, 2)}\n`, 0o600);
}

/**
 * Writes an alarm's evidence beside the state file, as `<state>.alarm-<UTC time>.json` (never
 * over an earlier one: evidence is not replaced); returns its path.
 */
export async function writeEvidenceFile(stateFile: string, evidence: unknown, now: Date): Promise<string> {
  const stamp = now.toISOString().replace(/[-:]/g, '');
  const stem = path.join(path.dirname(stateFile), `${path.basename(stateFile, '.json')}.alarm-${stamp}`);
  await mkdir(path.dirname(stem), { recursive: true, mode: 0o700 });
  for (let n = 1; ; n++) {
    const file = n === 1 ? `${stem}.json` : `${stem}-${n}.json`;
    if (await exists(file)) continue;
    await writeFileDurably(file, `${JSON.stringify(evidence, null, 2)}\n`, 0o600);
    return file;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
