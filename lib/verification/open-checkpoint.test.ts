/**
 * openCheckpoint with its memory of opened checkpoints: the same answer from memory as the first
 * time (a copy each caller may change), and never a refusal turned into an acceptance — another
 * key, another log's origin, a changed note are each checked afresh.
 */
import { describe, expect, it } from 'vitest';
import { generateNoteKeys, isTlogError } from '@/lib/tlog';
import { openCheckpoint } from './open-checkpoint';
import { fakeLog } from './verify.testing';

describe('openCheckpoint', () => {
  it('answers an opened checkpoint again from memory, as a copy, in far less than a signature check', () => {
    const log = fakeLog();
    log.add({ sha256: 'a'.repeat(64) });
    log.seal();
    const note = log.checkpoint();
    const first = openCheckpoint(note, log.keys.verifierKey);
    first.checkpoint.rootHash.fill(0);
    const started = performance.now();
    for (let i = 0; i < 100; i++) openCheckpoint(note, log.keys.verifierKey);
    expect(performance.now() - started).toBeLessThan(100); // 100 signature checks take ~400 ms
    const again = openCheckpoint(note, log.keys.verifierKey);
    expect(again.checkpoint.size).toBe(1n);
    expect(again.checkpoint.rootHash.some((b) => b !== 0)).toBe(true);
  });

  it('still refuses the same note under another key, and a changed note under the same key', () => {
    const log = fakeLog();
    log.add({ sha256: 'b'.repeat(64) });
    log.seal();
    const note = log.checkpoint();
    openCheckpoint(note, log.keys.verifierKey);
    const refused = (n: string, key: string) => {
      try {
        openCheckpoint(n, key);
      } catch (error) {
        return isTlogError(error);
      }
      return false;
    };
    expect(refused(note, generateNoteKeys(log.keys.verifierKey.split('+')[0] ?? '').verifierKey)).toBe(true);
    expect(refused(note.replace('\n1\n', '\n2\n'), log.keys.verifierKey)).toBe(true);
  });
});
