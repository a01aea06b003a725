/**
 * A file of random bytes on disk (OpenSSL's CSPRNG through `node:crypto`, ~0.5 GB/s here):
 * random content, so nothing downstream (page cache, blob reads, hashers) can take a shortcut
 * that zeros or a sparse file would allow.
 */
import { randomFillSync } from 'node:crypto';
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';

const BLOCK = 16 * 1024 * 1024;

export function writeRandomFile(filePath: string, bytes: number): void {
  const block = Buffer.allocUnsafe(Math.min(BLOCK, Math.max(1, bytes)));
  const fd = openSync(filePath, 'w');
  try {
    for (let left = bytes; left > 0; left -= block.byteLength) {
      const chunk = left >= block.byteLength ? block : block.subarray(0, left);
      randomFillSync(chunk);
      writeSync(fd, chunk);
    }
    // On disk before anything is measured: write-back of dirty pages would otherwise run (as
    // kernel threads, "other load") during the first measurements.
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
