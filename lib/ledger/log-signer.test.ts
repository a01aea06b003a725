import { describe, expect, it } from 'vitest';
import { emptyRoot, formatCheckpoint, generateNoteKeys, parseSignerKey, signNote, verifyCheckpoint } from '@/lib/tlog';
import { logSigner } from './log-signer';

describe('logSigner().signCheckpoint', () => {
  it('gives the same signed note as lib/tlog’s portable signer, which verifies with the log key', () => {
    const signer = logSigner();
    for (const size of [0n, 1n, 7n, 1_000_000n]) {
      const text = formatCheckpoint({
        origin: signer.origin,
        size,
        rootHash: size === 0n ? emptyRoot() : new Uint8Array(32).fill(Number(size % 251n)),
      });
      const note = signer.signCheckpoint(text);
      expect(note).toBe(signNote(text, [signer.signer]));
      expect(verifyCheckpoint(note, signer.verifierKey).checkpoint.size).toBe(size);
    }
  });

  it('does not verify under another key, and refuses a text that is not a checkpoint', () => {
    const signer = logSigner();
    const note = signer.signCheckpoint(
      formatCheckpoint({ origin: signer.origin, size: 3n, rootHash: new Uint8Array(32) }),
    );
    const other = generateNoteKeys(signer.origin);
    expect(parseSignerKey(other.signerKey).keyId).not.toBe(signer.signer.keyId);
    expect(() => verifyCheckpoint(note, other.verifierKey)).toThrow();
    expect(() => signer.signCheckpoint('not a checkpoint\n')).toThrow();
  });
});
