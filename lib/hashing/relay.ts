/**
 * Reading a file once for several Web Workers. With one worker per algorithm (`hash-queue.ts`),
 * every worker reading the same `File` costs the browser a second read — about a CPU-second per GB
 * in Chromium, split between the browser process and the worker, on the same cores as the
 * hashers. Instead the first worker reads the file and, once it has hashed a chunk, transfers the
 * chunk's buffer to the next worker over a `MessagePort`; the last worker gives it back, and
 * the reader reads into it again. The buffers go round a ring:
 *
 *     reader ──chunk──▶ follower 1 ──chunk──▶ … ──chunk──▶ reader (the buffer, free again)
 *
 * Transfers move buffers without copying them, and the reader never has more than `RELAY_BUFFERS`
 * buffers of `RELAY_CHUNK_SIZE` out, so memory stays flat however large the file, and a slow
 * follower holds the reader back rather than letting chunks pile up.
 *
 * After its last chunk the reader sends `end`, or `error` with the code and message it failed
 * with (a file that cannot be read, `SIZE_MISMATCH`, abort), and each follower passes that on,
 * so every worker of the job ends the same way. The page creates the ports (`hash-queue.ts`).
 *
 * @see https://html.spec.whatwg.org/multipage/web-messaging.html#message-ports
 * @module
 */
import type { Digests } from './digests';
import { abortError } from './errors';
import { type HashBlobOptions, hashBlobRelayed, hashSizedStream } from './hash-blob';
import type { ChunkRelay } from './hash-stream';
import { describeHashFailure, RelayedError, type RelayMessage, type RelayPorts } from './worker-protocol';

/**
 * Buffers the reader may have out at once, and their size: 12 MiB in flight, in pieces small
 * enough that a worker briefly held up by the browser's own reading (both share two cores here)
 * finds chunks ready rather than waiting. Measured on 1 GiB in Chromium 156, quiet 2-core
 * machine, both digests against `openssl dgst -sm3`: 3 × 4 MiB 0.64–0.85× (median 0.79×),
 * 6 × 2 MiB 0.72–0.93×, 8 × 2 MiB 0.70–0.86× (0.82×), 12 × 1 MiB 0.76–0.85×; every worker
 * reading the file itself 0.68–0.79× (bench/RESULTS.md).
 */
export const RELAY_BUFFERS = 6;
export const RELAY_CHUNK_SIZE = 2 * 1024 * 1024;

type ChunkMessage = Extract<RelayMessage, { type: 'chunk' }>;

/**
 * `hashBlob`, and every chunk handed on through `ports.to` once hashed; buffers come back
 * through `ports.from`. Sends `end` after the last chunk (the size checked), or `error`.
 */
export async function hashBlobAndRelay(
  blob: Blob,
  ports: RelayPorts,
  options: HashBlobOptions & { buffers?: number },
): Promise<Digests> {
  const { from, to } = ports;
  const { signal, buffers = RELAY_BUFFERS, chunkSize = RELAY_CHUNK_SIZE } = options;
  const free: ArrayBuffer[] = [];
  let created = 0;
  let waiting: { resolve: (buffer: ArrayBuffer) => void; reject: (error: unknown) => void } | undefined;
  from.onmessage = (event: MessageEvent<RelayMessage>) => {
    // `end` and `error` come back round the ring too; the reader knows them already.
    if (event.data.type !== 'chunk') return;
    if (waiting) waiting.resolve(event.data.buffer);
    else free.push(event.data.buffer);
    waiting = undefined;
  };
  const onAbort = () => {
    if (signal) waiting?.reject(abortError(signal));
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  const relay: ChunkRelay = {
    forward(chunk) {
      const buffer = chunk.buffer as ArrayBuffer;
      const message: ChunkMessage = { type: 'chunk', buffer, offset: chunk.byteOffset, length: chunk.byteLength };
      to.postMessage(message, [buffer]);
    },
    nextBuffer(chunkSize) {
      const buffer = free.pop();
      if (buffer) return Promise.resolve(buffer);
      if (created < buffers) {
        created++;
        return Promise.resolve(new ArrayBuffer(chunkSize));
      }
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
      });
    },
  };
  try {
    const digests = await hashBlobRelayed(blob, { ...options, chunkSize }, relay);
    to.postMessage({ type: 'end' } satisfies RelayMessage);
    return digests;
  } catch (error) {
    to.postMessage({ type: 'error', ...describeHashFailure(error) } satisfies RelayMessage);
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    from.onmessage = null;
  }
}

/**
 * Hashes the chunks another worker read (`hashBlobAndRelay`), arriving on `ports.from`, and
 * hands each on through `ports.to` once hashed. Fails with `SIZE_MISMATCH` if they do not add up
 * to `totalBytes`, and with the reader's own code and message if the reader failed.
 */
export function hashRelayedChunks(ports: RelayPorts, totalBytes: number, options: HashBlobOptions): Promise<Digests> {
  return hashSizedStream(relayedStream(ports), totalBytes, options);
}

/** The chunks arriving on `from` as a stream; each goes on to `to` when the next is asked for. */
function relayedStream({ from, to }: RelayPorts): ReadableStream<Uint8Array> {
  const inbox: RelayMessage[] = [];
  let wake: (() => void) | undefined;
  from.onmessage = (event: MessageEvent<RelayMessage>) => {
    inbox.push(event.data);
    wake?.();
  };
  const nextMessage = async (): Promise<RelayMessage> => {
    for (let message = inbox.shift(); ; message = inbox.shift()) {
      if (message) return message;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  };
  let held: ChunkMessage | undefined;
  return new ReadableStream<Uint8Array>(
    {
      // With a high-water mark of 0, pull runs only when the hasher asks for the next chunk,
      // that is once it has hashed the one before: that one's buffer can move on.
      async pull(controller) {
        if (held) to.postMessage(held, [held.buffer]);
        held = undefined;
        const message = await nextMessage();
        if (message.type === 'chunk') {
          held = message;
          controller.enqueue(new Uint8Array(message.buffer, message.offset, message.length));
          return;
        }
        to.postMessage(message);
        from.onmessage = null;
        if (message.type === 'end') controller.close();
        else controller.error(new RelayedError(message.code, message.message));
      },
      cancel() {
        from.onmessage = null;
      },
    },
    { highWaterMark: 0 },
  );
}
