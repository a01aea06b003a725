/**
 * BROWSER WORKER CODE for the profile in bench/browser-hashing.ts (`--profile`): reads a `File`
 * the way `hashStream` does, with the knobs the real worker fixes — read size, BYOB or default
 * reader, which hashers (none = reading alone, the I/O ceiling) — and reports the time inside
 * the worker. It uses lib/hashing's own hasher pool, so the hashers are the real ones; the
 * `hashStream` variant calls the real function.
 *
 * @module
 */
import { createSHA256, createSM3 } from 'hash-wasm';
import { type Algorithm, bytesToHex, type Digests } from '../../lib/hashing/digests';
import { hashStream } from '../../lib/hashing/hash-stream';
import { acquireHasher, releaseHasher } from '../../lib/hashing/hasher-pool';

export interface ExperimentRequest {
  file: Blob;
  algorithms: Algorithm[];
  chunkSize: number;
  /**
   * `hashStream`: the library function itself; `byob`/`default`: the loop below with that
   * stream reader; `slices`: `file.slice(…).arrayBuffer()` per chunk; `sync`: `FileReaderSync`.
   */
  reader: 'hashStream' | 'byob' | 'default' | 'slices' | 'sync';
  /** With `byob`/`default`/`slices`/`sync`: lib/hashing's own hashers (default) or hash-wasm's, as before. */
  hashers?: 'lib' | 'hash-wasm';
}

interface Hasher {
  update(chunk: Uint8Array): unknown;
  digest(): Uint8Array;
  release(): void;
}

async function createHasher(algorithm: Algorithm, kind: 'lib' | 'hash-wasm'): Promise<Hasher> {
  if (kind === 'lib') {
    const hasher = await acquireHasher(algorithm);
    return { update: (c) => hasher.update(c), digest: () => hasher.digest(), release: () => releaseHasher(hasher) };
  }
  const hasher = await (algorithm === 'sha256' ? createSHA256() : createSM3());
  return { update: (c) => hasher.update(c), digest: () => hasher.digest('binary'), release: () => undefined };
}

export interface ExperimentResult {
  ms: number;
  bytes: number;
  reads: number;
  digests: Digests;
}

interface Scope {
  postMessage(message: ExperimentResult | { error: string }): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ExperimentRequest>) => void): void;
}
const scope = globalThis as unknown as Scope;

async function run({
  file,
  algorithms,
  chunkSize,
  reader,
  hashers: kind = 'lib',
}: ExperimentRequest): Promise<ExperimentResult> {
  const startedAt = performance.now();
  if (reader === 'hashStream') {
    const digests = await hashStream(file.stream(), { algorithms, chunkSize });
    return { ms: performance.now() - startedAt, bytes: file.size, reads: Number.NaN, digests };
  }
  const hashers: [Algorithm, Hasher][] = [];
  for (const algorithm of algorithms) hashers.push([algorithm, await createHasher(algorithm, kind)]);
  let bytes = 0;
  let reads = 0;
  const feed = (chunk: Uint8Array) => {
    for (const [, hasher] of hashers) hasher.update(chunk);
    bytes += chunk.byteLength;
    reads++;
  };
  if (reader === 'byob') {
    const byob = file.stream().getReader({ mode: 'byob' });
    let buffer: ArrayBufferLike = new ArrayBuffer(chunkSize);
    for (;;) {
      const { done, value }: ReadableStreamReadResult<Uint8Array> = await byob.read(
        new Uint8Array(buffer, 0, buffer.byteLength),
      );
      if (done || !value) break;
      buffer = value.buffer;
      feed(value);
    }
  } else if (reader === 'slices') {
    for (let at = 0; at < file.size; at += chunkSize) {
      feed(new Uint8Array(await file.slice(at, at + chunkSize).arrayBuffer()));
    }
  } else if (reader === 'sync') {
    const sync = new (
      globalThis as unknown as { FileReaderSync: new () => { readAsArrayBuffer(b: Blob): ArrayBuffer } }
    ).FileReaderSync();
    for (let at = 0; at < file.size; at += chunkSize)
      feed(new Uint8Array(sync.readAsArrayBuffer(file.slice(at, at + chunkSize))));
  } else {
    const plain = file.stream().getReader();
    for (;;) {
      const { done, value } = await plain.read();
      if (done) break;
      feed(value);
    }
  }
  const digests: Digests = {};
  for (const [algorithm, hasher] of hashers) {
    digests[algorithm] = bytesToHex(hasher.digest());
    hasher.release();
  }
  return { ms: performance.now() - startedAt, bytes, reads, digests };
}

scope.addEventListener('message', (event) => {
  run(event.data).then(
    (result) => scope.postMessage(result),
    (error: unknown) => scope.postMessage({ error: error instanceof Error ? error.message : String(error) }),
  );
});
