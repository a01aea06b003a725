/**
 * The witness's own record of what it cosigned and refused: JSON Lines, one object per request
 * about a known log, in `witness-log.jsonl`. Bounded: when the file passes `maxBytes` it becomes
 * `witness-log.jsonl.1` (replacing the previous one), so at most about twice `maxBytes` is kept.
 *
 * A refusal of a validly signed checkpoint (409, 422) keeps the evidence — the note and the
 * proof as sent — because it may show the log presenting another history (the spec lets a
 * witness log such requests). Lines are appended, not fsync'd: this is a record, not the state;
 * a crash may cut the last line, which readers skip.
 *
 * @module
 */
import { appendFile, rename, stat } from 'node:fs/promises';
import path from 'node:path';

export const EVENT_LOG_FILE = 'witness-log.jsonl';
export const DEFAULT_EVENT_LOG_BYTES = 8 * 1024 * 1024;

export interface WitnessEvent {
  /** RFC 3339. */
  time: string;
  outcome: 'cosigned' | 'refused';
  status: number;
  origin?: string;
  oldSize?: string;
  size?: string;
  rootHash?: string;
  reason?: string;
  /** Evidence of a refused, validly signed checkpoint. */
  note?: string;
  proof?: string[];
  remote?: string;
}

export class EventLog {
  readonly file: string;
  private readonly maxBytes: number;
  private size = -1;
  private queue: Promise<void> = Promise.resolve();

  constructor(witnessDir: string, maxBytes = DEFAULT_EVENT_LOG_BYTES) {
    this.file = path.join(witnessDir, EVENT_LOG_FILE);
    this.maxBytes = maxBytes;
  }

  /** Appends in order; never rejects (a full disk must not stop the witness answering). */
  record(event: WitnessEvent): Promise<void> {
    const line = `${JSON.stringify(event)}\n`;
    this.queue = this.queue.then(() => this.append(line)).catch(() => undefined);
    return this.queue;
  }

  private async append(line: string): Promise<void> {
    if (this.size < 0)
      this.size = await stat(this.file).then(
        (s) => s.size,
        () => 0,
      );
    if (this.size > 0 && this.size + Buffer.byteLength(line) > this.maxBytes) {
      await rename(this.file, `${this.file}.1`);
      this.size = 0;
    }
    await appendFile(this.file, line, { mode: 0o600 });
    this.size += Buffer.byteLength(line);
  }

  /** Resolves when every recorded event is written. */
  flush(): Promise<void> {
    return this.queue;
  }
}
