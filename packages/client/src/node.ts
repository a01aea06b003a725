/**
 * `@verity/client/node` — the Node entry: everything of the browser-safe entry (index.ts), plus
 * what needs Node: `fileCheckpointStore(path)` (the remembered checkpoints in a file that
 * survives the process) and `hashFile(path)` (SHA-256 and SM3 of a file, streamed).
 *
 * @module
 */

export { type HashFileOptions, hashFile, type NodeHashResult } from '@/lib/hashing/node';
export * from './index';
export { type FileCheckpointStoreOptions, fileCheckpointStore } from './node/checkpoint-file-store';
