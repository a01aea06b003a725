/**
 * One pass of the monitor over a portal's log (c2sp.org/tlog-tiles): fetch the checkpoint,
 * check the log's signature with the pinned key and the cosignatures with the pinned witness
 * policy, recompute the signed root from the tiles, prove the new tree extends the checkpoint
 * verified before (a consistency proof built from the new tree's authenticated tiles, checked
 * against the old root), and read every new entry through the tiles, each checked against its
 * tile and parsed as a deposit statement (the leaf format: RFC 8785 canonical JSON, parseLeaf).
 *
 * Outcomes: `verified` (the state may advance), `older` (the portal served a checkpoint older
 * than the one verified before, consistent with it or not checkable), or `alarm` with the
 * evidence. Network faults and answers that prove nothing are thrown (portal-client.ts), never
 * an alarm. Portable: lib/tlog, the statement parser and an injected client; no Node modules.
 *
 * @module
 */
import { parseLeaf } from '@/lib/ledger/statement/parse-leaf';
import {
  bytesToBase64,
  type CosignatureCheck,
  checkCosignatures,
  formatTilePath,
  isTlogError,
  type MerkleHasher,
  parseCheckpoint,
  parseSignedNote,
  scanTiledLog,
  TILE_WIDTH,
  TileReader,
  tilesOfTree,
  tileWidthIn,
  verifyCheckpoint,
  verifyConsistency,
} from '@/lib/tlog';
import type { MonitorState, PinnedWitnessPolicy } from './monitor-state';
import { PortalAnswerError, type PortalClient } from './portal-client';

export type AlarmKind =
  | 'bad-log-signature'
  | 'below-quorum'
  | 'tiles-do-not-give-root'
  | 'inconsistent'
  | 'not-a-statement';

export interface MonitorEvidence {
  kind: AlarmKind;
  message: string;
  portal: string;
  origin: string;
  logKey: string;
  seenAt: string;
  /** The checkpoint this monitor verified before (signed note), if any. */
  previousCheckpoint?: string;
  /** The checkpoint the portal serves now (signed note, as served). */
  checkpoint: string;
  /** The consistency proof built from the portal's tiles, base64, old size → new size. */
  consistencyProof?: { from: string; to: string; hashes: string[] };
  /** The tile(s) that do not hash as the signed tree says (paths under <portal>/api/v1/log/). */
  tilePaths?: string[];
  /** The entry that is not a deposit statement. */
  entry?: { leafIndex: string; tilePath: string; base64: string; problem: string };
  cosignatures?: Pick<CosignatureCheck, 'problems' | 'quorum' | 'witnesses'> & {
    cosigned: Array<{ name: string; keyId: number; algorithm: string; timestamp: string }>;
  };
}

export interface VerifiedCheckpointInfo {
  note: string;
  size: bigint;
  rootHash: Uint8Array;
}

export type PassResult =
  | {
      outcome: 'verified';
      checkpoint: VerifiedCheckpointInfo;
      /** The size verified before (undefined on the first pass). */
      previousSize: bigint | undefined;
      /** The first entry read in this pass (the previous size, or where a cut-short run stopped). */
      from: bigint;
      entries: bigint;
      cosignatures: CosignatureCheck | undefined;
      notices: string[];
    }
  | { outcome: 'older'; checkpoint: VerifiedCheckpointInfo; notices: string[] }
  | { outcome: 'alarm'; evidence: MonitorEvidence };

export interface MonitorPassOptions {
  client: PortalClient;
  state: MonitorState;
  hasher?: MerkleHasher;
  /** Tiles and bundles fetched at once (default 8). */
  concurrency?: number;
  /** Called as entries are verified: verified so far (absolute leaf count) of the tree's size. */
  onProgress?: (verifiedUpTo: bigint, size: bigint, from: bigint) => void;
  /**
   * Called after each bundle with the checkpoint being read and how many entries of its tree are
   * verified so far: the command saves it now and then (MonitorState.progress), so a cut-short
   * catch-up resumes there.
   */
  onVerified?: (note: string, verifiedUpTo: bigint) => void | Promise<void>;
  now?: () => Date;
}

