/**
 * `lib/tlog`: Verity's transparency-log primitives, pure and dependency-light so the same code
 * runs in the browser, in Node and in Web Workers. See README.md for what the module owns.
 *
 * - RFC 6962 / RFC 9162 hashing, roots, inclusion and consistency proofs
 * - C2SP tlog-checkpoint, signed-note (Ed25519) and tlog-proof@v1
 * - C2SP tlog-cosignature (Ed25519 cosignature/v1, ML-DSA-44 subtree/v1) and witness policies
 *
 * @see https://www.rfc-editor.org/rfc/rfc9162
 * @see https://c2sp.org/tlog-checkpoint
 * @see https://c2sp.org/signed-note
 * @see https://c2sp.org/tlog-proof
 * @see https://c2sp.org/tlog-cosignature
 * @module
 */
export { type Checkpoint, type FormatCheckpointOptions, formatCheckpoint, parseCheckpoint } from './checkpoint';
export {
  COSIGNATURE_V1_HEADER,
  cosignatureV1Message,
  cosignedMessage,
  MAX_COSIGNATURE_TIMESTAMP,
  parseTimestampedSignature,
  type SignCosignatureOptions,
  SUBTREE_V1_LABEL,
  type SubtreeV1MessageFields,
  signCosignature,
  subtreeV1Message,
  verifyCosignature,
} from './cosignature';
export {
  type CheckCosignaturesOptions,
  type CosignatureCheck,
  type CosignaturePolicy,
  type CosignatureProblem,
  type CosignatureProblemKind,
  checkCosignatures,
  parseCosignaturePolicy,
  type ValidCosignature,
  type VerifiedCosignedCheckpoint,
  verifyCosignedCheckpoint,
} from './cosignature-policy';
export {
  COSIGNATURE_ALGORITHMS,
  COSIGNATURE_ED25519_TYPE,
  COSIGNATURE_ML_DSA_44_TYPE,
  type CosignatureAlgorithm,
  type CosignerSignerKey,
  type CosignerVerifierKey,
  cosignerKeyId,
  formatCosignerVerifierKey,
  parseCosignerVerifierKey,
} from './cosigner-keys';
export {
  cosignerKeyPair,
  cosignerVerifierKeyFromSignerKey,
  formatCosignerSignerKey,
  generateCosignerKeys,
  parseCosignerSignerKey,
} from './cosigner-signer-keys';
export { type Ed25519, nobleEd25519 } from './ed25519';
export { base64ToBytes, bytesEqual, bytesToBase64, bytesToHex, hexToBytes } from './encoding';
export { encodeEntryBundle, MAX_ENTRY_BYTES, parseEntryBundle } from './entry-bundle';
export { isTlogError, TLOG_ERROR_CODES, TlogError, type TlogErrorCode } from './errors';
export {
  emptyRoot,
  HASH_SIZE,
  hashChildren,
  hashLeaf,
  LEAF_HASH_PREFIX,
  type MerkleHasher,
  NODE_HASH_PREFIX,
  rfc6962Sha256,
} from './hash';
export {
  ED25519_SIGNATURE_TYPE,
  formatSignerKey,
  formatVerifierKey,
  generateNoteKeys,
  isValidKeyName,
  type NoteSignerKey,
  type NoteVerifierKey,
  noteKeyId,
  parseSignerKey,
  parseVerifierKey,
  verifierKeyFromSignerKey,
} from './note-keys';
export {
  type ConsistencyProofShape,
  consistencyProofSize,
  decomposeInclusionProof,
  type InclusionProofDecomposition,
  inclusionProofSize,
} from './proof-shape';
export { rootFromLeafHashes } from './root-from-leaf-hashes';
export { type ScanTiledLogOptions, scanTiledLog } from './scan-tiled-log';
export { type NoteSigners, signNote } from './sign-note';
export {
  formatSignatureLine,
  formatSignedNote,
  MAX_NOTE_SIGNATURES,
  type NoteSignature,
  parseSignedNote,
  SIGNATURE_LINE_PREFIX,
  type SignedNote,
} from './signed-note';
export {
  formatTileIndex,
  formatTilePath,
  MAX_TILE_LEVEL,
  parseTilePath,
  TILE_HEIGHT,
  TILE_WIDTH,
  type Tile,
  type TileLevel,
  tileStartLeaf,
  tilesOfTree,
  tileWidthIn,
} from './tile-path';
export { type FetchTile, TileReader, type TileReaderOptions } from './tile-reader';
export {
  assertCheckpointNote,
  type FormatTlogProofOptions,
  formatTlogProof,
  MAX_INCLUSION_PROOF_HASHES,
  parseTlogProof,
  TLOG_PROOF_HEADER,
  type TlogProof,
} from './tlog-proof';
export { MAX_UINT64, type Uint64Like } from './uint64';
export { type VerifiedCheckpoint, type VerifyCheckpointOptions, verifyCheckpoint } from './verify-checkpoint';
export { rootFromConsistencyProof, verifyConsistency } from './verify-consistency';
export { rootFromInclusionProof, verifyInclusion } from './verify-inclusion';
export { type NoteVerifiers, type VerifiedNote, type VerifyNoteOptions, verifyNote } from './verify-note';
export { type VerifiedTlogProof, type VerifyTlogProofOptions, verifyTlogProof } from './verify-tlog-proof';
