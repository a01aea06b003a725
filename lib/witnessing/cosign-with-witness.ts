import 'server-only';
/**
 * Asks one witness to cosign one checkpoint, from the size it last cosigned, and stores what
 * comes back: a verified cosignature, or an alarm with its evidence. One retry on 409: the
 * witness's size replaces the remembered one (a witness restored from a backup is behind, one
 * that cosigned for another process of this log is ahead).
 *
 * Which refusals are alarms (someone saw another history of this log):
 * - 422 — the witness holds a tree this checkpoint does not extend (proof refused), or the same
 *   size with another root (C2SP #280 made that 422; our witness answers so);
 * - 409 with a size larger than any checkpoint the log ever signed.
 * A 409 with a size at or below the checkpoint's is a stale old size, which is what the spec
 * answers first even when the roots differ: the retry from that size tells the two apart (the
 * same root is cosigned, another root is 422, an alarm `other_root` when the sizes are equal).
 */
import type pg from 'pg';
import { getPool } from '@/lib/db/pool';
import { buildConsistencyProof } from '@/lib/ledger/build-proofs';
import {
  bytesToBase64,
  checkCosignatures,
  formatSignatureLine,
  isTlogError,
  parseCheckpoint,
  parseSignedNote,
} from '@/lib/tlog';
import { nodeEd25519 } from '@/lib/witness/node-ed25519';
import { addCheckpointBody, askWitness, type WitnessAnswer, witnessCheckpoint } from './ask-witness';
import type { ConfiguredWitness } from './witness-policy';
import { type AlarmKind, storeAlarm, storeCosignature } from './witness-store';

export interface CheckpointToCosign {
  treeSize: bigint;
  /** The log's signed note (its own signature only). */
  note: string;
}

export type CosignOutcome =
  | { kind: 'cosigned'; treeSize: bigint }
  /** The witness already holds a newer checkpoint of this log (another process asked it): nothing to do. */
  | { kind: 'superseded'; witnessSize: bigint }
  | { kind: 'alarm'; alarm: AlarmKind; message: string }
  | { kind: 'failed'; message: string; retryAfter?: number };

export interface CosignOptions {
  /** The size the log remembers this witness cosigned (0 when never). */
  lastSize: bigint;
  /** The log's verifier key: its line in the note is not a cosignature. */
  logVerifierKey: string;
  timeoutMs: number;
  pool?: pg.Pool;
  now?: () => number;
}

export async function cosignWithWitness(
  witness: ConfiguredWitness,
  checkpoint: CheckpointToCosign,
  options: CosignOptions,
): Promise<CosignOutcome> {
  const pool = options.pool ?? getPool();
  const first = await send(witness, checkpoint, options.lastSize, pool, options);
  if (first.answer.kind !== 'conflict') return settle(witness, checkpoint, first, pool, options);

  const witnessSize = first.answer.size;
  if (witnessSize > checkpoint.treeSize) {
    const latest = await latestSignedSize(pool);
    if (witnessSize > latest) {
      return raise('ahead_of_log', witness, checkpoint, first, pool, options, witnessSize);
    }
    return { kind: 'superseded', witnessSize };
  }
  const retry = await send(witness, checkpoint, witnessSize, pool, options);
  if (retry.answer.kind === 'conflict') {
    return { kind: 'failed', message: `answered 409 (size ${retry.answer.size}) twice; asking again later` };
  }
  return settle(witness, checkpoint, retry, pool, options);
}

interface Sent {
  oldSize: bigint;
  proof: string[];
  answer: WitnessAnswer;
}

async function send(
  witness: ConfiguredWitness,
  checkpoint: CheckpointToCosign,
  oldSize: bigint,
  pool: pg.Pool,
  options: CosignOptions,
): Promise<Sent> {
  // From 0 the spec wants no proof; from the same size, an empty one.
  const proof = oldSize === 0n ? [] : await buildConsistencyProof(oldSize, checkpoint.treeSize, pool);
  const answer = await askWitness(witness.url, addCheckpointBody(oldSize, proof, checkpoint.note), options.timeoutMs);
  return { oldSize, proof: proof.map(bytesToBase64), answer };
}

