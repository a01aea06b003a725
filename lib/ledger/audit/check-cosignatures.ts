import 'server-only';
/**
 * The witnesses' stored cosignatures (checkpoint_cosignatures, lib/witnessing): each line must
 * verify, with the witness key stored beside it, over the checkpoint it is stored for. The
 * cosigner verified each before storing it, so a line that fails was changed afterwards (by someone
 * past the append-only trigger) or stored against the wrong checkpoint. Read a page at a time in
 * primary-key order, so memory does not grow with the number of cosignatures.
 */
import type pg from 'pg';
import {
  type CosignerVerifierKey,
  isTlogError,
  parseCosignerVerifierKey,
  parseSignedNote,
  verifyCosignature,
} from '@/lib/tlog';
import type { FindingLog } from './findings';

const PAGE = 2000;

interface Row {
  tree_size: string;
  witness_key: string;
  witness_name: string;
  signature_line: string;
  note: string;
}

/** Checks every stored cosignature; returns how many were checked. */
export async function checkCosignatures(client: pg.ClientBase, findings: FindingLog): Promise<number> {
  const keys = new Map<string, CosignerVerifierKey | Error>();
  let after: [string, string] = ['-1', ''];
  let checked = 0;
  for (;;) {
    const { rows } = await client.query<Row>(
      `SELECT c.tree_size, c.witness_key, c.witness_name, c.signature_line, cp.note
         FROM checkpoint_cosignatures c JOIN checkpoints cp ON cp.tree_size = c.tree_size
        WHERE (c.tree_size, c.witness_key) > ($1::bigint, $2::text)
        ORDER BY c.tree_size, c.witness_key LIMIT ${PAGE}`,
      after,
    );
    for (const row of rows) {
      checked++;
      const problem = checkOne(row, keys);
      if (problem) {
        findings.add({
          kind: 'COSIGNATURE_INVALID',
          treeSize: BigInt(row.tree_size),
          message: `checkpoint ${row.tree_size}: the stored cosignature of witness ${row.witness_name} (${row.witness_key.split('+', 1)[0]}) does not verify (${problem})`,
        });
      }
    }
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) return checked;
    after = [last.tree_size, last.witness_key];
  }
}

function checkOne(row: Row, keys: Map<string, CosignerVerifierKey | Error>): string | undefined {
  let key = keys.get(row.witness_key);
  if (key === undefined) {
    try {
      key = parseCosignerVerifierKey(row.witness_key);
    } catch (error) {
      key = error as Error;
    }
    keys.set(row.witness_key, key);
  }
  if (key instanceof Error) return `the stored key is not a cosigner key: ${key.message}`;
  try {
    const { text, signatures } = parseSignedNote(row.note + row.signature_line);
    const line = signatures.at(-1);
    if (!line) return 'no signature line';
    verifyCosignature(key, text, line);
    return undefined;
  } catch (error) {
    if (isTlogError(error)) return error.message;
    throw error;
  }
}
