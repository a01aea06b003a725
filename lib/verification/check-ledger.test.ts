import { describe, expect, it } from 'vitest';
import { type CheckpointStore, checkLedger, type RememberedCheckpoint } from './check-ledger';
import { LedgerUnavailableError } from './ledger-client';
import { fakeLog, hex } from './verify.testing';

function memoryStore(initial?: RememberedCheckpoint | null): CheckpointStore & { value: typeof initial } {
  const store = {
    value: initial,
    read: () => store.value,
    write: (value: RememberedCheckpoint) => {
      store.value = value;
    },
  };
  return store;
}

function growingLog() {
  const log = fakeLog();
  log.add({ sha256: hex('a') });
  log.add({ sha256: hex('b') });
  log.seal();
  return log;
}

const now = () => new Date('2026-11-23T12:00:00.000Z');

describe('checkLedger', () => {
  it('on a first visit checks the signature and remembers the checkpoint', async () => {
    const log = growingLog();
    const store = memoryStore();
    const { check, memory } = await checkLedger({ verifierKey: log.keys.verifierKey, api: log.api(), store, now });
    expect(check).toMatchObject({ state: 'ok', previous: null, discarded: false, current: { size: 2n } });
    expect(store.value).toEqual({ note: log.checkpoint(), seenAt: '2026-11-23T12:00:00.000Z' });
    expect(memory?.newest?.checkpoint.size).toBe(2n);
  });

  it('on the next visit proves the log only grew since the remembered checkpoint', async () => {
    const log = growingLog();
    const store = memoryStore({ note: log.checkpoint(), seenAt: '2026-11-01T00:00:00.000Z' });
    log.add({ sha256: hex('c') });
    log.seal();
    const api = log.api();
    const { check } = await checkLedger({ verifierKey: log.keys.verifierKey, api, store, now });
    expect(check).toMatchObject({
      state: 'ok',
      current: { size: 3n },
      previous: { seenAt: '2026-11-01T00:00:00.000Z' },
    });
    expect(api.calls).toContain('consistency 2 3');
    expect(store.value?.note).toBe(log.checkpoint(3));
  });

  it('discards a remembered checkpoint signed by another key, with a notice', async () => {
    const log = growingLog();
    const stranger = fakeLog();
    const store = memoryStore({ note: log.checkpoint(2, stranger.keys.signerKey), seenAt: 'x' });
    const { check } = await checkLedger({ verifierKey: log.keys.verifierKey, api: log.api(), store, now });
    expect(check).toMatchObject({ state: 'ok', previous: null, discarded: true });
    expect(store.value?.note).toBe(log.checkpoint());
  });

  it('discards something unreadable in storage', async () => {
    const log = growingLog();
    const { check } = await checkLedger({
      verifierKey: log.keys.verifierKey,
      api: log.api(),
      store: memoryStore(null),
    });
    expect(check).toMatchObject({ state: 'ok', discarded: true });
  });

  it('raises the alarm for a checkpoint the log signed on another history, and keeps it', async () => {
    const log = growingLog();
    const fork = fakeLog();
    fork.add({ sha256: hex('e') });
    fork.seal();
    const remembered = { note: fork.checkpoint(1, log.keys.signerKey), seenAt: '2026-11-01T00:00:00.000Z' };
    const store = memoryStore(remembered);
    const { check, memory } = await checkLedger({ verifierKey: log.keys.verifierKey, api: log.api(), store, now });
    expect(check).toMatchObject({
      state: 'inconsistent',
      code: 'INCONSISTENT',
      previous: { seenAt: remembered.seenAt },
    });
    expect(store.value).toEqual(remembered);
    expect(memory).toBeDefined();
  });

  it('raises the alarm for two checkpoints of one size with different roots', async () => {
    const log = growingLog();
    const fork = fakeLog();
    fork.add({ sha256: hex('e') });
    fork.add({ sha256: hex('f') });
    fork.seal();
    const store = memoryStore({ note: fork.checkpoint(2, log.keys.signerKey), seenAt: 'then' });
    const { check } = await checkLedger({ verifierKey: log.keys.verifierKey, api: log.api(), store });
    expect(check).toMatchObject({ state: 'inconsistent', code: 'INCONSISTENT' });
  });

  it('raises the alarm when the log denies a checkpoint size it signed', async () => {
    const log = growingLog();
    const store = memoryStore({ note: log.checkpoint(1), seenAt: 'then' });
    const api = log.api({ consistencyProof: async () => null });
    const { check } = await checkLedger({ verifierKey: log.keys.verifierKey, api, store });
    expect(check).toMatchObject({ state: 'inconsistent', code: 'DENIED' });
  });

  it('refuses a current checkpoint that is not signed by the pinned key', async () => {
    const log = growingLog();
    const stranger = fakeLog();
    const api = log.api({ latestCheckpoint: async () => log.checkpoint(2, stranger.keys.signerKey) });
    const { check, memory } = await checkLedger({ verifierKey: log.keys.verifierKey, api, store: memoryStore() });
    expect(check.state).toBe('bad_checkpoint');
    expect(memory?.newest).toBeUndefined();
  });

  it('says when the log cannot be reached', async () => {
    const log = growingLog();
    const api = log.api({
      latestCheckpoint: async () => {
        throw new LedgerUnavailableError('offline');
      },
    });
    const { check } = await checkLedger({ verifierKey: log.keys.verifierKey, api, store: memoryStore() });
    expect(check).toEqual({ state: 'unavailable', message: 'offline' });
  });
});
