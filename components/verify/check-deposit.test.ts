import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from '@/lib/tlog';
import { subjectMatch } from '@/lib/verification/subject-match';
import { checkDeposit } from './check-deposit';
import { CheckpointWitness } from './checkpoint-witness';
import { fakeLog, hex } from './verify.testing';

function setup() {
  const log = fakeLog();
  const a = log.add({ sha256: hex('a'), sm3: hex('b') }, 'Contract');
  const b = log.add({ sha256: hex('c'), sm3: hex('d') });
  log.seal();
  const witness = new CheckpointWitness({ verifierKey: log.keys.verifierKey, api: log.api() });
  return { log, a, b, witness };
}

describe('subjectMatch', () => {
  it('compares a file on every algorithm both sides have', () => {
    const file = { kind: 'file' as const, digests: { sha256: hex('a'), sm3: hex('b') } };
    expect(subjectMatch(file, { sha256: hex('a'), sm3: hex('b') })).toEqual({
      match: true,
      algorithms: ['sha256', 'sm3'],
    });
    expect(subjectMatch(file, { sha256: hex('a'), sm3: hex('0') })).toEqual({ match: false, algorithms: ['sha256'] });
    expect(subjectMatch(file, { sm3: hex('b') })).toEqual({ match: true, algorithms: ['sm3'] });
    expect(subjectMatch({ kind: 'file', digests: { sha256: hex('a') } }, { sm3: hex('b') })).toEqual({
      match: null,
      algorithms: [],
    });
  });

  it('matches a pasted digest against either recorded digest', () => {
    expect(subjectMatch({ kind: 'digest', hex: hex('b') }, { sha256: hex('a'), sm3: hex('b') })).toEqual({
      match: true,
      algorithms: ['sm3'],
    });
    expect(subjectMatch({ kind: 'digest', hex: hex('e') }, { sha256: hex('a') }).match).toBe(false);
  });
});

describe('checkDeposit', () => {
  it('checks a sealed receipt all the way and reads the record from its leaf', async () => {
    const { log, a, witness } = setup();
    const checked = await checkDeposit(
      log.receipt(a.id),
      { kind: 'file', digests: { sha256: hex('a'), sm3: hex('b') } },
      {
        witness,
        searched: [{ algorithm: 'sha256', hex: hex('a') }],
      },
    );
    expect(checked).toMatchObject({
      id: a.id,
      status: 'sealed',
      recorded: { sha256: hex('a'), sm3: hex('b') },
      depositedAt: a.depositedAt,
      titleSha256: a.titleSha256,
      leafIndex: 0,
      checkpointSize: '2',
      match: true,
      proof: { ok: true },
    });
  });

  it('fails the inclusion proof of a receipt whose leaf was swapped', async () => {
    const { log, a, b, witness } = setup();
    // A receipt for a's position carrying b's leaf (and b's fields, so only the proof can tell).
    const receipt = {
      ...log.receipt(a.id),
      leaf: bytesToBase64(b.leaf),
      digests: b.digests,
      depositedAt: b.depositedAt,
    };
    const checked = await checkDeposit(receipt, undefined, { witness });
    expect(checked.proof).toMatchObject({ ok: false, step: 'inclusion' });
  });

  it('fails a checkpoint signed by another key', async () => {
    const { log, a, witness } = setup();
    const other = fakeLog();
    const receipt = { ...log.receipt(a.id), checkpoint: log.checkpoint(2, other.keys.signerKey) };
    expect((await checkDeposit(receipt, undefined, { witness })).proof).toMatchObject({
      ok: false,
      step: 'checkpoint',
    });
  });

  it('fails a receipt whose JSON digests disagree with its leaf', async () => {
    const { log, a, witness } = setup();
    const receipt = { ...log.receipt(a.id), digests: { sha256: hex('e') } };
    expect((await checkDeposit(receipt, undefined, { witness })).proof).toMatchObject({ ok: false, step: 'receipt' });
  });

  it('fails a receipt returned for a digest its leaf does not record', async () => {
    const { log, a, witness } = setup();
    const checked = await checkDeposit(log.receipt(a.id), undefined, {
      witness,
      searched: [{ algorithm: 'sha256', hex: hex('e') }],
    });
    expect(checked.proof).toMatchObject({ ok: false, step: 'search' });
  });

  it('fails a leaf that is not canonical JSON, and still shows what the receipt claims', async () => {
    const { log, a, witness } = setup();
    const leaf = new TextEncoder().encode('{ "version": 1 }');
    const checked = await checkDeposit({ ...log.receipt(a.id), leaf: bytesToBase64(leaf) }, undefined, { witness });
    expect(checked).toMatchObject({ proof: { ok: false, step: 'leaf' }, recorded: a.digests });
  });

  it('fails consistency when the receipt’s checkpoint forks from one already seen', async () => {
    const { log, a } = setup();
    // Same key, different history: the witness saw the real log first.
    const witness = new CheckpointWitness({ verifierKey: log.keys.verifierKey, api: log.api() });
    await witness.observe(log.checkpoint());
    const rogue = fakeLogSignedBy(log.keys.signerKey);
    const receipt = { ...log.receipt(a.id), checkpoint: rogue };
    expect((await checkDeposit(receipt, undefined, { witness })).proof).toMatchObject({
      ok: false,
      step: 'consistency',
    });
  });

  it('accepts a pending receipt with only its leaf checked', async () => {
    const { log, witness } = setup();
    const c = log.add({ sha256: hex('f') });
    const checked = await checkDeposit(log.receipt(c.id), { kind: 'digest', hex: hex('f') }, { witness });
    expect(checked).toMatchObject({
      status: 'pending',
      match: true,
      matchedAlgorithms: ['sha256'],
      proof: { ok: true },
    });
    expect(checked.leafIndex).toBeUndefined();
  });
});

/** A checkpoint of size 2 over other leaves, signed with the real log's key: a fork. */
function fakeLogSignedBy(signerKey: string): string {
  const other = fakeLog();
  other.add({ sha256: hex('1') });
  other.add({ sha256: hex('2') });
  other.seal();
  return other.checkpoint(2, signerKey);
}
