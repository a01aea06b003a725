import 'server-only';
/**
 * Checks each checkpoint row, in tree-size order: its signed note, the note against the row,
 * the root against the replayed tree, and consistency with the previous checkpoint through a
 * proof built from the stored nodes (what a client holding the older checkpoint would get).
 */
import type pg from 'pg';
import { bytesEqual, isTlogError, type NoteVerifierKey, verifyCheckpoint, verifyConsistency } from '@/lib/tlog';
import { buildConsistencyProof } from '../build-proofs';
import type { FindingLog } from './findings';
import type { CheckpointRow } from './read-ledger';

export class CheckpointChecker {
  checked = 0;
  private previous: { size: bigint; root: Uint8Array } | undefined;

  constructor(
    private readonly client: pg.ClientBase,
    private readonly verifier: NoteVerifierKey,
    private readonly findings: FindingLog,
  ) {}

  /** `replayRoot` is the root of the first row.treeSize leaves, or null when it cannot be known. */
  async check(row: CheckpointRow, replayRoot: Uint8Array | null): Promise<void> {
    this.checked++;
    const size = row.treeSize;
    // Start reading the proof's nodes now, so the database works while the signature is checked.
    const proof = this.proofFromPrevious(size);
    // What clients hold is the signed note, so its root is the one that must match the leaves and
    // chain to the neighbours; the row's copy is only compared with it.
    let claimed = row.rootHash;
    try {
      const { checkpoint } = verifyCheckpoint(row.note, [this.verifier], { origin: this.verifier.name });
      if (checkpoint.size !== size) {
        this.add(size, 'CHECKPOINT_SIZE_MISMATCH', `the signed note is for tree size ${checkpoint.size}`);
      } else {
        if (!bytesEqual(checkpoint.rootHash, row.rootHash)) {
          this.add(size, 'CHECKPOINT_ROOT_MISMATCH', 'stored root_hash differs from the root in its signed note');
        }
        claimed = checkpoint.rootHash;
      }
    } catch (error) {
      if (!isTlogError(error)) throw error;
      this.add(size, 'CHECKPOINT_SIGNATURE', `the note does not verify with the log's key (${error.message})`);
    }
    if (replayRoot && !bytesEqual(claimed, replayRoot)) {
      this.add(size, 'CHECKPOINT_ROOT_MISMATCH', `its root is not the root of the first ${size} leaves`);
    }
    await this.checkConsistency(size, claimed, await proof);
    this.previous = { size, root: claimed };
  }

  /** Settles to the proof or the error building it, never rejects (it is awaited only later). */
  private proofFromPrevious(size: bigint): Promise<{ proof?: Uint8Array[]; error?: unknown }> | undefined {
    const previous = this.previous;
    // A proof from the empty tree proves nothing (lib/tlog refuses it); size 0's root is compared directly.
    if (!previous || previous.size === 0n) return undefined;
    return buildConsistencyProof(previous.size, size, this.client).then(
      (proof) => ({ proof }),
      (error: unknown) => ({ error }),
    );
  }

  private async checkConsistency(
    size: bigint,
    root: Uint8Array,
    built: { proof?: Uint8Array[]; error?: unknown } | undefined,
  ): Promise<void> {
    const previous = this.previous;
    if (!previous || !built) return;
    try {
      if (!built.proof) throw built.error;
      verifyConsistency(previous.size, size, built.proof, previous.root, root);
    } catch (error) {
      if (!(isTlogError(error) || (error instanceof Error && error.message.startsWith('ledger:')))) throw error;
      this.findings.add({
        kind: 'INCONSISTENT_CHECKPOINTS',
        treeSize: size,
        previousTreeSize: previous.size,
        message: `checkpoints ${previous.size} → ${size}: the stored nodes do not prove them consistent (${error.message})`,
      });
    }
  }

  private add(
    size: bigint,
    kind: 'CHECKPOINT_SIZE_MISMATCH' | 'CHECKPOINT_ROOT_MISMATCH' | 'CHECKPOINT_SIGNATURE',
    what: string,
  ): void {
    this.findings.add({ kind, treeSize: size, message: `checkpoint ${size}: ${what}` });
  }
}
