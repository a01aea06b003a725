/**
 * The public ledger page's check, pure and browser-safe: the served checkpoint's log signature
 * against the log key pinned into the page, then the witnesses' cosignatures against the witness
 * policy pinned likewise (lib/tlog `verifyCheckpoint`, `checkCosignatures`: the checks /verify and
 * `npx verity monitor` make). Never throws: a failure is an answer the page states. The page imports
 * this module on first use, not the whole of lib/tlog: a dynamic import of the barrel made the
 * bundler merge all of lib/tlog (ML-DSA-44 key generation included) into the code /verify loads on
 * opening (`npm run bench:first-load`).
 */
import { checkCosignatures, parseCosignerVerifierKey, verifyCheckpoint } from '@/lib/tlog';

export interface PinnedWitness {
  verifierKey: string;
}

export type SignatureCheck =
  | {
      state: 'checked';
      treeSize: number;
      /** Per pinned witness (same order): its verified cosignature time (POSIX s), 'bad', or null (no line). */
      witnesses: Array<{ cosignedAt: number } | 'bad' | null>;
      /** Witnesses whose cosignature verified; the quorum they meet. */
      cosigned: number;
      quorum: number;
      satisfied: boolean;
      problems: Array<{ name: string; kind: string; message: string }>;
    }
  | { state: 'log_failed'; message: string };

export function checkLedgerSignatures(
  note: string,
  logKey: string,
  witnesses: readonly PinnedWitness[],
  quorum: number,
  /** The size the page states; a note of another size is refused (the page would say what it does not show). */
  expectedSize: number,
  now?: number,
): SignatureCheck {
  let treeSize: bigint;
  try {
    treeSize = verifyCheckpoint(note, [logKey]).checkpoint.size;
  } catch (error) {
    return { state: 'log_failed', message: error instanceof Error ? error.message : String(error) };
  }
  if (treeSize !== BigInt(expectedSize)) {
    return { state: 'log_failed', message: `the note signs ${treeSize} records, the page says ${expectedSize}` };
  }
  const keys = witnesses.map((w) => parseCosignerVerifierKey(w.verifierKey));
  const result = checkCosignatures(
    note,
    { witnesses: keys, quorum },
    { ignore: [logKey], ...(now === undefined ? {} : { now }) },
  );
  return {
    state: 'checked',
    treeSize: Number(treeSize),
    witnesses: keys.map((key) => {
      const valid = result.cosigned.find((c) => c.name === key.name && c.keyId === key.keyId);
      if (valid) return { cosignedAt: Number(valid.timestamp) };
      return result.problems.some((p) => p.name === key.name) ? 'bad' : null;
    }),
    cosigned: result.cosigned.length,
    quorum: result.quorum,
    satisfied: result.satisfied,
    problems: result.problems.map((p) => ({ name: p.name, kind: p.kind, message: p.message })),
  };
}
