/**
 * RFC 6962 SHA-256 Merkle hashing with node:crypto (OpenSSL), for the monitor in Node: reading a
 * whole log hashes every leaf and node once, and OpenSSL does that several times faster than the
 * pure-JS @noble/hashes that lib/tlog uses by default (it must run in browsers). Same answers.
 *
 * @module
 */
import { hash } from 'node:crypto';
import { HASH_SIZE, LEAF_HASH_PREFIX, type MerkleHasher, NODE_HASH_PREFIX } from '@/lib/tlog';

const EMPTY = new Uint8Array(0);

export const nodeMerkleHasher: MerkleHasher = {
  size: HASH_SIZE,
  emptyRoot: () => new Uint8Array(hash('sha256', EMPTY, 'buffer')),
  hashLeaf: (leaf) => new Uint8Array(hash('sha256', Buffer.concat([Uint8Array.of(LEAF_HASH_PREFIX), leaf]), 'buffer')),
  hashChildren: (left, right) =>
    new Uint8Array(hash('sha256', Buffer.concat([Uint8Array.of(NODE_HASH_PREFIX), left, right]), 'buffer')),
};
