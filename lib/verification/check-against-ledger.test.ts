/**
 * The server's check against the ledger, on real ledger rows in PostgreSQL: every way a receipt
 * can fail it gives `invalid_proof` with the step that failed, never a verdict. Where the rows
 * themselves can be wrong (an operator editing them past the append-only triggers, as
 * lib/ledger/audit's tests do), the rows are edited; where a row cannot hold the fault (a leaf
 * that is not base64, receipt fields that differ from the leaf, a checkpoint signed otherwise —
 * the checkpoint row is shared by every test), the receipt the server read is altered on its
 * way into the same check.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getPool } from '@/lib/db/pool';
import { acceptDeposits } from '@/lib/ledger/accept-deposits';
import { tamperAll } from '@/lib/ledger/audit/audit.testing';
import { insertDeposits } from '@/lib/ledger/insert-deposits';
import { buildDepositorOrg, syntheticDeposit } from '@/lib/ledger/ledger.testing';
import { loadReceipts } from '@/lib/ledger/load-receipts';
import { logSigner } from '@/lib/ledger/log-signer';
import type { Receipt, SealedReceipt } from '@/lib/ledger/receipt.schema';
import { sealBatch } from '@/lib/ledger/seal-batch';
import { buildLeaf } from '@/lib/ledger/statement';
import { hashLeafBytes } from '@/lib/ledger/tree/node-hash';
import {
  bytesToBase64,
  formatCheckpoint,
  generateNoteKeys,
  hexToBytes,
  parseCheckpoint,
  parseSignedNote,
  signNote,
} from '@/lib/tlog';
import { checkAgainstLedger } from './check-against-ledger';
import { checkReceipt } from './check-receipt';

const hex = () => randomBytes(32).toString('hex');
const digests = () => ({ sha256: hex(), sm3: hex() });

let org: { id: string; name: string };

beforeAll(async () => {
  org = await buildDepositorOrg();
});

/** Deposits and seals statements with these digests; returns their sealed receipts. */
async function deposit(...list: Array<{ sha256: string; sm3: string }>): Promise<SealedReceipt[]> {
  const { receipts } = await acceptDeposits({ org, requests: list.map((d) => ({ digests: d })), wait: true });
  for (const r of receipts) expect(r.status).toBe('sealed');
  return receipts as SealedReceipt[];
}

/** Edits rows as an operator with database access could (lib/ledger/audit/audit.testing.ts). */
const tamper = (...statements: Array<[string, unknown[]]>) => tamperAll(getPool(), statements);

async function reread(id: string): Promise<Receipt> {
  const receipt = (await loadReceipts([id])).get(id);
  if (!receipt) throw new Error(`no deposit ${id}`);
  return receipt;
}

const server = () => ({ verifierKey: logSigner().verifierKey });

describe('checkAgainstLedger', () => {
  it('finds a deposited file by its digests or its ID and proves it: consistent', async () => {
    const file = digests();
    const [sealed] = await deposit(file);
    for (const id of [null, sealed?.id as string]) {
      const result = await checkAgainstLedger(file, id);
      expect(result.decision).toMatchObject({
        verdict: 'consistent',
        deposit: { id: sealed?.id, proof: { ok: true } },
      });
      expect(result.checkpointSize).toBeGreaterThan(BigInt(sealed?.leafIndex ?? 0));
      expect(result.receipt?.id).toBe(sealed?.id);
    }
  });

  it('tampered for other digests against a named deposit; not_found for an unknown ID or undeposited digests', async () => {
    const [sealed] = await deposit(digests());
    expect((await checkAgainstLedger(digests(), sealed?.id as string)).decision.verdict).toBe('tampered');
    expect((await checkAgainstLedger(digests(), randomUUID())).decision).toMatchObject({
      verdict: 'not_found',
      reason: 'unknown_deposit_id',
    });
    expect((await checkAgainstLedger(digests(), null)).decision.verdict).toBe('not_found');
  });

  it('pending for a deposit accepted and not yet sealed (a row with no leaf index)', async () => {
    const file = digests();
    const { leaf } = buildLeaf({ request: { digests: file }, depositor: org, depositedAt: new Date() });
    const id = randomUUID();
    // Written without a queue row, so no sequencer seals it while the test looks.
    const client = await getPool().connect();
    try {
      await insertDeposits(client, [
        {
          id,
          orgId: org.id,
          leaf,
          leafHash: hashLeafBytes(leaf),
          sha256: hexToBytes(file.sha256),
          sm3: hexToBytes(file.sm3),
          depositedAt: new Date(),
        },
      ]);
    } finally {
      client.release();
    }
    for (const named of [id, null]) {
      const result = await checkAgainstLedger(file, named);
      expect(result.decision).toMatchObject({
        verdict: 'pending',
        deposit: { id, status: 'pending', proof: { ok: true } },
      });
      expect(result.checkpointSize).toBeNull();
    }
  });

  it('invalid_proof at the leaf for a sealed leaf that is not a deposit statement', async () => {
    const row = syntheticDeposit(org.id); // JSON, but not a statement
    await sealBatch([row]);
    const sha256 = Buffer.from(row.sha256 as Uint8Array).toString('hex');
    for (const named of [row.id, null]) {
      const { decision } = await checkAgainstLedger({ sha256, sm3: hex() }, named);
      expect(decision).toMatchObject({
        verdict: 'invalid_proof',
        reason: 'proof_failed',
        deposit: { id: row.id, proof: { ok: false, step: 'leaf' } },
      });
    }
  });

  it('invalid_proof at the inclusion proof when a sealed leaf was replaced by another statement', async () => {
    const [a, b] = await deposit(digests(), digests());
    const other = await reread(b?.id as string);
    await tamper(['UPDATE deposits SET leaf = $2 WHERE id = $1', [a?.id, Buffer.from(other.leaf, 'base64')]]);
    // The leaf now says b's digests, the receipt is built from it; only the proof can tell.
    const { decision } = await checkAgainstLedger(b?.digests as { sha256: string; sm3: string }, a?.id as string);
    expect(decision).toMatchObject({ verdict: 'invalid_proof', deposit: { id: a?.id, proof: { step: 'inclusion' } } });
  });

  it('invalid_proof at the inclusion proof when two deposits’ leaf indexes were swapped', async () => {
    const [a, b] = await deposit(digests(), digests());
    const lost = randomUUID();
    await tamper(
      ['UPDATE log_leaves SET deposit_id = $2 WHERE deposit_id = $1', [a?.id, lost]],
      ['UPDATE log_leaves SET deposit_id = $2 WHERE deposit_id = $1', [b?.id, a?.id]],
      ['UPDATE log_leaves SET deposit_id = $2 WHERE deposit_id = $1', [lost, b?.id]],
    );
    expect(await reread(a?.id as string)).toMatchObject({ status: 'sealed', leafIndex: b?.leafIndex });
    const { decision } = await checkAgainstLedger(a?.digests as { sha256: string; sm3: string }, a?.id as string);
    expect(decision).toMatchObject({ verdict: 'invalid_proof', deposit: { proof: { step: 'inclusion' } } });
  });

  it('invalid_proof at the search when a row’s digest column says what its leaf does not', async () => {
    const [sealed] = await deposit(digests());
    const claimed = hex();
    await tamper(['UPDATE deposits SET sha256 = $2 WHERE id = $1', [sealed?.id, hexToBytes(claimed)]]);
    const { decision } = await checkAgainstLedger({ sha256: claimed, sm3: hex() }, null);
    expect(decision).toMatchObject({
      verdict: 'invalid_proof',
      deposit: { id: sealed?.id, proof: { step: 'search' } },
    });
  });
});