async function settle(
  witness: ConfiguredWitness,
  checkpoint: CheckpointToCosign,
  sent: Sent,
  pool: pg.Pool,
  options: CosignOptions,
): Promise<CosignOutcome> {
  const { answer } = sent;
  switch (answer.kind) {
    case 'cosigned':
      return verifyAndStore(witness, checkpoint, answer.body, pool, options);
    case 'unreachable':
      return { kind: 'failed', message: `unreachable: ${answer.message}` };
    case 'refused':
      if (answer.status === 422) {
        const kind = sent.oldSize === checkpoint.treeSize ? 'other_root' : 'proof_refused';
        return raise(kind, witness, checkpoint, sent, pool, options, null);
      }
      return {
        kind: 'failed',
        message: `answered ${answer.status}: ${oneLine(answer.body)}`,
        ...(answer.retryAfter ? { retryAfter: answer.retryAfter } : {}),
      };
    case 'conflict':
      return { kind: 'failed', message: `answered 409 (size ${answer.size})` };
  }
}

/**
 * The 200's body must be signature lines, one of them by the configured key and valid for this
 * checkpoint (lib/tlog checkCosignatures). Anything else — garbage, a wrong key, a bad signature,
 * a time in the future — stores nothing.
 */
async function verifyAndStore(
  witness: ConfiguredWitness,
  checkpoint: CheckpointToCosign,
  body: string,
  pool: pg.Pool,
  options: CosignOptions,
): Promise<CosignOutcome> {
  let lines: string;
  let check: ReturnType<typeof checkCosignatures>;
  try {
    if (!/^(?:\u2014 [^\n]+\n)+$/.test(body)) throw new Error('the body is not note signature lines');
    const note = checkpoint.note + body;
    check = checkCosignatures(
      note,
      { witnesses: [witness.key], quorum: 1 },
      // node:crypto's Ed25519: @noble/curves took ~2 ms per cosignature, three per round, 20 rounds a second.
      { ignore: [options.logVerifierKey], ed25519: nodeEd25519, ...(options.now ? { now: options.now() } : {}) },
    );
    const ours = parseSignedNote(note).signatures.find(
      (s) => s.name === witness.key.name && s.keyId === witness.key.keyId,
    );
    lines = ours ? formatSignatureLine(ours) : '';
  } catch (error) {
    const message = isTlogError(error) || error instanceof Error ? error.message : String(error);
    return { kind: 'failed', message: `answered 200 with something that is not a cosignature (${message})` };
  }
  const valid = check.cosigned[0];
  if (!valid || !lines) {
    const problems = check.problems.map((p) => p.message).join('; ') || 'no signature line by its configured key';
    return { kind: 'failed', message: `answered 200 without a valid cosignature by its configured key: ${problems}` };
  }
  await storeCosignature(
    { treeSize: checkpoint.treeSize, witness, line: lines, cosignedAt: new Date(Number(valid.timestamp) * 1000) },
    pool,
  );
  return { kind: 'cosigned', treeSize: checkpoint.treeSize };
}

async function raise(
  kind: AlarmKind,
  witness: ConfiguredWitness,
  checkpoint: CheckpointToCosign,
  sent: Sent,
  pool: pg.Pool,
  options: CosignOptions,
  witnessSize: bigint | null,
): Promise<CosignOutcome> {
  const { answer } = sent;
  const status = answer.kind === 'conflict' ? 409 : answer.kind === 'refused' ? answer.status : 0;
  const body = answer.kind === 'conflict' || answer.kind === 'refused' ? answer.body : '';
  const origin = parseCheckpoint(parseSignedNote(checkpoint.note).text).origin;
  await storeAlarm(
    {
      kind,
      witness,
      checkpointSize: checkpoint.treeSize,
      checkpoint: checkpoint.note,
      oldSize: sent.oldSize,
      proof: sent.proof,
      status,
      responseBody: body,
      witnessSize,
      witnessCheckpoint: await witnessCheckpoint(witness.url, origin, options.timeoutMs),
    },
    pool,
  );
  const what = {
    proof_refused: `refused the proof that size ${checkpoint.treeSize} extends size ${sent.oldSize}`,
    other_root: `holds another tree of size ${checkpoint.treeSize}`,
    ahead_of_log: `holds a checkpoint of size ${witnessSize}, larger than any the log signed`,
  }[kind];
  return { kind: 'alarm', alarm: kind, message: `${what} (${status}: ${oneLine(body)})` };
}

async function latestSignedSize(pool: pg.Pool): Promise<bigint> {
  const { rows } = await pool.query<{ size: string | null }>('SELECT max(tree_size) AS size FROM checkpoints');
  return BigInt(rows[0]?.size ?? '0');
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line || '(empty)';
}
