/**
 * The client's file hashing (issue #20): one large random file hashed by `FileHasher`
 * (packages/client/src/node/hash-file-pair.ts, both SHA-256 and SM3) against `openssl dgst -sm3`
 * and `sha256sum` on the same file in the same run, page cache warm (the file is read once before
 * anything is timed). Goals: FileHasher ≥ 0.9× `openssl dgst -sm3`; peak memory ≤ 150 MB.
 *
 *   npx tsx bench/client-hashing.ts [--size-mib 4096] [--runs 3] [--threads 2] [--variants]
 *
 * Each round times every contender in turn, so a burst of other work on the machine hits them
 * alike; the median of the rounds is reported. Memory: VmHWM of this process (/proc/self/status;
 * the hashing threads are threads of this process, so their buffers and isolates count), reset
 * through /proc/self/clear_refs after the file is written so the figure is the hashing's own.
 *
 * `--variants` adds the design alternatives: both digests in one thread (one read, the two
 * hashes one after the other on each chunk) and the read size (256 KiB, 4 MiB) of the two-thread
 * design. Every digest is checked against the command-line tools'.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FileHasher, type FileHasherOptions } from '../packages/client/src/node/hash-file-pair';
import { writeRandomFile } from './lib/random-file';

const MiB = 1024 * 1024;
const { values } = parseArgs({
  options: {
    'size-mib': { type: 'string', default: '4096' },
    runs: { type: 'string', default: '3' },
    threads: { type: 'string', default: '2' },
    variants: { type: 'boolean', default: false },
  },
});
const sizeMiB = Number(values['size-mib']);
const runs = Number(values.runs);
const threads = Number(values.threads);

function vmHwmKiB(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return Number(match?.[1] ?? Number.NaN);
}

function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5'); // "reset the peak resident set size" (proc(5))
    return true;
  } catch {
    return false;
  }
}

function tool(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', maxBuffer: MiB }).split(' ')[0] ?? '';
}

/** A tool's run with its CPU seconds (user + system, from GNU time), for the load-independent figure. */
function timedTool(command: string, args: string[]): number {
  const result = spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', command, ...args], { encoding: 'utf8' });
  const match = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr);
  if (result.status !== 0 || !match) throw new Error(`${command} failed: ${result.stderr}`);
  return Number(match[1]) + Number(match[2]);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'verity-bench-client-hashing-'));
  const file = path.join(dir, 'random.bin');
  try {
    console.log(`Writing ${sizeMiB} MiB of random bytes to ${file}…`);
    writeRandomFile(file, sizeMiB * MiB);
    const expected = { sha256: tool('sha256sum', [file]), sm3: tool('openssl', ['dgst', '-sm3', '-r', file]) }; // also warms the cache
    const peakReset = resetPeak();
    const startKiB = vmHwmKiB();

    const hasherVariants: [string, FileHasherOptions][] = [
      [`FileHasher (${threads} threads, 1 MiB reads)`, { threads }],
    ];
    if (values.variants) {
      hasherVariants.push(
        ['FileHasher, both digests in one thread', { threads: 1 }],
        [`FileHasher (${threads} threads, 256 KiB reads)`, { threads, chunkSize: 256 * 1024 }],
        [`FileHasher (${threads} threads, 4 MiB reads)`, { threads, chunkSize: 4 * MiB }],
      );
    }
    const times = new Map<string, number[]>();
    const cpu = new Map<string, number[]>();
    const record = (map: Map<string, number[]>, name: string, value: number) =>
      map.set(name, [...(map.get(name) ?? []), value]);
    /** Wall time; CPU seconds from the tool (GNU time) or from this process's rusage (all its threads). */
    const time = async (name: string, fn: () => unknown) => {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const toolCpu = await fn();
      record(times, name, (performance.now() - t0) / 1000);
      const used = process.cpuUsage(c0);
      record(cpu, name, typeof toolCpu === 'number' ? toolCpu : (used.user + used.system) / 1e6);
    };
    for (let round = 1; round <= runs; round++) {
      await time('sha256sum', () => timedTool('sha256sum', [file]));
      await time('openssl dgst -sm3', () => timedTool('openssl', ['dgst', '-sm3', '-r', file]));
      for (const [name, options] of hasherVariants) {
        const hasher = new FileHasher(options);
        await time(name, async () => {
          const got = await hasher.hash(file);
          if (got.sha256 !== expected.sha256 || got.sm3 !== expected.sm3) throw new Error(`${name}: wrong digests`);
        });
        await hasher.close();
      }
      console.log(`round ${round}/${runs} done`);
    }
    const peakKiB = vmHwmKiB();

    const mbps = (name: string) => (sizeMiB * MiB) / median(times.get(name) ?? []) / 1e6;
    const sm3 = mbps('openssl dgst -sm3');
    const rows = [...times.keys()].map((name) => ({ name, rate: mbps(name) }));
    const load = loadavg().map((l) => l.toFixed(1));
    console.log(
      `\n${sizeMiB} MiB, page cache warm, median of ${runs} rounds (MB/s = 10^6 bytes/s); ${availableParallelism()} cores, load average ${load.join(' ')}\n`,
    );
    console.log('| what | MB/s | ÷ openssl dgst -sm3 | CPU s per GiB (all threads) |');
    console.log('| --- | ---: | ---: | ---: |');
    for (const { name, rate } of rows) {
      const cpuPerGiB = median(cpu.get(name) ?? []) / (sizeMiB / 1024);
      console.log(`| ${name} | ${rate.toFixed(0)} | ${(rate / sm3).toFixed(2)}× | ${cpuPerGiB.toFixed(2)} |`);
    }
    const main = rows[2];
    console.log(
      `\nGoal, both digests ≥ 0.9× openssl dgst -sm3: ${main?.name} ${(main?.rate ?? 0).toFixed(0)} MB/s = ${((main?.rate ?? 0) / sm3).toFixed(2)}× → ${(main?.rate ?? 0) / sm3 >= 0.9 ? 'met' : 'NOT met'}`,
    );
    console.log(
      `Goal, peak memory ≤ 150 MB: VmHWM ${(peakKiB / 1024).toFixed(1)} MiB (${peakReset ? `reset after the file was written; ${(startKiB / 1024).toFixed(1)} MiB at the reset` : 'since start: /proc/self/clear_refs not writable'}) → ${peakKiB * 1024 <= 150e6 ? 'met' : 'NOT met'}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
