import { describe, expect, it } from 'vitest';
import { type CheckedDeposit, decideVerdict } from './decide-verdict';

const A = 'a'.repeat(64);

function deposit(overrides: Partial<CheckedDeposit> = {}): CheckedDeposit {
  return {
    id: crypto.randomUUID(),
    status: 'sealed',
    recorded: { sha256: A },
    depositedAt: '2026-03-01T02:02:00.000Z',
    depositor: { id: 'org', name: 'Demo' },
    match: true,
    matchedAlgorithms: ['sha256'],
    proof: { ok: true },
    ...overrides,
  };
}

const failed = { ok: false as const, step: 'inclusion' as const, message: 'root mismatch' };

describe('decideVerdict with a named deposit', () => {
  const byId = (named: CheckedDeposit | null, ledgerSuspect = false) =>
    decideVerdict({ by: 'id', depositId: 'x', named, ledgerSuspect });

  it('consistent: the digests match and the proof checks', () => {
    const named = deposit();
    expect(byId(named)).toEqual({ verdict: 'consistent', reason: 'proven', deposit: named, matching: [named] });
  });

  it('tampered: the file differs from the named deposit', () => {
    const named = deposit({ match: false, matchedAlgorithms: [] });
    expect(byId(named)).toMatchObject({ verdict: 'tampered', reason: 'digest_differs', deposit: named, matching: [] });
  });

  it('not_found: no deposit has that ID', () => {
    expect(byId(null)).toEqual({ verdict: 'not_found', reason: 'unknown_deposit_id', matching: [] });
  });

  it('not_found, never tampered, when nothing could be compared', () => {
    expect(byId(deposit({ match: null, matchedAlgorithms: [] }))).toMatchObject({
      verdict: 'not_found',
      reason: 'no_common_algorithm',
    });
  });

  it('pending: the named deposit matches but is not sealed yet', () => {
    expect(byId(deposit({ status: 'pending' }))).toMatchObject({ verdict: 'pending', reason: 'not_sealed' });
  });

  it('tampered also for a pending deposit the file differs from', () => {
    expect(byId(deposit({ status: 'pending', match: false }))).toMatchObject({ verdict: 'tampered' });
  });

  it('invalid_proof: a failed proof outranks a match and a mismatch', () => {
    expect(byId(deposit({ proof: failed }))).toMatchObject({ verdict: 'invalid_proof', reason: 'proof_failed' });
    expect(byId(deposit({ proof: failed, match: false }))).toMatchObject({ verdict: 'invalid_proof' });
  });

  it('invalid_proof: a suspect ledger outranks everything', () => {
    expect(byId(deposit(), true)).toMatchObject({ verdict: 'invalid_proof', reason: 'ledger_inconsistent' });
    expect(byId(null, true)).toMatchObject({ verdict: 'invalid_proof', reason: 'ledger_inconsistent' });
  });
});

describe('decideVerdict by digest', () => {
  const byDigest = (found: CheckedDeposit[], ledgerSuspect = false) =>
    decideVerdict({ by: 'digest', found, ledgerSuspect });

  it('not_found: no deposit records the digest', () => {
    expect(byDigest([])).toEqual({ verdict: 'not_found', reason: 'no_deposit', matching: [] });
  });

  it('consistent: the earliest sealed match is the deposit, every match is listed', () => {
    const first = deposit();
    const second = deposit({ depositedAt: '2026-04-01T00:00:00.000Z' });
    expect(byDigest([first, second])).toEqual({
      verdict: 'consistent',
      reason: 'proven',
      deposit: first,
      matching: [first, second],
    });
  });

  it('consistent: a sealed match wins over an earlier pending one', () => {
    const pending = deposit({ status: 'pending' });
    const sealed = deposit();
    expect(byDigest([pending, sealed])).toMatchObject({ verdict: 'consistent', deposit: sealed });
  });

  it('pending: the only matches are not sealed yet', () => {
    const pending = deposit({ status: 'pending' });
    expect(byDigest([pending])).toMatchObject({ verdict: 'pending', reason: 'not_sealed', deposit: pending });
  });

  it('not_found: deposits found that do not match on every algorithm are not matches', () => {
    expect(byDigest([deposit({ match: false }), deposit({ match: null })])).toMatchObject({
      verdict: 'not_found',
      reason: 'no_deposit',
      matching: [],
    });
  });

  it('invalid_proof: any returned deposit whose proof fails makes the ledger suspect', () => {
    const bad = deposit({ proof: failed, match: false });
    expect(byDigest([deposit(), bad])).toMatchObject({
      verdict: 'invalid_proof',
      reason: 'proof_failed',
      deposit: bad,
    });
  });

  it('invalid_proof: a suspect ledger outranks a proven match and an empty search', () => {
    expect(byDigest([deposit()], true)).toMatchObject({ verdict: 'invalid_proof', reason: 'ledger_inconsistent' });
    expect(byDigest([], true)).toMatchObject({ verdict: 'invalid_proof', reason: 'ledger_inconsistent' });
  });
});
