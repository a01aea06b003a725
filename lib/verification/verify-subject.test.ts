import { describe, expect, it } from 'vitest';
import { CheckpointMemory } from './checkpoint-memory';
import { fakeLog, hex } from './verify.testing';
import { lookUpDeposit, verifySubject } from './verify-subject';

function setup() {
  const log = fakeLog();
  const contract = log.add({ sha256: hex('a'), sm3: hex('b') });
  log.seal();
  const api = log.api();
  const memory = new CheckpointMemory({ verifierKey: log.keys.verifierKey, api });
  return { log, contract, api, options: { api, memory, ledgerSuspect: false } };
}

const file = (sha256: string, sm3: string) => ({ kind: 'file' as const, digests: { sha256, sm3 } });

describe('verifySubject', () => {
  it('finds a deposited file by its digests and proves it: consistent', async () => {
    const { contract, api, options } = setup();
    const result = await verifySubject(file(hex('a'), hex('b')), undefined, options);
    expect(result.decision).toMatchObject({ verdict: 'consistent', deposit: { id: contract.id } });
    // Both digests were searched; the one deposit is listed once.
    expect(api.calls.filter((c) => c.startsWith('search'))).toEqual(['search sha256', 'search sm3']);
    expect(result.deposits).toHaveLength(1);
  });

  it('not_found for a file nobody deposited', async () => {
    const { options } = setup();
    expect((await verifySubject(file(hex('c'), hex('d')), undefined, options)).decision.verdict).toBe('not_found');
  });

  it('tampered when the named deposit records other digests', async () => {
    const { contract, options } = setup();
    const result = await verifySubject(file(hex('c'), hex('d')), contract.id, options);
    expect(result.decision).toMatchObject({
      verdict: 'tampered',
      deposit: { id: contract.id, recorded: contract.digests },
    });
  });

  it('not_found when the named deposit does not exist', async () => {
    const { options } = setup();
    const result = await verifySubject(file(hex('a'), hex('b')), crypto.randomUUID(), options);
    expect(result.decision).toMatchObject({ verdict: 'not_found', reason: 'unknown_deposit_id' });
  });

  it('a pasted digest is searched as SHA-256 and as SM3', async () => {
    const { contract, options } = setup();
    const result = await verifySubject({ kind: 'digest', hex: hex('b') }, undefined, options);
    expect(result.decision).toMatchObject({
      verdict: 'consistent',
      deposit: { id: contract.id, matchedAlgorithms: ['sm3'] },
    });
  });

  it('pending for a matching deposit not sealed yet', async () => {
    const { log, options } = setup();
    log.add({ sha256: hex('e') });
    expect((await verifySubject({ kind: 'digest', hex: hex('e') }, undefined, options)).decision.verdict).toBe(
      'pending',
    );
  });

  it('invalid_proof when the ledger is suspect', async () => {
    const { options } = setup();
    const result = await verifySubject(file(hex('a'), hex('b')), undefined, { ...options, ledgerSuspect: true });
    expect(result.decision.verdict).toBe('invalid_proof');
  });

  it('invalid_proof when a receipt does not prove', async () => {
    const { log, contract, options } = setup();
    const api = log.api({
      deposit: async () => ({ ...log.receipt(contract.id), inclusionProof: [btoa('x'.repeat(32))] }),
    });
    const result = await verifySubject(file(hex('a'), hex('b')), contract.id, { ...options, api });
    expect(result.decision).toMatchObject({ verdict: 'invalid_proof', deposit: { proof: { step: 'inclusion' } } });
  });
});

describe('lookUpDeposit', () => {
  it('returns the deposit with its proof checked, or null', async () => {
    const { contract, options } = setup();
    expect(await lookUpDeposit(contract.id, options)).toMatchObject({
      id: contract.id,
      proof: { ok: true },
      match: null,
    });
    expect(await lookUpDeposit(crypto.randomUUID(), options)).toBeNull();
  });
});
