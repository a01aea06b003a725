/**
 * The number of records in the ledger's signed state inside a tlog-proof (the M of "record N of
 * M"); null when it does not parse. Pure; used by both certificate checks.
 *
 * @module
 */
import { parseCheckpoint, parseSignedNote, parseTlogProof } from '@/lib/tlog';

export function checkpointSizeOf(tlogProof: string | null): number | null {
  if (tlogProof === null) return null;
  try {
    const size = parseCheckpoint(parseSignedNote(parseTlogProof(tlogProof).checkpoint).text).size;
    return Number(size);
  } catch {
    return null;
  }
}
