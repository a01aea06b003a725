/**
 * The deposit API's answers, defined once (issue #15): a sealed or pending receipt
 * (DESIGN.md "Fixed formats"), the `Prefer: return=minimal` summaries, batch answers and lists by
 * digest. Browser-safe (zod only, no `server-only`): the server's receipt types are inferred
 * from these schemas, the browser validates the answers it receives with them
 * (lib/verification/ledger-client.ts), the OpenAPI document's schemas are generated from them
 * (lib/ledger/openapi.ts, `z.toJSONSchema`), and the API tests validate every answer against that
 * document.
 *
 * The members are listed in the order the server writes them (receipt.ts, receipt-json.ts), and
 * every object is strict, so a renamed or added member is an answer the document does not describe.
 * The fields a receipt repeats from its leaf (digests, time, depositor, title digest, signature)
 * are the leaf statement's own schemas: a receipt says what its leaf says, in the same spelling.
 *
 * @module
 */
import { z } from 'zod';
import { ZDepositAnchor } from '@/lib/anchor/deposit-anchor.schema';
import { MAX_INCLUSION_PROOF_HASHES } from '@/lib/tlog';
import { ZBase64Hash, ZCheckpointNote } from './log.schema';
import { ZLeafStatement } from './statement/leaf-statement.schema';
import { MAX_BATCH_SIZE } from './statement/limits';
import { MAX_LEAF_BYTES } from './statement/parse-leaf';

/** At most this many deposits are listed for one digest (a digest deposited more often is an anomaly). */
export const DIGEST_MATCH_LIMIT = 100;

/** Deposit IDs are UUIDs (version 7 when the ledger makes them: lib/ledger/deposit-id.ts). */
export const ZDepositId = z.uuid({ error: 'A deposit ID is a UUID, like 0b0e7f52-3c1a-4c5e-9a51-6a3b2f1d9e77' });

const ZLeafIndex = z.number().int().nonnegative().meta({ description: 'Zero-based position of the leaf in the log' });
const ZTreeSize = z.number().int().positive().meta({ description: 'Size of the tree the checkpoint signs' });

/** Standard base64 (RFC 4648 §4) with padding. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const leaf = ZLeafStatement.shape;
const ZLeaf = z
  .string()
  .max(Math.ceil(MAX_LEAF_BYTES / 3) * 4)
  .regex(BASE64)
  .meta({
    contentEncoding: 'base64',
    description: 'The exact leaf bytes (RFC 8785 canonical JSON of the deposit statement), base64',
  });

/** What every receipt says about its deposit, read from its leaf. */
const common = {
  id: ZDepositId,
  leaf: ZLeaf,
  digests: leaf.digests,
  depositedAt: leaf.depositedAt,
  depositor: leaf.depositor,
};

/**
 * Whether the receipt's checkpoint is witnessed: k of the log's n witnesses cosigned it (their
 * lines are in `checkpoint` and `tlogProof`), or null: not yet (the log has witnesses and fewer
 * than k cosigned it so far; GET the deposit again later). Absent when the log has no witnesses.
 */
export const ZWitnessed = z
  .strictObject({
    quorum: z.number().int().positive().meta({ description: 'k: how many witnesses the log’s policy requires' }),
    of: z.number().int().positive().meta({ description: 'n: how many witnesses the log has' }),
    by: z
      .array(z.string().min(1).max(100))
      .min(1)
      .max(20)
      .meta({ description: 'The institutions whose cosignatures the checkpoint carries (their names)' }),
  })
  .nullable()
  .meta({
    description:
      'Witnessed by `by` (at least `quorum` of `of` witnesses), or null: not yet witnessed. Absent when the log has no witnesses.',
  });

