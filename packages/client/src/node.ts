/**
 * `@verity/client/node` — the Node entry: everything of the browser-safe entry (index.ts), plus
 * what needs Node: `fileCheckpointStore(path)` (the remembered checkpoints in a file that
 * survives the process), `hashFile(path)` (SHA-256 and SM3 of a file, streamed, in this thread),
 * `FileHasher` (both digests of many files in worker threads, refused when a file changes while
 * hashed — what `verity deposit` uses) and `walkFiles` (files under folders, links followed,
 * loops and unreadable entries reported).
 *
 * @module
 */

export { type HashFileOptions, hashFile, type NodeHashResult } from '@/lib/hashing/node';
export * from './index';
export { type FileCheckpointStoreOptions, fileCheckpointStore } from './node/checkpoint-file-store';
export { FileChangedError, FileHashError } from './node/file-hash-errors';
export { type FileDigests, FileHasher, type FileHasherOptions } from './node/hash-file-pair';
export { isWalkProblem, type WalkedFile, type WalkProblem, walkFiles } from './node/walk-files';
