/**
 * The EvidenceAnchor contract's interface (contracts/EvidenceAnchor.sol), written out so that viem
 * infers argument and result types; contracts/evidence-anchor.test.ts checks it against the ABI
 * in the committed artefact, so the two cannot drift apart.
 */
import { parseAbi } from 'viem';

export const EVIDENCE_ANCHOR_ABI = parseAbi([
  'constructor()',
  'error NotOwner()',
  'error EmptyAnchor()',
  'error TreeSizeNotGrowing(uint64 latest, uint64 given)',
  'error RootConflict(bytes32 anchored, bytes32 given)',
  'event Anchored(uint64 indexed treeSize, bytes32 rootHash, uint256 time)',
  'function owner() view returns (address)',
  'function latestTreeSize() view returns (uint64)',
  'function rootAt(uint64 treeSize) view returns (bytes32)',
  'function anchor(uint64 treeSize, bytes32 rootHash)',
]);
