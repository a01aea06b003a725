/**
 * Runs the `go-verify` binary (see build.ts) on receipts and consistency proofs, so tests can ask
 * Go's golang.org/x/mod/sumdb/{note,tlog} whether Verity's artefacts verify: this file's own
 * tests build them with lib/tlog; a server-level test can pass a live server's receipts.
 *
 * Test support: nothing in the app imports it. See README.md.
 * @module
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The receipt fields go-verify reads (a real receipt has more; extra fields are ignored). */
export interface GoVerifyReceipt {
  leafIndex: number;
  /** Base64 of the exact leaf bytes. */
  leaf: string;
  /** The signed checkpoint note text. */
  checkpoint: string;
  /** Base64 hashes, leaf's sibling first (RFC 6962 audit path). */
  inclusionProof: readonly string[];
  [field: string]: unknown;
}

/** The `GET /api/v1/log/consistency` response. */
export interface GoVerifyConsistencyProof {
  from: number;
  to: number;
  proof: readonly string[];
}

export interface GoVerifyResult {
  /** True only when go-verify exited 0 (every check passed). */
  ok: boolean;
  /** 0 all checks passed, 1 a check failed, 2 usage error. */
  exitCode: number;
  /** One line per check: `ok  ...` lines, then `FAIL <check>: <reason>` on failure. */
  stdout: string;
  stderr: string;
}

/** Runs go-verify with the given arguments; never throws for a non-zero exit. */
export function runGoVerify(binary: string, args: readonly string[]): Promise<GoVerifyResult> {
  return new Promise((resolve, reject) => {
    execFile(binary, [...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      if (!error) return resolve({ ok: true, exitCode: 0, stdout, stderr });
      // A number code is the process's exit status; anything else (ENOENT, timeout kill) is ours.
      if (typeof error.code === 'number') return resolve({ ok: false, exitCode: error.code, stdout, stderr });
      reject(new Error(`go-verify did not run: ${error.message}\n${stderr}`));
    });
  });
}

/** JSON text is written verbatim (e.g. a server response body); objects are serialised. */
function jsonText(value: object | string): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

async function inTempDir<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'verity-go-verify-'));
  try {
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function trustArgs(vkey: string, origin: string | undefined): string[] {
  return ['--vkey', vkey, ...(origin === undefined ? [] : ['--origin', origin])];
}

/**
 * `go-verify receipt`: the checkpoint note is signed by `vkey` and its origin is the key's name
 * (and `origin`, if given), and the leaf is included in that checkpoint's tree.
 */
export function verifyReceiptWithGo(
  binary: string,
  receipt: GoVerifyReceipt | string,
  vkey: string,
  origin?: string,
): Promise<GoVerifyResult> {
  return inTempDir(async (dir) => {
    const file = path.join(dir, 'receipt.json');
    await writeFile(file, jsonText(receipt));
    return runGoVerify(binary, ['receipt', file, ...trustArgs(vkey, origin)]);
  });
}

/**
 * `go-verify consistency`: both checkpoint notes are signed by `vkey`, the proof's sizes are the
 * checkpoints' sizes, and the new tree extends the old one.
 */
export function verifyConsistencyWithGo(
  binary: string,
  oldCheckpoint: string,
  newCheckpoint: string,
  proof: GoVerifyConsistencyProof | string,
  vkey: string,
  origin?: string,
): Promise<GoVerifyResult> {
  return inTempDir(async (dir) => {
    const oldFile = path.join(dir, 'old-checkpoint');
    const newFile = path.join(dir, 'new-checkpoint');
    const proofFile = path.join(dir, 'proof.json');
    await writeFile(oldFile, oldCheckpoint);
    await writeFile(newFile, newCheckpoint);
    await writeFile(proofFile, jsonText(proof));
    return runGoVerify(binary, ['consistency', oldFile, newFile, proofFile, ...trustArgs(vkey, origin)]);
  });
}

export interface GoVerifyTilesOptions {
  /** Leaves whose inclusion Go proves from tiles (default: first, middle, last). */
  leaves?: readonly number[];
  /** An older signed checkpoint: Go proves consistency with it from tiles. */
  oldCheckpoint?: string;
  /** Check every entry bundle against its level-0 tile. */
  allEntries?: boolean;
  origin?: string;
}

/**
 * `go-verify tiles`: the log at `prefix` (an http(s) URL ending in the log's prefix, where
 * `checkpoint` and `tile/…` are, or a directory laid out the same way) read as c2sp.org/tlog-tiles
 * with x/mod's TileHashReader: the checkpoint's root recomputed from tiles, inclusion proofs built
 * from tiles for entries read from the bundles, and consistency with `oldCheckpoint`.
 */
export function verifyTilesWithGo(
  binary: string,
  prefix: string,
  vkey: string,
  options: GoVerifyTilesOptions = {},
): Promise<GoVerifyResult> {
  return inTempDir(async (dir) => {
    const args = ['tiles', prefix, ...trustArgs(vkey, options.origin)];
    for (const leaf of options.leaves ?? []) args.push('--leaf', String(leaf));
    if (options.allEntries) args.push('--all-entries');
    if (options.oldCheckpoint !== undefined) {
      const file = path.join(dir, 'old-checkpoint');
      await writeFile(file, options.oldCheckpoint);
      args.push('--old', file);
    }
    return runGoVerify(binary, args);
  });
}