describe('the server’s receipt check (checkReceipt with the log key), on receipts read from the ledger', () => {
  let sealed: SealedReceipt;
  let subject: { kind: 'file'; digests: { sha256: string; sm3: string } };

  beforeAll(async () => {
    const file = digests();
    const [first] = await deposit(file);
    sealed = (await reread(first?.id as string)) as SealedReceipt;
    subject = { kind: 'file', digests: file };
  });

  const failsAt = (receipt: Receipt, step: string) =>
    expect(checkReceipt(receipt, subject, server()).deposit.proof).toMatchObject({ ok: false, step });

  it('passes the receipt as read', () => {
    expect(checkReceipt(sealed, subject, server())).toMatchObject({
      deposit: { proof: { ok: true }, match: true, leafIndex: sealed.leafIndex },
      checkpoint: { note: sealed.checkpoint },
    });
  });

  it('fails a leaf that is not base64', () => failsAt({ ...sealed, leaf: `${sealed.leaf.slice(1)}!` }, 'leaf'));

  it('fails receipt fields that differ from the leaf: digests, time, depositor, title', () => {
    failsAt({ ...sealed, digests: { sha256: hex() } }, 'receipt');
    failsAt({ ...sealed, depositedAt: '2020-01-01T00:00:00.000Z' }, 'receipt');
    failsAt({ ...sealed, depositor: { id: sealed.depositor.id, name: 'Someone else' } }, 'receipt');
    failsAt({ ...sealed, titleSha256: hex() }, 'receipt');
  });

  it('fails a checkpoint with a wrong signature, one signed by another key, and one of another origin', () => {
    const note = parseSignedNote(sealed.checkpoint);
    const line = sealed.checkpoint.split('\n').at(-2) as string;
    const signature = Buffer.from(line.split(' ').at(-1) as string, 'base64');
    signature[signature.length - 1] = (signature[signature.length - 1] ?? 0) ^ 1;
    const flipped = sealed.checkpoint.replace(
      line,
      `${line.split(' ').slice(0, -1).join(' ')} ${bytesToBase64(signature)}`,
    );
    failsAt({ ...sealed, checkpoint: flipped }, 'checkpoint');
    const stranger = generateNoteKeys(logSigner().origin);
    failsAt({ ...sealed, checkpoint: signNote(note.text, stranger.signerKey) }, 'checkpoint');
    const { size, rootHash } = parseCheckpoint(note.text);
    const elsewhere = logSigner().signCheckpoint(formatCheckpoint({ origin: 'elsewhere.test/log', size, rootHash }));
    failsAt({ ...sealed, checkpoint: elsewhere }, 'checkpoint');
  });

  it('fails a wrong inclusion proof and a wrong leaf index', () => {
    const proof = [...sealed.inclusionProof];
    expect(proof.length).toBeGreaterThan(0);
    proof[0] = bytesToBase64(randomBytes(32));
    failsAt({ ...sealed, inclusionProof: proof }, 'inclusion');
    failsAt({ ...sealed, leafIndex: sealed.leafIndex + 1 }, 'inclusion');
  });
});
