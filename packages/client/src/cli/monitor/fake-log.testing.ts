/**
 * Test support for `verity monitor`: a small log over node:http that serves what a portal serves
 * to a monitor — GET /api/v1/log/checkpoint, /key, /witnesses and the C2SP tiles (built from the
 * definition by lib/tlog/testing/tile-server.ts, hashed with node:crypto) — and that can be made
 * to misbehave: show another history with the same key, alter a tile, hold an entry that is not
 * a deposit statement, sign with another key, drop cosignatures, fail with 503, go away.
 * Nothing in the app imports it.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildLeaf } from '@/lib/ledger/statement/build-leaf';
import {
  formatCheckpoint,
  formatSignedNote,
  generateCosignerKeys,
  generateNoteKeys,
  type NoteSignature,
  parseSignedNote,
  signCosignature,
  signNote,
  TileReader,
} from '@/lib/tlog';
import { buildTestTiles, type TestTiles } from '@/lib/tlog/testing/tile-server';
import { addCheckpointBody, post } from '@/lib/witness/witness.testing';

export const FAKE_ORIGIN = 'fake.verity.example/log';

/** A deposit statement leaf, as the portal builds them. */
export function statementLeaf(i: number): Uint8Array {
  return buildLeaf({
    request: { digests: { sha256: randomBytes(32).toString('hex') } },
    depositor: { id: `org-${i % 7}`, name: '示范存证单位' },
    depositedAt: new Date(Date.UTC(2026, 11, 6, 12, 0, 0, i % 1000)),
  }).leaf;
}

export function statementLeaves(count: number, start = 0): Uint8Array[] {
  return Array.from({ length: count }, (_, i) => statementLeaf(start + i));
}

export interface FakeWitness {
  name: string;
  signerKey: string;
  verifierKey: string;
}

export function fakeWitness(keyName: string): FakeWitness {
  return { name: keyName, ...generateCosignerKeys(keyName, 'ed25519') };
}

export class FakeLog {
  readonly keys = generateNoteKeys(FAKE_ORIGIN);
  leaves: Uint8Array[] = [];
  tiles: TestTiles = buildTestTiles([]);
  note = '';
  /** Answered at /witnesses (404 when undefined). */
  witnessesAnswer: unknown;
  /** Witnesses that cosign each new checkpoint. */
  cosigners: FakeWitness[] = [];
  /** Paths (under /api/v1/log/) answered with these bytes instead. */
  readonly overrides = new Map<string, Uint8Array>();
  /** Answer this many next requests with 503. */
  failNext = 0;
  /** Paths (under /api/v1/log/) answered 503 until removed. */
  readonly failing = new Set<string>();
  /** Every path requested, under /api/v1/log/. */
  readonly requested: string[] = [];
  private server: http.Server | undefined;
  url = '';

  /** The log now holds `leaves` (another history when they differ from before), signed by `signerKey`. */
  serve(leaves: Uint8Array[], signerKey = this.keys.signerKey): this {
    this.leaves = leaves;
    this.tiles = buildTestTiles(leaves);
    const text = formatCheckpoint({
      origin: FAKE_ORIGIN,
      size: BigInt(leaves.length),
      rootHash: this.tiles.mth(0n, BigInt(leaves.length)),
    });
    const signed = signNote(text, signerKey);
    if (this.cosigners.length === 0) this.note = signed;
    else {
      const { signatures } = parseSignedNote(signed);
      const time = Math.floor(Date.now() / 1000);
      const cosignatures = this.cosigners.map((w) => signCosignature(w.signerKey, text, time));
      this.note = formatSignedNote({ text, signatures: [...signatures, ...cosignatures] });
    }
    return this;
  }

  /** The checkpoint of the first `size` leaves (of `leaves`, another history, if given), tiles unchanged. */
  staleCheckpoint(size: number, leaves = this.leaves): this {
    const tiles = buildTestTiles(leaves.slice(0, size));
    this.note = signNote(
      formatCheckpoint({ origin: FAKE_ORIGIN, size: BigInt(size), rootHash: tiles.mth(0n, BigInt(size)) }),
      this.keys.signerKey,
    );
    return this;
  }

  /**
   * Asks real witnesses (lib/witness servers) to cosign the current checkpoint, as the portal does
   * (C2SP tlog-witness add-checkpoint, the consistency proof from each witness's last size, taking
   * its size on 409), and adds the cosignature lines they answer to the note. Returns each status.
   */
  async askWitnesses(witnesses: Array<{ url: string; size: number }>): Promise<number[]> {
    const size = this.leaves.length;
    const reader = new TileReader({
      size,
      rootHash: this.tiles.mth(0n, BigInt(size)),
      fetchTile: async (path) => this.tiles.serve(path) as Uint8Array,
    });
    const signed = parseSignedNote(this.note);
    const lines: NoteSignature[] = [];
    const statuses: number[] = [];
    for (const witness of witnesses) {
      for (let attempt = 0; attempt < 2; attempt++) {
        const old = witness.size;
        const proof = old === 0 || old === size ? [] : await reader.consistencyProof(old);
        const answer = await post(witness.url, addCheckpointBody(old, proof, this.note));
        if (answer.status === 409 && attempt === 0) {
          witness.size = Number(answer.text.trim());
          continue;
        }
        statuses.push(answer.status);
        if (answer.status === 200) {
          witness.size = size;
          lines.push(...parseSignedNote(`${signed.text}\n${answer.text}`).signatures);
        }
        break;
      }
    }
    this.note = formatSignedNote({ text: signed.text, signatures: [...signed.signatures, ...lines] });
    return statuses;
  }

  grow(count: number): this {
    return this.serve([...this.leaves, ...statementLeaves(count, this.leaves.length)]);
  }

  witnessPolicy(witnesses: FakeWitness[], quorum: number): this {
    this.cosigners = witnesses;
    this.witnessesAnswer = {
      policy: { quorum },
      witnesses: witnesses.map((w) => ({ name: w.name, verifierKey: w.verifierKey, url: 'http://127.0.0.1:9' })),
    };
    return this;
  }

  /** Requests for entry bundles, as bundle indexes (to see what a run read). */
  bundlesRequested(): string[] {
    return this.requested.filter((p) => p.startsWith('tile/entries/'));
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const prefix = '/api/v1/log/';
      const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : undefined;
      if (path !== undefined) this.requested.push(path);
      const send = (status: number, body: string | Uint8Array, type = 'text/plain; charset=utf-8') => {
        res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
        res.end(body);
      };
      if (this.failNext > 0) {
        this.failNext--;
        return send(503, 'busy');
      }
      if (path === undefined) return send(404, 'not found');
      if (this.failing.has(path)) return send(503, 'busy');
      const override = this.overrides.get(path);
      if (override) return send(200, override, 'application/octet-stream');
      if (path === 'checkpoint') return send(200, this.note);
      if (path === 'key') return send(200, `${this.keys.verifierKey}\n`);
      if (path === 'witnesses') {
        return this.witnessesAnswer === undefined
          ? send(404, '{"error":{"code":"NOT_FOUND"}}', 'application/json')
          : send(200, JSON.stringify(this.witnessesAnswer), 'application/json');
      }
      const tile = path.startsWith('tile/') ? this.tiles.serve(path) : undefined;
      if (tile) return send(200, tile, 'application/octet-stream');
      return send(404, 'no such tile');
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
