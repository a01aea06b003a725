import { describe, expect, it } from 'vitest';
import { createProgress, formatProgressLine } from './progress';

const GiB = 1024 ** 3;

function recorder(tty: boolean) {
  const writes: string[] = [];
  let clock = 1_000_000;
  return {
    writes,
    out: { tty, write: (text: string) => void writes.push(text) },
    now: () => clock,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe('formatProgressLine', () => {
  it('files, sizes in the total’s unit, MB/s and time left', () => {
    const line = formatProgressLine({
      label: 'Hashing',
      files: 123,
      totalFiles: 10_000,
      bytes: 1.2 * GiB,
      totalBytes: 4 * GiB,
      elapsedMs: 2386,
    });
    // 1.2 GiB in 2.386 s = 540 MB/s; 2.8 GiB left at that speed ≈ 5.6 s.
    expect(line).toBe('Hashing 123/10,000 files · 1.2/4.0 GiB · 540 MB/s · 0:06 left');
  });

  it('small totals, an unknown rate at the start, hours, the final line', () => {
    const base = { label: 'Depositing', files: 0, totalFiles: 3, bytes: 0, totalBytes: 900 };
    expect(formatProgressLine({ ...base, elapsedMs: 0 })).toBe('Depositing 0/3 files · 0/900 B · 0.0 MB/s · –:–– left');
    expect(formatProgressLine({ ...base, files: 3, bytes: 900, elapsedMs: 500 })).toBe(
      'Depositing 3/3 files · 900/900 B · 0.0 MB/s · 0:00 left',
    );
    expect(
      formatProgressLine({ ...base, bytes: 1e6, totalBytes: 8e9, elapsedMs: 1000, totalFiles: 1, files: 0 }),
    ).toMatch(/ · 1\.0 MB\/s · 2:13:19 left$/);
    expect(formatProgressLine({ ...base, files: 3, bytes: 900, elapsedMs: 65_000, final: true })).toMatch(
      / · done in 1:05$/,
    );
  });
});

describe('createProgress', () => {
  it('on a terminal redraws one line, at most every 100 ms, and ends it with a newline', () => {
    const r = recorder(true);
    const progress = createProgress(r.out, { totalFiles: 2, totalBytes: 2048, label: 'Hashing', now: r.now });
    progress.update(0, 100);
    r.advance(50);
    progress.update(1, 1024);
    expect(r.writes).toEqual([]);
    r.advance(60);
    progress.update(1, 1024);
    r.advance(100);
    progress.update(2, 2048);
    progress.done();
    progress.update(2, 2048);
    expect(r.writes).toHaveLength(3);
    for (const w of r.writes) expect(w.startsWith('\r\x1b[2K')).toBe(true);
    expect(r.writes[0]).toContain('Hashing 1/2 files · 1.0/2.0 KiB');
    expect(r.writes[1]).toContain('Hashing 2/2 files · 2.0/2.0 KiB');
    expect(r.writes[2]).toMatch(/done in 0:00\n$/);
    expect(r.writes.slice(0, 2).join('')).not.toContain('\n');
  });

  it('clears its line on a terminal before another line is written, and draws it again at the next update', () => {
    const tty = recorder(true);
    const progress = createProgress(tty.out, { totalFiles: 2, totalBytes: 2048, label: 'Hashing', now: tty.now });
    tty.advance(200);
    progress.update(1, 1024);
    tty.advance(10);
    progress.clear();
    tty.advance(10);
    progress.update(1, 1100); // within 100 ms of the last draw, yet drawn: the line was cleared
    expect(tty.writes).toHaveLength(3);
    expect(tty.writes[1]).toBe('\r\x1b[2K');
    expect(tty.writes[2]).toContain('Hashing 1/2 files');
    progress.done();
    progress.clear();
    expect(tty.writes).toHaveLength(4);

    const plain = recorder(false);
    const quiet = createProgress(plain.out, { totalFiles: 2, totalBytes: 2048, label: 'Hashing', now: plain.now });
    quiet.clear();
    expect(plain.writes).toEqual([]);
  });

  it('off a terminal writes a plain line every 5 s, and the final one', () => {
    const r = recorder(false);
    const progress = createProgress(r.out, { totalFiles: 10, totalBytes: 10e6, label: 'Hashing', now: r.now });
    for (let i = 1; i <= 10; i++) {
      r.advance(1200);
      progress.update(i, i * 1e6);
    }
    progress.done();
    // Updates 1.2 s apart: a line at 6.0 s (5 s after the start), the next 5 s later at 12.0 s, then done.
    expect(r.writes).toEqual([
      'Hashing 5/10 files · 4.8/9.5 MiB · 0.8 MB/s · 0:06 left\n',
      'Hashing 10/10 files · 9.5/9.5 MiB · 0.8 MB/s · 0:00 left\n',
      'Hashing 10/10 files · 9.5/9.5 MiB · 0.8 MB/s · done in 0:12\n',
    ]);
  });
});
