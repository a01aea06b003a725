/** fileCheckpointStore on a real file: round trip across instances, 0600, two logs set at once, a damaged file refused and left alone. */
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHECKPOINTS_FORMAT, fileCheckpointStore } from './checkpoint-file-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'verity-checkpoints-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('fileCheckpointStore', () => {
  it('remembers notes per origin across instances, in a 0600 file, with no temporary file left', async () => {
    const file = path.join(dir, 'deep', 'checkpoints.json');
    const store = fileCheckpointStore(file);
    expect(await store.get('a.example/log')).toBeNull();
    await Promise.all([store.set('a.example/log', 'note A\n'), store.set('b.example/log', 'note B\n')]);
    const again = fileCheckpointStore(file);
    expect(await again.get('a.example/log')).toBe('note A\n');
    expect(await again.get('b.example/log')).toBe('note B\n');
    expect(await again.get('constructor')).toBeNull();
    await again.set('a.example/log', 'note A2\n');
    expect(await store.get('a.example/log')).toBe('note A2\n');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(path.dirname(file))).toEqual(['checkpoints.json']);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ format: CHECKPOINTS_FORMAT });
  });

  it('refuses a file that is not its format, and leaves it as it was', async () => {
    const file = path.join(dir, 'checkpoints.json');
    for (const text of [
      '{ broken',
      '{"format":"other/v1","logs":{}}',
      '{"format":"verity-checkpoints/v1","logs":{"a":7}}',
    ]) {
      await writeFile(file, text);
      const store = fileCheckpointStore(file);
      await expect(store.get('a')).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('left as it is'),
      });
      await expect(store.set('a', 'note')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      expect(await readFile(file, 'utf8')).toBe(text);
    }
  });
});