export const ZSealedReceipt = z
  .strictObject({
    id: common.id,
    status: z.literal('sealed'),
    leafIndex: ZLeafIndex,
    leaf: common.leaf,
    digests: common.digests,
    depositedAt: common.depositedAt,
    depositor: common.depositor,
    titleSha256: leaf.titleSha256,
    signature: leaf.signature,
    treeSize: ZTreeSize,
    checkpoint: ZCheckpointNote,
    inclusionProof: z.array(ZBase64Hash).max(MAX_INCLUSION_PROOF_HASHES).meta({
      description: 'RFC 6962 inclusion proof of the leaf in the checkpoint’s tree, base64 hashes',
    }),
    tlogProof: z.string().meta({ description: 'The same proof as c2sp.org/tlog-proof@v1 text' }),
    witnessed: ZWitnessed.optional(),
    anchor: ZDepositAnchor.nullable().optional().meta({
      description:
        'GET /api/v1/deposits/{id} from a log that anchors: the first anchored checkpoint containing the deposit, with its EVM transaction and RFC 3161 token, or null: not anchored yet. Absent elsewhere.',
    }),
  })
  .meta({ description: 'A deposit sealed into the log, with its proof to a signed checkpoint' });

export const ZPendingReceipt = z
  .strictObject({
    id: common.id,
    status: z.literal('pending'),
    leaf: common.leaf,
    digests: common.digests,
    depositedAt: common.depositedAt,
    depositor: common.depositor,
  })
  .meta({ description: 'A deposit accepted and not yet sealed (seconds at most); GET it again for its proof' });

export const ZReceipt = z.discriminatedUnion('status', [ZSealedReceipt, ZPendingReceipt]);

/** `{ "deposits": [...] }` answering a batch: each statement's receipt, in the order sent. */
export const ZReceiptBatch = z
  .strictObject({ deposits: z.array(ZReceipt).min(1).max(MAX_BATCH_SIZE) })
  .meta({ description: 'The receipts of a batch, in the order of its statements' });

/** `{ "deposits": [...] }` listing every deposit of a digest, oldest first. */
export const ZDepositList = z
  .strictObject({ deposits: z.array(ZReceipt).max(DIGEST_MATCH_LIMIT) })
  .meta({ description: `Every deposit of the digest, oldest first (at most ${DIGEST_MATCH_LIMIT})` });

/**
 * A deposit as `Prefer: return=minimal` answers it: its ID, and once sealed its leaf index and a
 * signed checkpoint of a tree that contains it (every leaf index below its size). The full
 * receipt, with the inclusion proof, is `GET /api/v1/deposits/{id}`.
 */
export const ZSealedSummary = z.strictObject({
  id: common.id,
  status: z.literal('sealed'),
  leafIndex: ZLeafIndex,
  treeSize: ZTreeSize,
  checkpoint: ZCheckpointNote,
});

export const ZPendingSummary = z.strictObject({ id: common.id, status: z.literal('pending') });

export const ZDepositSummary = z
  .discriminatedUnion('status', [ZSealedSummary, ZPendingSummary])
  .meta({ description: 'Prefer: return=minimal for one statement; the full receipt is GET /deposits/{id}' });

/** A batch's summaries: one checkpoint, the newest, whose tree contains every sealed deposit listed. */
export const ZDepositSummaries = z
  .strictObject({
    deposits: z
      .array(
        z.discriminatedUnion('status', [
          ZSealedSummary.pick({ id: true, status: true, leafIndex: true }),
          ZPendingSummary,
        ]),
      )
      .min(1)
      .max(MAX_BATCH_SIZE),
    treeSize: ZTreeSize.optional(),
    checkpoint: ZCheckpointNote.optional(),
  })
  .meta({
    description:
      'Prefer: return=minimal for a batch: one signed checkpoint whose tree contains every sealed deposit listed (absent when none is sealed)',
  });

export type SealedReceipt = z.output<typeof ZSealedReceipt>;
export type Witnessed = z.output<typeof ZWitnessed>;
export type PendingReceipt = z.output<typeof ZPendingReceipt>;
export type Receipt = z.output<typeof ZReceipt>;
export type SealedSummary = z.output<typeof ZSealedSummary>;
export type DepositSummary = z.output<typeof ZDepositSummary>;
export type DepositSummaries = z.output<typeof ZDepositSummaries>;
