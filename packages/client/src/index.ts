/**
 * `@verity/client` — the browser-safe entry (no `node:` modules): the depositors' SDK. Deposit
 * digests, look deposits up, hash Blobs and streams (SHA-256 and SM3), sign statements (Ed25519,
 * SM2), verify receipts offline and prove the log consistent with the checkpoint remembered.
 * The code is the portal's own (lib/): the receipt check is the one its pages run.
 * Node adds `fileCheckpointStore` and `hashFile`: `@verity/client/node` (node.ts).
 *
 * @see ../README.md
 * @module
 */
export {
  ALGORITHMS,
  type Algorithm,
  bytesToHex,
  type Digests,
  type HashBlobOptions,
  HashingError,
  type HashStreamOptions,
  hashBlob,
  hashBytes,
  hashStream,
  hexToBytes,
} from '@/lib/hashing';
export type { PendingReceipt, Receipt, SealedReceipt } from '@/lib/ledger/receipt.schema';
export {
  type DepositorPrivateKey,
  type DepositRequest,
  type DepositRequestInput,
  depositorPublicKey,
  MAX_BATCH_SIZE,
  type SignatureAlgorithm,
  signDepositRequest,
} from '@/lib/ledger/statement';
export { type CheckpointStore, memoryCheckpointStore } from './sdk/checkpoint-store';
export {
  type ForkEvidence,
  isVerityError,
  VERITY_ERROR_CODES,
  VerityError,
  type VerityErrorCode,
} from './sdk/errors';
export {
  type ReceiptCheck,
  type ReceiptVerification,
  type VerifyReceiptOptions,
  verifyReceipt,
  type WitnessPolicy,
} from './sdk/verify-receipt';
export {
  type DepositManyOptions,
  type VerifyOnlineOptions,
  VerityClient,
  type VerityClientOptions,
} from './sdk/verity-client';
