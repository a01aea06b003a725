/** A deposit accepted by the API and not yet sealed into the log. */
export interface PendingDeposit {
  id: string;
  orgId: string;
  leaf: Uint8Array;
  leafHash: Uint8Array;
  sha256: Uint8Array | null;
  sm3: Uint8Array | null;
  depositedAt: Date;
  /**
   * The title the depositor typed on the portal's deposit page, kept for the organisation's
   * history (deposit_titles) in the transaction that writes the deposit; the leaf commits to its
   * SHA-256. Absent for API deposits, whose titles the portal does not keep.
   */
  title?: string;
}

/** Where a sealed deposit landed, with its proof to the checkpoint that sealed it. */
export interface SealedDeposit {
  id: string;
  leafIndex: bigint;
  treeSize: bigint;
  checkpoint: string;
  inclusionProof: Uint8Array[];
}
