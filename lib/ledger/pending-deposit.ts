/** A deposit accepted by the API and not yet sealed into the log. */
export interface PendingDeposit {
  id: string;
  orgId: string;
  leaf: Uint8Array;
  leafHash: Uint8Array;
  sha256: Uint8Array | null;
  sm3: Uint8Array | null;
  depositedAt: Date;
}

/** Where a sealed deposit landed, with its proof to the checkpoint that sealed it. */
export interface SealedDeposit {
  id: string;
  leafIndex: bigint;
  treeSize: bigint;
  checkpoint: string;
  inclusionProof: Uint8Array[];
}