/** An alarm raised while reading, carrying the evidence's specific part. */
class Alarm extends Error {
  constructor(
    readonly kind: AlarmKind,
    message: string,
    readonly extra: Partial<MonitorEvidence> = {},
  ) {
    super(message);
  }
}

/** The witness policy as lib/tlog's checkCosignatures takes it. */
export function cosignaturePolicy(policy: PinnedWitnessPolicy) {
  return { witnesses: policy.witnesses.map((w) => w.verifierKey), quorum: policy.quorum };
}

export async function monitorPass(options: MonitorPassOptions): Promise<PassResult> {
  const { client, state } = options;
  const now = options.now ?? (() => new Date());
  const note = await client.text('checkpoint', 'the checkpoint');
  const previous = state.checkpoint
    ? {
        note: state.checkpoint.note,
        size: BigInt(state.checkpoint.size),
        rootHash: parseCheckpoint(parseSignedNote(state.checkpoint.note).text).rootHash,
      }
    : undefined;
  const evidence = (alarm: Alarm): PassResult => ({
    outcome: 'alarm',
    evidence: {
      kind: alarm.kind,
      message: alarm.message,
      portal: client.base,
      origin: state.origin,
      logKey: state.logKey,
      seenAt: now().toISOString(),
      ...(previous ? { previousCheckpoint: previous.note } : {}),
      checkpoint: note,
      ...alarm.extra,
    },
  });
  try {
    return await pass(options, note, previous);
  } catch (error) {
    if (error instanceof Alarm) return evidence(error);
    throw error;
  }
}

async function pass(
  options: MonitorPassOptions,
  note: string,
  previous: VerifiedCheckpointInfo | undefined,
): Promise<PassResult> {
  const { client, state } = options;
  const notices: string[] = [];

  // 1. The log's signature, by the pinned key. A note that is not a signed checkpoint at all
  //    (an error page, a truncated answer) proves nothing: the portal failed, no alarm.
  try {
    parseCheckpoint(parseSignedNote(note).text);
  } catch (error) {
    if (!isTlogError(error)) throw error;
    throw new PortalAnswerError(`the portal's checkpoint is not a signed checkpoint: ${error.message}`);
  }
  let size: bigint;
  let rootHash: Uint8Array;
  try {
    ({
      checkpoint: { size, rootHash },
    } = verifyCheckpoint(note, [state.logKey], { origin: state.origin }));
  } catch (error) {
    if (!isTlogError(error)) throw error;
    throw new Alarm(
      'bad-log-signature',
      `the checkpoint is not signed by the pinned log key ${state.logKey}: ${error.message}`,
    );
  }
  const current: VerifiedCheckpointInfo = { note, size, rootHash };

  // 2. The cosignatures, against the pinned policy.
  let cosignatures: CosignatureCheck | undefined;
  if (state.witnessPolicy) {
    cosignatures = checkCosignatures(note, cosignaturePolicy(state.witnessPolicy), { ignore: [state.logKey] });
    if (!cosignatures.satisfied) {
      const problems = cosignatures.problems.map((p) => p.message).join('; ');
      throw new Alarm(
        'below-quorum',
        `${cosignatures.cosigned.length} of ${cosignatures.witnesses} pinned witnesses cosigned the checkpoint of size ${size}; the pinned policy needs ${cosignatures.quorum}${problems ? ` (${problems})` : ''}`,
        { cosignatures: cosignatureEvidence(cosignatures) },
      );
    }
  }

  // 3. The portal served an older checkpoint than one verified before.
  if (previous && size < previous.size) {
    const older = await olderCheckpoint(options, current, previous, notices);
    return { outcome: 'older', checkpoint: older, notices };
  }

  // Two signed checkpoints of one size with different roots: a fork, whatever the tiles say.
  const sameSize = previous !== undefined && size === previous.size;
  if (sameSize && bytesToBase64(previous.rootHash) !== bytesToBase64(rootHash)) {
    throw new Alarm(
      'inconsistent',
      `the log signed two different trees of size ${size}: the checkpoint verified before and the one served now have different root hashes`,
    );
  }

  const reader = new TileReader({
    size,
    rootHash,
    fetchTile: (path) => client.tile(path, size),
    ...(options.hasher ? { hasher: options.hasher } : {}),
  });
  await tiles(size, () => reader.verifyRoot());

  // 4. Consistency with what this monitor verified before.
  if (previous && previous.size > 0n) {
    if (!sameSize) {
      const proof = await tiles(size, () => reader.consistencyProof(previous.size));
      const consistencyProof = {
        from: previous.size.toString(),
        to: size.toString(),
        hashes: proof.map(bytesToBase64),
      };
      try {
        verifyConsistency(previous.size, size, proof, previous.rootHash, rootHash, options.hasher);
      } catch (error) {
        if (!isTlogError(error)) throw error;
        throw new Alarm(
          'inconsistent',
          `the log's tree of ${size} does not extend the tree of ${previous.size} verified before (${error.message}): the log has shown two histories`,
          { consistencyProof },
        );
      }
    }
  }

  // 5. Where the last run stopped, if it was cut short reading a checkpoint this one extends.
  let from = previous ? previous.size : 0n;
  if (state.progress) from = await resumePoint(options, reader, current, from, state.progress, notices);

  // 6. Every new entry, through the tiles, as a deposit statement.
  let entries = 0n;
  if (size > from) {
    options.onProgress?.(from, size, from);
    entries = await tiles(size, () =>
      scanTiledLog(reader, {
        from,
        concurrency: options.concurrency ?? 8,
        onEntries: async (first, batch) => {
          batch.forEach((entry, i) => {
            try {
              parseLeaf(entry);
            } catch (error) {
              const leafIndex = first + BigInt(i);
              const bundle = leafIndex >> 8n;
              throw new Alarm(
                'not-a-statement',
                `entry ${leafIndex} of the log is not a deposit statement: ${(error as Error).message}`,
                {
                  entry: {
                    leafIndex: leafIndex.toString(),
                    tilePath: formatTilePath({
                      level: 'entries',
                      index: bundle,
                      width: tileWidthIn(size, 'entries', bundle),
                    }),
                    base64: bytesToBase64(entry),
                    problem: (error as Error).message,
                  },
                },
              );
            }
          });
          options.onProgress?.(first + BigInt(batch.length), size, from);
          await options.onVerified?.(note, first + BigInt(batch.length));
        },
      }),
    );
  }
  return {
    outcome: 'verified',
    checkpoint: current,
    previousSize: previous?.size,
    from,
    entries,
    cosignatures,
    notices,
  };
}

