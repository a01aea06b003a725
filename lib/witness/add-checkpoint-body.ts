/**
 * Parses the body of `POST /add-checkpoint` (c2sp.org/tlog-witness), strictly:
 *
 *     old <size>\n                 ASCII decimal, no leading zeros ("0" for zero)
 *     <base64 hash>\n              zero to 63 consistency proof lines, 32 bytes each
 *     \n
 *     <signed checkpoint note>     checkpoint text, empty line, signature lines
 *
 * Every failure is a 400 (malformed request). What the note says is checked later, by
 * add-checkpoint.ts, against the log's keys and the witness's state.
 *
 * @see https://c2sp.org/tlog-witness#add-checkpoint
 * @module
 */
import { base64ToBytes, HASH_SIZE } from '@/lib/tlog';
import { WitnessError } from './witness-error';

/** "The client MUST NOT send more than 63 consistency proof lines." */
export const MAX_PROOF_LINES = 63;

export interface AddCheckpointBody {
  oldSize: bigint;
  proof: Uint8Array[];
  /** The signed checkpoint note, as sent. */
  note: string;
}

const MAX_UINT64 = (1n << 64n) - 1n;

function bad(message: string): never {
  throw new WitnessError(400, message);
}

export function parseAddCheckpointBody(body: Uint8Array): AddCheckpointBody {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    bad('the body is not valid UTF-8');
  }
  let at = 0;
  const nextLine = (what: string): string => {
    const end = text.indexOf('\n', at);
    if (end < 0) bad(`the ${what} must end in a newline`);
    const line = text.slice(at, end);
    at = end + 1;
    return line;
  };

  const oldLine = nextLine('old size line');
  const match = /^old (0|[1-9][0-9]{0,19})$/.exec(oldLine);
  if (!match?.[1]) bad('the first line must be "old <size>", the size in decimal without leading zeros');
  const oldSize = BigInt(match[1]);
  if (oldSize > MAX_UINT64) bad('the old size does not fit in 64 bits');

  const proof: Uint8Array[] = [];
  for (;;) {
    const line = nextLine('proof line');
    if (line === '') break;
    if (proof.length === MAX_PROOF_LINES) bad(`more than ${MAX_PROOF_LINES} consistency proof lines`);
    let hash: Uint8Array;
    try {
      hash = base64ToBytes(line);
    } catch {
      bad(`consistency proof line ${proof.length + 1} is not canonical base64`);
    }
    if (hash.length !== HASH_SIZE) bad(`consistency proof line ${proof.length + 1} is not a 32-byte hash`);
    proof.push(hash);
  }
  const note = text.slice(at);
  if (note === '') bad('the signed checkpoint is missing after the empty line');
  return { oldSize, proof, note };
}
