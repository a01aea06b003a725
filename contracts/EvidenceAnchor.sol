// SPDX-License-Identifier: MIT
// Verity's anchor of the transparency log's checkpoints (issue #19): the operator's key records
// (tree size, root hash) pairs; sizes only grow and a size, once anchored, keeps its root forever.
// Pinned to 0.8.11 with evmVersion london because FISCO BCOS 3.x accepts Solidity up to 0.8.11
// and no PUSH0 (contracts/compile.ts).
pragma solidity 0.8.11;

contract EvidenceAnchor {
    error NotOwner();
    error EmptyAnchor();
    error TreeSizeNotGrowing(uint64 latest, uint64 given);
    error RootConflict(bytes32 anchored, bytes32 given);

    event Anchored(uint64 indexed treeSize, bytes32 rootHash, uint256 time);

    address public immutable owner;
    uint64 public latestTreeSize;
    mapping(uint64 => bytes32) private roots;

    constructor() {
        owner = msg.sender;
    }

    /// The root anchored at `treeSize`, or zero when that size was never anchored.
    function rootAt(uint64 treeSize) external view returns (bytes32) {
        return roots[treeSize];
    }

    /// Records `rootHash` for `treeSize`. Sending the same pair again succeeds without a second
    /// event, so a retry after a lost receipt is harmless.
    function anchor(uint64 treeSize, bytes32 rootHash) external {
        if (msg.sender != owner) revert NotOwner();
        if (rootHash == bytes32(0)) revert EmptyAnchor();
        bytes32 anchored = roots[treeSize];
        if (anchored != bytes32(0)) {
            if (anchored != rootHash) revert RootConflict(anchored, rootHash);
            return;
        }
        if (treeSize <= latestTreeSize) revert TreeSizeNotGrowing(latestTreeSize, treeSize);
        roots[treeSize] = rootHash;
        latestTreeSize = treeSize;
        emit Anchored(treeSize, rootHash, block.timestamp);
    }
}
