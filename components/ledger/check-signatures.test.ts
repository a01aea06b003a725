/** The public ledger page's browser check, on notes signed here with fresh keys. */
import { describe, expect, it } from 'vitest';
import * as tlog from '@/lib/tlog';
import { checkLedgerSignatures } from './check-signatures';

const log = tlog.generateNoteKeys('verity.test/ledger-page');
const [a, b, c] = ['a', 'b', 'c'].map((x) => tlog.generateCosignerKeys(`witness.${x}.example`)) as [
  ReturnType<typeof tlog.generateCosignerKeys>,
  ReturnType<typeof tlog.generateCosignerKeys>,
  ReturnType<typeof tlog.generateCosignerKeys>,
];
const pinned = [a, b, c].map((w) => ({ verifierKey: w.verifierKey }));
const body = tlog.formatCheckpoint({ origin: 'verity.test/ledger-page', size: 7n, rootHash: new Uint8Array(32) });
const note = tlog.signNote(body, log.signerKey);
const NOW = 1_800_000_000;
const cosign = (signerKey: string, time = NOW - 10) =>
  tlog.formatSignatureLine(tlog.signCosignature(signerKey, body, time));

describe('checkLedgerSignatures', () => {
  it('checks the log signature and counts each pinned witness’s valid cosignature, with its time', () => {
    const check = checkLedgerSignatures(
      note + cosign(a.signerKey, NOW - 30) + cosign(c.signerKey),
      log.verifierKey,
      pinned,
      2,
      7,
      NOW,
    );
    expect(check).toEqual({
      state: 'checked',
      treeSize: 7,
      witnesses: [{ cosignedAt: NOW - 30 }, null, { cosignedAt: NOW - 10 }],
      cosigned: 2,
      quorum: 2,
      satisfied: true,
      problems: [],
    });
  });

  it('does not count a cosignature by another key under a witness’s name, and says so', () => {
    const impostor = tlog.generateCosignerKeys('witness.b.example');
    const check = checkLedgerSignatures(
      note + cosign(a.signerKey) + cosign(impostor.signerKey),
      log.verifierKey,
      pinned,
      2,
      7,
      NOW,
    );
    expect(check.state === 'checked' && [check.witnesses[1], check.cosigned, check.satisfied]).toEqual([
      'bad',
      1,
      false,
    ]);
    expect(check.state === 'checked' && check.problems.map((p) => p.kind)).toEqual(['WRONG_KEY']);
  });

  it('refuses a cosignature dated in the future', () => {
    const check = checkLedgerSignatures(note + cosign(a.signerKey, NOW + 3600), log.verifierKey, pinned, 1, 7, NOW);
    expect(check.state === 'checked' && [check.witnesses[0], check.satisfied]).toEqual(['bad', false]);
  });

  it('is a log failure when the note is not signed by the pinned log key, is garbage, or signs another size', () => {
    const other = tlog.generateNoteKeys('verity.test/ledger-page');
    const forged = tlog.signNote(body, other.signerKey) + cosign(a.signerKey) + cosign(b.signerKey);
    expect(checkLedgerSignatures(forged, log.verifierKey, pinned, 2, 7, NOW).state).toBe('log_failed');
    expect(checkLedgerSignatures('not a note', log.verifierKey, pinned, 2, 7, NOW).state).toBe('log_failed');
    expect(checkLedgerSignatures(note, log.verifierKey, pinned, 2, 8, NOW)).toEqual({
      state: 'log_failed',
      message: 'the note signs 7 records, the page says 8',
    });
  });

  it('without witnesses: the log signature alone, quorum 0 met', () => {
    expect(checkLedgerSignatures(note, log.verifierKey, [], 0, 7, NOW)).toMatchObject({
      state: 'checked',
      witnesses: [],
      satisfied: true,
    });
  });
});
