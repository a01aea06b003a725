import { describe, expect, it } from 'vitest';
import { formatCheckpoint } from './checkpoint';
import { generateNoteKeys } from './note-keys';
import { signNote } from './sign-note';
import { codeOf } from './testing/code-of';
import { verifyCheckpoint } from './verify-checkpoint';

const ORIGIN = 'verity.example/log';
const log = generateNoteKeys(ORIGIN, new Uint8Array(32).fill(11));
const witness = generateNoteKeys('witness.example', new Uint8Array(32).fill(12));
const body = formatCheckpoint({ origin: ORIGIN, size: 42, rootHash: new Uint8Array(32).fill(5) });

describe('verifyCheckpoint', () => {
  it('returns the parsed checkpoint of a note signed by the log', () => {
    const { checkpoint, note } = verifyCheckpoint(signNote(body, log.signerKey), log.verifierKey, { origin: ORIGIN });
    expect(checkpoint.origin).toBe(ORIGIN);
    expect(checkpoint.size).toBe(42n);
    expect(note.verified.map((s) => s.name)).toEqual([ORIGIN]);
  });

  it('accepts witness cosignatures it does not know, and ones it does', () => {
    const note = signNote(body, [log.signerKey, witness.signerKey]);
    expect(verifyCheckpoint(note, log.verifierKey).note.unverified).toHaveLength(1);
    expect(verifyCheckpoint(note, [log.verifierKey, witness.verifierKey]).note.verified).toHaveLength(2);
  });

  it('rejects a checkpoint vouched for only by a witness, not by the log itself', () => {
    const note = signNote(body, witness.signerKey);
    expect(codeOf(() => verifyCheckpoint(note, [log.verifierKey, witness.verifierKey]))).toBe('ORIGIN_MISMATCH');
  });

  it('rejects a valid checkpoint of another log when the origin is pinned', () => {
    const other = generateNoteKeys('other.example/log', new Uint8Array(32).fill(13));
    const otherBody = formatCheckpoint({ origin: 'other.example/log', size: 1, rootHash: new Uint8Array(32) });
    const note = signNote(otherBody, other.signerKey);
    expect(codeOf(() => verifyCheckpoint(note, other.verifierKey, { origin: ORIGIN }))).toBe('ORIGIN_MISMATCH');
  });

  it('rejects a signed note whose text is not a checkpoint', () => {
    const note = signNote(`${ORIGIN}\n042\n${Buffer.alloc(32).toString('base64')}\n`, log.signerKey);
    expect(codeOf(() => verifyCheckpoint(note, log.verifierKey))).toBe('MALFORMED_CHECKPOINT');
  });

  it('rejects tampering and unknown keys', () => {
    const note = signNote(body, log.signerKey);
    expect(codeOf(() => verifyCheckpoint(note.replace('\n42\n', '\n43\n'), log.verifierKey))).toBe('SIGNATURE_INVALID');
    expect(codeOf(() => verifyCheckpoint(note, witness.verifierKey))).toBe('NO_VERIFIED_SIGNATURE');
    expect(codeOf(() => verifyCheckpoint(note, log.verifierKey, { origin: '' }))).toBe('INVALID_ARGUMENT');
  });
});
