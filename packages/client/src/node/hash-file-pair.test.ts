import { createHash } from 'node:crypto';
import { appendFile, chmod, mkdir, readFile, unlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileChangedError, FileHasher } from './hash-file-pair';
import { opensslDigest, tempDir, writeRandomFile } from './hash-file-pair.testing';

const MiB = 1024 * 1024;
let dir: string;
let remove: () => Promise<void>;

beforeAll(async () => {
  ({ dir, remove } = await tempDir('hash-file-pair'));
});
afterAll(() => remove());

/** `action` run on the first call of `call` only (a change made once, mid-way through hashing). */
function onFirstCall(action: () => Promise<unknown>): { call: () => void; readonly called: boolean } {
  let started: Promise<unknown> | undefined;
  return {
    call: () => {
      if (!started) started = action();
    },
    get called() {
      return started !== undefined;
    },
  };
}

async function rejection(promise: Promise<unknown>): Promise<{ code?: string; path?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; path?: string; message: string };
  }
  throw new Error('expected a rejection');
}

describe('FileHasher digests', () => {
  it.each([
    ['empty', 0],
    ['1 byte', 1],
    ['1 MiB + 1', MiB + 1],
  ])('equal openssl dgst for a %s file, in one thread and split across two', async (name, size) => {
    const file = path.join(dir, `${name.replace(/\W/g, '')}.bin`);
    await writeRandomFile(file, size);
    const expected = { sha256: await opensslDigest('sha256', file), sm3: await opensslDigest('sm3', file) };
    for (const options of [{ threads: 1 }, { threads: 1, inlineBelow: 0 }, { threads: 2, splitAbove: 0 }]) {
      const hasher = new FileHasher(options);
      try {
        const got = await hasher.hash(file);
        expect(got).toMatchObject({ path: file, bytes: size, ...expected });
        expect(got.mtimeMs).toBeGreaterThan(0);
      } finally {
        await hasher.close();
      }
    }
  });

  it('equal openssl dgst for a 72 MiB file (split between two threads), reporting every byte once', async () => {
    const file = path.join(dir, 'big.bin');
    await writeRandomFile(file, 72 * MiB);
    const hasher = new FileHasher({ threads: 2 });
    try {
      let reported = 0;
      let calls = 0;
      const got = await hasher.hash(file, {
        onBytes: (n) => {
          reported += n;
          calls++;
        },
      });
      expect(got.sha256).toBe(await opensslDigest('sha256', file));
      expect(got.sm3).toBe(await opensslDigest('sm3', file));
      expect(reported).toBe(72 * MiB);
      expect(calls).toBeGreaterThan(10); // progress as it goes, not once at the end
    } finally {
      await hasher.close();
    }
  });

  it('hashes many files at once, each with its own digests', async () => {
    const sub = path.join(dir, 'many');
    await mkdir(sub);
    const sizes = Array.from({ length: 120 }, (_, i) => (i % 10 === 0 ? 9 * MiB + i : i * 977));
    const files = sizes.map((_, i) => path.join(sub, `f${i}.bin`));
    await Promise.all(files.map((file, i) => writeRandomFile(file, sizes[i] ?? 0)));
    const hasher = new FileHasher({ threads: 2 });
    try {
      let total = 0;
      const results = await Promise.all(files.map((f) => hasher.hash(f, { onBytes: (n) => (total += n) })));
      for (const [i, result] of results.entries()) {
        const bytes = await readFile(files[i] as string);
        expect(result.path).toBe(files[i]);
        expect(result.bytes).toBe(sizes[i]);
        expect(result.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
        expect(result.sm3).toBe(createHash('sm3').update(bytes).digest('hex'));
      }
      expect(total).toBe(sizes.reduce((a, b) => a + b, 0));
    } finally {
      await hasher.close();
    }
  });
});

describe('FileHasher refuses', () => {
  it('a file appended to while it is hashed (FILE_CHANGED), in either mode', async () => {
    for (const options of [{ threads: 2 }, { threads: 1 }]) {
      const file = path.join(dir, `grows-${options.threads}.bin`);
      await writeRandomFile(file, 48 * MiB);
      const hasher = new FileHasher(options);
      try {
        const append = onFirstCall(() => appendFile(file, 'more bytes'));
        const error = await rejection(hasher.hash(file, { onBytes: append.call }));
        expect(append.called).toBe(true);
        expect(error).toBeInstanceOf(FileChangedError);
        expect(error).toMatchObject({ code: 'FILE_CHANGED', path: file });
      } finally {
        await hasher.close();
      }
    }
  });

  it('a file whose modification time changes (same size) while it is hashed', async () => {
    const file = path.join(dir, 'touched.bin');
    await writeRandomFile(file, 48 * MiB);
    const hasher = new FileHasher({ threads: 2 });
    try {
      const touch = onFirstCall(() => utimes(file, new Date(0), new Date(1000)));
      const error = await rejection(hasher.hash(file, { onBytes: touch.call }));
      expect(touch.called).toBe(true);
      expect(error).toMatchObject({ code: 'FILE_CHANGED', path: file });
    } finally {
      await hasher.close();
    }
  });

  it('a file deleted while it is hashed', async () => {
    const file = path.join(dir, 'deleted.bin');
    await writeRandomFile(file, 48 * MiB);
    const hasher = new FileHasher({ threads: 2 });
    try {
      const deleteOnce = onFirstCall(() => unlink(file));
      const error = await rejection(hasher.hash(file, { onBytes: deleteOnce.call }));
      expect(deleteOnce.called).toBe(true);
      expect(error).toMatchObject({ code: 'FILE_CHANGED', path: file });
      expect(error.message).toMatch(/deleted/);
    } finally {
      await hasher.close();
    }
  });

  it('an unreadable file (UNREADABLE), a directory (NOT_A_FILE), a missing path (NOT_FOUND)', async () => {
    const hasher = new FileHasher({ threads: 2 });
    try {
      if (process.getuid?.() === 0) {
        // root reads a chmod 000 file; /proc/self/mem is a regular file whose read at offset 0 fails (EIO).
        expect(await rejection(hasher.hash('/proc/self/mem'))).toMatchObject({ code: 'UNREADABLE' });
      } else {
        const file = path.join(dir, 'secret.bin');
        await writeFile(file, 'secret');
        await chmod(file, 0o000);
        expect(await rejection(hasher.hash(file))).toMatchObject({ code: 'UNREADABLE', path: file });
      }
      expect(await rejection(hasher.hash(dir))).toMatchObject({ code: 'NOT_A_FILE', path: dir });
      const missing = path.join(dir, 'missing.bin');
      expect(await rejection(hasher.hash(missing))).toMatchObject({ code: 'NOT_FOUND', path: missing });
    } finally {
      await hasher.close();
    }
  });

  it('stops on abort (ABORTED) and keeps working for the next file', async () => {
    const file = path.join(dir, 'aborted.bin');
    await writeRandomFile(file, 48 * MiB);
    const hasher = new FileHasher({ threads: 2 });
    try {
      const controller = new AbortController();
      const error = await rejection(
        hasher.hash(file, { signal: controller.signal, onBytes: () => controller.abort() }),
      );
      expect(error).toMatchObject({ code: 'ABORTED', path: file });
      expect((await hasher.hash(file)).sm3).toBe(await opensslDigest('sm3', file));
    } finally {
      await hasher.close();
    }
  });

  it('after close (CLOSED)', async () => {
    const hasher = new FileHasher();
    await hasher.close();
    const file = path.join(dir, 'closed.bin');
    await writeFile(file, 'x');
    expect(await rejection(hasher.hash(file))).toMatchObject({ code: 'CLOSED', path: file });
  });
});
