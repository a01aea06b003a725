/**
 * Test support for the witness: a log whose tree is built with lib/tlog's RFC 6962 hashing
 * (roots) and the independent reference tree (proofs), signed checkpoints at any size, forks
 * (two histories sharing a prefix), add-checkpoint bodies, and a witness directory to serve.
 * Nothing in the app imports it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  bytesToBase64,
  type CosignatureAlgorithm,
  formatCheckpoint,
  generateNoteKeys,
  hashLeaf,
  rootFromLeafHashes,
  signNote,
} from '@/lib/tlog';
import { listTree, refConsistencyProof } from '@/lib/tlog/testing/reference-tree';
import { addLog, initWitness } from './witness-directory';

export class TestLog {
  readonly origin: string;
  readonly signerKey: string;
  readonly verifierKey: string;
  readonly leafHashes: Uint8Array[];

  constructor(origin: string, keys = generateNoteKeys(origin), leafHashes: Uint8Array[] = []) {
    this.origin = origin;
    this.signerKey = keys.signerKey;
    this.verifierKey = keys.verifierKey;
    this.leafHashes = leafHashes;
  }

  get size(): number {
    return this.leafHashes.length;
  }

  /** Appends `count` random leaves. */
  grow(count: number): this {
    for (let i = 0; i < count; i++) this.leafHashes.push(hashLeaf(randomBytes(16)));
    return this;
  }

  /** Another history of the same log (same key), sharing this one's leaves so far. */
  fork(): TestLog {
    return new TestLog(this.origin, { signerKey: this.signerKey, verifierKey: this.verifierKey }, [...this.leafHashes]);
  }

  root(size = this.size): Uint8Array {
    return rootFromLeafHashes(this.leafHashes.slice(0, size));
  }

  /** The checkpoint body (unsigned text) at `size`. */
  body(size = this.size): string {
    return formatCheckpoint({ origin: this.origin, size, rootHash: this.root(size) });
  }

  /** The signed checkpoint note at `size`. */
  checkpoint(size = this.size, signerKey = this.signerKey): string {
    return signNote(this.body(size), signerKey);
  }

  /** RFC 6962 consistency proof from `from` to `to` (empty from 0 or between equal sizes). */
  proof(from: number, to = this.size): Uint8Array[] {
    if (from === 0 || from === to) return [];
    return refConsistencyProof(listTree(this.leafHashes.slice(0, to)), BigInt(from));
  }

  /** The add-checkpoint request body from `old` to `size`, with the right proof unless given. */
  request(old: number, size = this.size, proof = this.proof(old, size), note = this.checkpoint(size)): string {
    return addCheckpointBody(old, proof, note);
  }
}

export function addCheckpointBody(old: number | bigint | string, proof: readonly Uint8Array[], note: string): string {
  return `old ${old}\n${proof.map((hash) => `${bytesToBase64(hash)}\n`).join('')}\n${note}`;
}

export interface Answer {
  status: number;
  text: string;
  contentType: string | null;
  headers: Headers;
}

export async function post(url: string, body: string | Uint8Array, pathname = '/add-checkpoint'): Promise<Answer> {
  const res = await fetch(`${url}${pathname}`, {
    method: 'POST',
    body: typeof body === 'string' ? body : new Uint8Array(body).buffer,
  });
  return {
    status: res.status,
    text: await res.text(),
    contentType: res.headers.get('content-type'),
    headers: res.headers,
  };
}

/** A fresh witness directory witnessing `logs`. */
export async function makeWitnessDir(
  logs: readonly TestLog[],
  options: { name?: string; algorithms?: CosignatureAlgorithm[] } = {},
): Promise<{ dir: string; verifierKeys: string[]; name: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'verity-witness-'));
  const name = options.name ?? `witness.example/${randomBytes(4).toString('hex')}`;
  const verifierKeys = await initWitness(dir, { name, algorithms: options.algorithms ?? ['ed25519'] });
  for (const log of logs) await addLog(dir, log.verifierKey);
  return { dir, verifierKeys, name };
}
