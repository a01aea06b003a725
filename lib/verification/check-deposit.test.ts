import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from '@/lib/tlog';
import { checkDeposit } from './check-deposit';
import { CheckpointMemory } from './checkpoint-memory';
import { openCheckpoint } from './open-checkpoint';
import { subjectMatch } from './subject-match';
import { fakeLog, hex } from './verify.testing';

function setup() {
  const log = fakeLog();
  const a = log.add({ sha256: hex('a'), sm3: hex('b') }, 'Contract');
  const b = log.add({ sha256: hex('c'), sm3: hex('d') });
  log.seal();
  const memory = new CheckpointMemory({ verifierKey: log.keys.verifierKey, api: log.api() });
  return { log, a, b, memory };
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
    const { log, a, memory } = setup();
    const checked = await checkDeposit(
      log.receipt(a.id),
      { kind: 'file', digests: { sha256: hex('a'), sm3: hex('b') } },
      {
        memory,
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
    const { log, a, b, memory } = setup();
    // A receipt for a's position carrying b's leaf (and b's fields, so only the proof can tell).
    const receipt = {
      ...log.receipt(a.id),
      leaf: bytesToBase64(b.leaf),
      digests: b.digests,
      depositedAt: b.depositedAt,
      titleSha256: b.titleSha256,
    };
    const checked = await checkDeposit(receipt, undefined, { memory });
    expect(checked.proof).toMatchObject({ ok: false, step: 'inclusion' });
  });

  it('fails a checkpoint signed by another key', async () => {
    const { log, a, memory } = setup();
    const other = fakeLog();
    const receipt = { ...log.receipt(a.id), checkpoint: log.checkpoint(2, other.keys.signerKey) };
    expect((await checkDeposit(receipt, undefined, { memory })).proof).toMatchObject({
      ok: false,
      step: 'checkpoint',
    });
  });

  it('fails a receipt whose JSON digests disagree with its leaf', async () => {
    const { log, a, memory } = setup();
    const receipt = { ...log.receipt(a.id), digests: { sha256: hex('e') } };
    expect((await checkDeposit(receipt, undefined, { memory })).proof).toMatchObject({ ok: false, step: 'receipt' });
  });

  it('fails a receipt returned for a digest its leaf does not record', async () => {
    const { log, a, memory } = setup();
    const checked = await checkDeposit(log.receipt(a.id), undefined, {
      memory,
      searched: [{ algorithm: 'sha256', hex: hex('e') }],
    });
    expect(checked.proof).toMatchObject({ ok: false, step: 'search' });
  });

  it('fails a leaf that is not canonical JSON, and still shows what the receipt claims', async () => {
    const { log, a, memory } = setup();
    const leaf = new TextEncoder().encode('{ "version": 1 }');
    const checked = await checkDeposit({ ...log.receipt(a.id), leaf: bytesToBase64(leaf) }, undefined, { memory });
    expect(checked).toMatchObject({ proof: { ok: false, step: 'leaf' }, recorded: a.digests });
  });

  it('fails a leaf that is not base64, and a checkpoint of another origin signed by the same key', async () => {
    const { log, a, memory } = setup();
    const notBase64 = await checkDeposit({ ...log.receipt(a.id), leaf: 'not base64!' }, undefined, { memory });
    expect(notBase64.proof).toMatchObject({ ok: false, step: 'leaf', message: expect.stringMatching(/not base64/) });
    // The pinned key's name is the origin: a note naming another log fails even with a good signature.
    const other = fakeLog('other.test/log');
    other.add({ sha256: hex('1') });
    other.add({ sha256: hex('2') });
    other.seal();
    const receipt = { ...log.receipt(a.id), checkpoint: other.checkpoint(2, log.keys.signerKey) };
    expect((await checkDeposit(receipt, undefined, { memory })).proof).toMatchObject({ ok: false, step: 'checkpoint' });
  });

  it('fails a receipt that names another leaf index, or a title digest its leaf does not carry', async () => {
    const { log, a, b, memory } = setup();
    const index = { ...log.receipt(a.id), leafIndex: 1 };
    expect((await checkDeposit(index, undefined, { memory })).proof).toMatchObject({ ok: false, step: 'inclusion' });
    const title = { ...log.receipt(b.id), titleSha256: hex('9') };
    expect((await checkDeposit(title, undefined, { memory })).proof).toMatchObject({ ok: false, step: 'receipt' });
  });

  it('fails consistency when the receipt’s checkpoint forks from one already seen', async () => {
    const { log } = setup();
    // Same key, different history: the browser remembered the real log first. The rogue receipt
    // is good on its own (its leaf is in its tree, signed by the log's key); only memory can tell.
    const memory = new CheckpointMemory({ verifierKey: log.keys.verifierKey, api: log.api() });
    await memory.observe(openCheckpoint(log.checkpoint(), log.keys.verifierKey));
    const rogue = rogueLog();
    const [first] = rogue.deposits;
    const receipt = { ...rogue.receipt(first?.id as string), checkpoint: rogue.checkpoint(2, log.keys.signerKey) };
    expect((await checkDeposit(receipt, undefined, { memory })).proof).toMatchObject({
      ok: false,
      step: 'consistency',
    });
    // The fork did not become the remembered checkpoint.
    expect(memory.newest?.note).toBe(log.checkpoint());
  });

  it('accepts a pending receipt with only its leaf checked', async () => {
    const { log, memory } = setup();
    const c = log.add({ sha256: hex('f') });
    const checked = await checkDeposit(log.receipt(c.id), { kind: 'digest', hex: hex('f') }, { memory });
    expect(checked).toMatchObject({
      status: 'pending',
      match: true,
      matchedAlgorithms: ['sha256'],
      proof: { ok: true },
    });
    expect(checked.leafIndex).toBeUndefined();
  });
});

/** A log of size 2 over other leaves: signed with the real log's key, a fork. */
function rogueLog() {
  const other = fakeLog();
  other.add({ sha256: hex('1') });
  other.add({ sha256: hex('2') });
  other.seal();
  return other;
}
