/**
 * Progress of a long task over many files (`verity deposit`): on a terminal one line redrawn in
 * place (carriage return, clear line) at most every 100 ms; otherwise (a log file, CI) a plain
 * line every 5 s, so a log shows the task moving without a line per file. `done()` ends with the
 * totals and the time taken in both modes.
 *
 *   Hashing 123/10,000 files · 1.2/4.0 GiB · 540 MB/s · 0:07 left
 *
 * Sizes in binary units (the unit of the total for both figures), speed in decimal MB/s as disk
 * and network tools print it, averaged since the start (steadier than the last interval's rate,
 * which files of uneven size make jump). Time left is the bytes left at that speed.
 *
 * @module
 */

export interface ProgressOutput {
  tty: boolean;
  write(text: string): void;
}

export interface ProgressOptions {
  totalFiles: number;
  totalBytes: number;
  /** The verb in front: "Hashing", "Depositing". */
  label: string;
  /** Milliseconds (tests inject a clock). Default Date.now. */
  now?: () => number;
}

export interface Progress {
  /** Files and bytes done so far (totals, not increments). */
  update(files: number, bytes: number): void;
  /** The final line (and a newline on a terminal). */
  done(): void;
  /**
   * Before another line is written to the terminal (stdout shares it): the redrawn line is cleared,
   * or the two would run together; it is drawn again at the next update. Nothing when not a terminal.
   */
  clear(): void;
}

const REDRAW_MS = 100;
const PLAIN_MS = 5000;
const CLEAR_LINE = '\r\x1b[2K';

export function createProgress(out: ProgressOutput, options: ProgressOptions): Progress {
  const now = options.now ?? Date.now;
  const started = now();
  let files = 0;
  let bytes = 0;
  let lastWrite = started;
  let finished = false;
  const line = (final: boolean) => formatProgressLine({ ...options, files, bytes, elapsedMs: now() - started, final });
  return {
    update(doneFiles, doneBytes) {
      if (finished) return;
      files = doneFiles;
      bytes = doneBytes;
      const at = now();
      if (at - lastWrite < (out.tty ? REDRAW_MS : PLAIN_MS)) return;
      lastWrite = at;
      out.write(out.tty ? `${CLEAR_LINE}${line(false)}` : `${line(false)}\n`);
    },
    clear() {
      if (out.tty && !finished) {
        out.write(CLEAR_LINE);
        lastWrite = 0; // redraw at the next update
      }
    },
    done() {
      if (finished) return;
      finished = true;
      out.write(out.tty ? `${CLEAR_LINE}${line(true)}\n` : `${line(true)}\n`);
    },
  };
}

export interface ProgressLineInput {
  label: string;
  files: number;
  totalFiles: number;
  bytes: number;
  totalBytes: number;
  elapsedMs: number;
  /** The closing line: time taken instead of time left. */
  final?: boolean;
}

export function formatProgressLine(input: ProgressLineInput): string {
  const { label, files, totalFiles, bytes, totalBytes, elapsedMs } = input;
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? bytes / seconds : 0;
  const [divisor, unit] = sizeUnit(totalBytes);
  const size = (n: number) => (divisor === 1 ? String(n) : (n / divisor).toFixed(1));
  let time: string;
  if (input.final) time = `done in ${clock(seconds)}`;
  else if (bytes >= totalBytes) time = '0:00 left';
  else time = rate > 0 && seconds >= 1 ? `${clock((totalBytes - bytes) / rate)} left` : '–:–– left';
  return [
    `${label} ${count(files)}/${count(totalFiles)} files`,
    `${size(bytes)}/${size(totalBytes)} ${unit}`,
    `${rate >= 10e6 ? Math.round(rate / 1e6) : (rate / 1e6).toFixed(1)} MB/s`,
    time,
  ].join(' · ');
}

function sizeUnit(total: number): [number, string] {
  if (total >= 1024 ** 3) return [1024 ** 3, 'GiB'];
  if (total >= 1024 ** 2) return [1024 ** 2, 'MiB'];
  if (total >= 1024) return [1024, 'KiB'];
  return [1, 'B'];
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** m:ss, or h:mm:ss from an hour. */
function clock(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const secs = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${secs}` : `${minutes}:${secs}`;
}