/**
 * Where to start reading when the last run was cut short while reading checkpoint `progress.note`
 * (its entries before `progress.entries` verified): there, once that checkpoint is proven to be
 * this one or a prefix of it (a consistency proof from this tree's tiles); from `from` when it is
 * newer than this one. A checkpoint this log signed that this tree does not extend is a fork.
 */
async function resumePoint(
  options: MonitorPassOptions,
  reader: TileReader,
  current: VerifiedCheckpointInfo,
  from: bigint,
  progress: { note: string; entries: string },
  notices: string[],
): Promise<bigint> {
  const { state } = options;
  const target = verifyCheckpoint(progress.note, [state.logKey], { origin: state.origin }).checkpoint;
  const resumeAt = BigInt(progress.entries);
  if (target.size > current.size || resumeAt <= from) return from;
  const extra: Partial<MonitorEvidence> = { previousCheckpoint: progress.note };
  if (target.size === current.size) {
    if (bytesToBase64(target.rootHash) !== bytesToBase64(current.rootHash)) {
      throw new Alarm(
        'inconsistent',
        `the log signed two different trees of size ${current.size}: the checkpoint the last run was reading and the one served now have different root hashes`,
        extra,
      );
    }
  } else {
    const proof = await tiles(current.size, () => reader.consistencyProof(target.size));
    try {
      verifyConsistency(target.size, current.size, proof, target.rootHash, current.rootHash, options.hasher);
    } catch (error) {
      if (!isTlogError(error)) throw error;
      throw new Alarm(
        'inconsistent',
        `the log's tree of ${current.size} does not extend the tree of ${target.size} the last run was reading (${error.message}): the log has shown two histories`,
        {
          ...extra,
          consistencyProof: {
            from: target.size.toString(),
            to: current.size.toString(),
            hashes: proof.map(bytesToBase64),
          },
        },
      );
    }
  }
  notices.push(
    `resuming at entry ${resumeAt}: the entries from ${from} to ${resumeAt - 1n} were verified by a run cut short, in the tree of ${target.size}, which this tree extends`,
  );
  return resumeAt;
}

