/**
 * Test support only: a small in-memory transparency log signed with a fresh key, producing real
 * receipts, checkpoints and consistency proofs (from lib/tlog's independent reference tree), and
 * a `LedgerClient` over it. Never imported by page code.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { Digests } from '@/lib/hashing';
import { buildLeaf } from '@/lib/ledger/statement';
import { bytesToBase64, formatCheckpoint, formatTlogProof, generateNoteKeys, hashLeaf, signNote } from '@/lib/tlog';
import { listTree, refConsistencyProof, refInclusionProof } from '@/lib/tlog/testing/reference-tree';
import type { LedgerClient, Receipt } from './ledger-client';

export const ORIGIN = 'verity.test/log';

export interface FakeDeposit {
  id: string;
  leaf: Uint8Array;
  digests: Digests;
  depositedAt: string;
  depositor: { id: string; name: string };
  titleSha256?: string;
}

export function fakeLog(origin = ORIGIN) {
  const keys = generateNoteKeys(origin);
  const deposits: FakeDeposit[] = [];
  let sealed = 0;

  const tree = (size: number) => listTree(deposits.slice(0, size).map((d) => hashLeaf(d.leaf)));

  const log = {
    keys,
    deposits,
    /** Adds a deposit (pending until `seal`); returns it. */
    add(digests: Digests, title?: string): FakeDeposit {
      const depositedAt = new Date(Date.UTC(2026, 2, 1, 2, 2, deposits.length));
      const depositor = { id: 'org-1', name: 'Demo Evidence Platform' };
      const { leaf, statement } = buildLeaf({
        request: { digests, ...(title ? { title } : {}) },
        depositor,
        depositedAt,
      });
      const deposit: FakeDeposit = {
        id: randomUUID(),
        leaf,
        digests: statement.digests,
        depositedAt: statement.depositedAt,
        depositor,
        ...(statement.titleSha256 ? { titleSha256: statement.titleSha256 } : {}),
      };
      deposits.push(deposit);
      return deposit;
    },
    seal(): void {
      sealed = deposits.length;
    },
    get size(): number {
      return sealed;
    },
    checkpoint(size = sealed, signerKey = keys.signerKey): string {
      return signNote(formatCheckpoint({ origin, size, rootHash: tree(size).mth(0n, BigInt(size)) }), signerKey);
    },
    receipt(id: string, size = sealed): Receipt {
      const index = deposits.findIndex((d) => d.id === id);
      const deposit = deposits[index];
      if (!deposit) throw new Error(`no deposit ${id}`);
      const common = {
        id,
        leaf: bytesToBase64(deposit.leaf),
        digests: deposit.digests,
        depositedAt: deposit.depositedAt,
        depositor: deposit.depositor,
      };
      if (index >= size) return { ...common, status: 'pending' };
      const proof = refInclusionProof(tree(size), BigInt(index));
      const checkpoint = log.checkpoint(size);
      return {
        ...common,
        status: 'sealed',
        leafIndex: index,
        ...(deposit.titleSha256 ? { titleSha256: deposit.titleSha256 } : {}),
        treeSize: size,
        checkpoint,
        inclusionProof: proof.map(bytesToBase64),
        tlogProof: formatTlogProof({ index: BigInt(index), proof, checkpoint }),
      };
    },
    consistencyProof(from: bigint, to: bigint): Uint8Array[] | null {
      if (from < 1n || to > BigInt(sealed) || from > to) return null;
      return refConsistencyProof(tree(Number(to)), from);
    },
    /** An API over this log; `override` replaces single calls. */
    api(override: Partial<LedgerClient> = {}): LedgerClient & { calls: string[] } {
      const calls: string[] = [];
      return {
        calls,
        async depositsByDigest(algorithm, hex) {
          calls.push(`search ${algorithm}`);
          return deposits.filter((d) => d.digests[algorithm] === hex).map((d) => log.receipt(d.id));
        },
        async deposit(id) {
          calls.push(`deposit ${id}`);
          return deposits.some((d) => d.id === id) ? log.receipt(id) : null;
        },
        async latestCheckpoint() {
          calls.push('checkpoint');
          return log.checkpoint();
        },
        async consistencyProof(from, to) {
          calls.push(`consistency ${from} ${to}`);
          return log.consistencyProof(from, to);
        },
        ...override,
      };
    },
  };
  return log;
}

export const hex = (c: string) => c.repeat(64);