/**
 * The portal served a checkpoint smaller than the one verified before (a stale cache, a rolled
 * back database, or a fork). The tree verified before is read again from the tiles (its full
 * tiles never change; its partial ones may be gone) to check that the smaller one is its prefix.
 */
async function olderCheckpoint(
  options: MonitorPassOptions,
  current: VerifiedCheckpointInfo,
  previous: VerifiedCheckpointInfo,
  notices: string[],
): Promise<VerifiedCheckpointInfo> {
  const { client } = options;
  const note = `the portal serves a checkpoint of size ${current.size}, older than the ${previous.size} verified before`;
  if (current.size === 0n) {
    notices.push(`${note}; the empty tree is a prefix of every tree`);
    return current;
  }
  const old = new TileReader({
    size: previous.size,
    rootHash: previous.rootHash,
    fetchTile: (path) => client.tile(path, previous.size),
    ...(options.hasher ? { hasher: options.hasher } : {}),
  });
  let proof: Uint8Array[];
  try {
    proof = await old.consistencyProof(current.size);
  } catch (error) {
    if (
      error instanceof PortalAnswerError ||
      isTlogError(error, 'TILE_MISMATCH') ||
      isTlogError(error, 'MALFORMED_TILE')
    ) {
      notices.push(
        `${note}; its consistency could not be checked (${error.message}); the state keeps size ${previous.size}`,
      );
      return current;
    }
    throw error;
  }
  try {
    verifyConsistency(current.size, previous.size, proof, current.rootHash, previous.rootHash, options.hasher);
  } catch (error) {
    if (!isTlogError(error)) throw error;
    throw new Alarm(
      'inconsistent',
      `the log's tree of ${current.size} is not a prefix of the tree of ${previous.size} verified before (${error.message}): the log has shown two histories`,
      {
        consistencyProof: {
          from: current.size.toString(),
          to: previous.size.toString(),
          hashes: proof.map(bytesToBase64),
        },
      },
    );
  }
  notices.push(
    `${note}; it is a prefix of that tree (a stale copy, not a fork); the state keeps size ${previous.size}`,
  );
  return current;
}

/** Runs a tile read; a tile that does not hash as the signed tree says is an alarm naming it. */
async function tiles<T>(size: bigint, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (isTlogError(error, 'TILE_MISMATCH')) {
      throw new Alarm(
        'tiles-do-not-give-root',
        `the portal's tiles do not reproduce the signed tree of ${size}: ${error.message}`,
        { tilePaths: mismatchedTiles(error.message, size) },
      );
    }
    if (isTlogError(error, 'MALFORMED_TILE')) {
      throw new PortalAnswerError(`the portal served a malformed tile: ${error.message}`);
    }
    throw error;
  }
}

/** The tile paths a TileReader TILE_MISMATCH message names (tile-reader.ts's three messages). */
export function mismatchedTiles(message: string, size: bigint): string[] {
  const full = /^tile (\d+)\/(\d+) does not hash/.exec(message);
  if (full) return [formatTilePath({ level: Number(full[1]), index: BigInt(full[2] as string), width: TILE_WIDTH })];
  const entry = /^entry \d+ of bundle (\d+) does not hash/.exec(message);
  if (entry) {
    const index = BigInt(entry[1] as string);
    const width = tileWidthIn(size, 0, index);
    return [formatTilePath({ level: 'entries', index, width }), formatTilePath({ level: 0, index, width })];
  }
  // The right edge: its partial tiles together gave another root.
  return tilesOfTree(size)
    .filter((t) => t.width < TILE_WIDTH)
    .map(formatTilePath);
}

function cosignatureEvidence(check: CosignatureCheck): MonitorEvidence['cosignatures'] {
  return {
    quorum: check.quorum,
    witnesses: check.witnesses,
    problems: check.problems,
    cosigned: check.cosigned.map((c) => ({ ...c, timestamp: c.timestamp.toString() })),
  };
}
