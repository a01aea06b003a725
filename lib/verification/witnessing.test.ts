/**
 * The browser's witness check (issue #18): the policy pinned like the remembered checkpoint, a
 * changed policy flagged and not taken, cosignatures counted with real keys (lib/tlog, no mocks),
 * bad and unknown ones not counted, and a log without witnesses unchanged.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ZWitnessPolicy } from '@/lib/ledger/log.schema';
import { formatSignatureLine, generateCosignerKeys, parseSignedNote, signCosignature } from '@/lib/tlog';
import { checkReceipt } from './check-receipt';
import { CheckpointMemory } from './checkpoint-memory';
import type { Receipt } from './ledger-client';
import { fakeLog, hex } from './verify.testing';
import { verifySubject } from './verify-subject';
import {
  acceptWitnessPolicy,
  checkWitnessPolicy,
  type PinnedWitnessPolicy,
  policyInForce,
  readWitnessPolicy,
  type WitnessPolicy,
  type WitnessPolicyStore,
} from './witness-policy';
import { witnessedBy } from './witnessed-by';

const seed = (label: string) => new Uint8Array(createHash('sha256').update(`vouched ${label}`).digest());
const notary = generateCosignerKeys('notary.demo/w', 'ed25519', seed('notary'));
const forensics = generateCosignerKeys('forensics.demo/w', 'ed25519', seed('forensics'));
const association = generateCosignerKeys('association.demo/w', 'ml-dsa-44', seed('association'));
const stranger = generateCosignerKeys('stranger.demo/w', 'ed25519', seed('stranger'));
const impostor = generateCosignerKeys('notary.demo/w', 'ed25519', seed('impostor'));

const POLICY: WitnessPolicy = {
  quorum: 2,
  witnesses: [
    { name: '示范公证处', nameEn: 'Demo Notary Office', verifierKey: notary.verifierKey },
    { name: '示范司法鉴定中心', nameEn: 'Demo Forensic Appraisal Centre', verifierKey: forensics.verifierKey },
    { name: '示范行业协会', verifierKey: association.verifierKey },
  ],
};
const answer = (policy: WitnessPolicy) => ({
  policy: { quorum: policy.quorum },
  witnesses: policy.witnesses.map((w, i) => ({ ...w, url: `http://127.0.0.1:${7381 + i}` })),
});

function memoryStore(
  initial?: PinnedWitnessPolicy | null,
): WitnessPolicyStore & { value: typeof initial; writes: number } {
  const store = {
    value: initial,
    writes: 0,
    read: () => store.value,
    write: (value: PinnedWitnessPolicy) => {
      store.value = value;
      store.writes++;
    },
  };
  return store;
}

const now = () => new Date('2026-12-06T12:00:00.000Z');
const NOW = Math.floor(Date.parse('2026-12-06T12:00:00.000Z') / 1000);

/** The note with these witnesses' cosignature lines appended (real signatures over its text). */
function cosign(note: string, signers: string[], timestamp = NOW - 5): string {
  const { text } = parseSignedNote(note);
  return note + signers.map((key) => formatSignatureLine(signCosignature(key, text, timestamp))).join('');
}

describe('the pinned witness policy', () => {
  it('is pinned on a first visit and in force on the next', async () => {
    const store = memoryStore();
    const first = await checkWitnessPolicy({ fetchPolicy: async () => answer(POLICY), store, now });
    expect(first).toMatchObject({
      state: 'pinned',
      first: true,
      pinned: { policy: POLICY, seenAt: now().toISOString() },
    });
    expect(policyInForce(first)).toEqual(POLICY);
    const again = await checkWitnessPolicy({ fetchPolicy: async () => answer(POLICY), store, now });
    expect(again).toMatchObject({ state: 'pinned', first: false });
    expect(store.writes).toBe(1);
  });

  it('flags another quorum, another key, a witness removed or added, and keeps the pinned one in force', async () => {
    const pinned = { policy: POLICY, seenAt: '2026-12-01T00:00:00.000Z' };
    const [n, f, a] = POLICY.witnesses as [PolicyWitnessT, PolicyWitnessT, PolicyWitnessT];
    const cases: [WitnessPolicy, string[]][] = [
      [{ ...POLICY, quorum: 1 }, ['quorum']],
      [{ quorum: 2, witnesses: [{ ...n, verifierKey: impostor.verifierKey }, f, a] }, ['key']],
      [{ quorum: 2, witnesses: [n, f] }, ['removed']],
      [{ quorum: 2, witnesses: [n, f, a, { name: '另一家机构', verifierKey: stranger.verifierKey }] }, ['added']],
      [{ quorum: 2, witnesses: [{ ...n, name: '改名的公证处' }, f, a] }, ['renamed']],
      [{ quorum: 0, witnesses: [] }, ['quorum', 'removed', 'removed', 'removed']],
    ];
    for (const [served, kinds] of cases) {
      const store = memoryStore(pinned);
      const check = await checkWitnessPolicy({ fetchPolicy: async () => answer(served), store, now });
      expect(check.state).toBe('changed');
      if (check.state !== 'changed') continue;
      expect(check.changes.map((c) => c.kind)).toEqual(kinds);
      expect(check.served).toEqual(served);
      // Not silently taken: the pinned policy stays in force and in storage.
      expect(policyInForce(check)).toEqual(POLICY);
      expect(store.writes).toBe(0);
      expect(store.value).toBe(pinned);
    }
  });

  it('takes a new policy only when the person accepts it', async () => {
    const store = memoryStore({ policy: POLICY, seenAt: '2026-12-01T00:00:00.000Z' });
    const served = { ...POLICY, quorum: 3 };
    const check = await checkWitnessPolicy({ fetchPolicy: async () => answer(served), store, now });
    expect(check.state).toBe('changed');
    acceptWitnessPolicy(store, served, now());
    const after = await checkWitnessPolicy({ fetchPolicy: async () => answer(served), store, now });
    expect(after).toMatchObject({ state: 'pinned', first: false, pinned: { policy: served } });
  });

  it('a log without witnesses pins nothing (404 or an empty policy)', async () => {
    for (const fetched of [null, { policy: { quorum: 0 }, witnesses: [] }]) {
      const store = memoryStore();
      const check = await checkWitnessPolicy({ fetchPolicy: async () => fetched, store, now });
      expect(check).toEqual({ state: 'none' });
      expect(policyInForce(check)).toBeUndefined();
      expect(store.writes).toBe(0);
    }
  });

  it('an unreadable answer keeps the pinned policy in force; an unreadable pin is replaced', async () => {
    const pinned = { policy: POLICY, seenAt: '2026-12-01T00:00:00.000Z' };
    const store = memoryStore(pinned);
    const garbage = await checkWitnessPolicy({
      fetchPolicy: async () => ({ policy: { quorum: 9 }, witnesses: [] }),
      store,
      now,
    });
    expect(garbage).toMatchObject({ state: 'unavailable', pinned });
    expect(policyInForce(garbage)).toEqual(POLICY);
    const down = await checkWitnessPolicy({
      fetchPolicy: async () => {
        throw new Error('offline');
      },
      store,
      now,
    });
    expect(down).toMatchObject({ state: 'unavailable', message: 'offline' });
    const broken = memoryStore(null);
    expect(await checkWitnessPolicy({ fetchPolicy: async () => answer(POLICY), store: broken, now })).toMatchObject({
      state: 'pinned',
      first: true,
    });
  });

  it('reads an answer only when ZWitnessPolicy accepts it, and refuses duplicates and a quorum that cannot be met', () => {
    const good = answer(POLICY);
    const samples: unknown[] = [
      good,
      { policy: { quorum: 0 }, witnesses: [] },
      { ...good, policy: { quorum: 4 } },
      { ...good, policy: { quorum: -1 } },
      { ...good, policy: { quorum: 1.5 } },
      { policy: { quorum: 1 }, witnesses: [{ name: '', verifierKey: notary.verifierKey, url: 'http://x' }] },
      { policy: { quorum: 1 }, witnesses: [{ name: 'a', verifierKey: 'not a key', url: 'http://x' }] },
      {
        policy: { quorum: 1 },
        witnesses: [{ name: 'a', nameEn: 7, verifierKey: notary.verifierKey, url: 'http://x' }],
      },
      'text',
      null,
    ];
    for (const sample of samples) {
      const zod = ZWitnessPolicy.safeParse(sample);
      const mine = readWitnessPolicy(sample);
      // Where the schema accepts, the reader accepts unless the policy cannot be met (k > n).
      if (mine) expect(zod.success).toBe(true);
      if (!zod.success) expect(mine).toBeNull();
    }
    expect(readWitnessPolicy(good)).toEqual(POLICY);
    expect(readWitnessPolicy({ ...good, policy: { quorum: 4 } })).toBeNull();
    const dup = { policy: { quorum: 1 }, witnesses: [good.witnesses[0], { ...good.witnesses[1], name: '示范公证处' }] };
    expect(readWitnessPolicy(dup)).toBeNull();
  });
});

type PolicyWitnessT = WitnessPolicy['witnesses'][number];

describe('who vouched for a checkpoint', () => {
  const log = fakeLog();
  log.add({ sha256: hex('a') });
  log.seal();
  const note = log.checkpoint();
  const key = log.keys.verifierKey;

  it('counts valid cosignatures against the policy, names in the policy’s order', () => {
    const w = witnessedBy(cosign(note, [forensics.signerKey, notary.signerKey]), POLICY, key, { now: NOW });
    expect(w).toEqual({
      state: 'witnessed',
      quorum: 2,
      of: 3,
      by: [
        { name: '示范公证处', nameEn: 'Demo Notary Office' },
        { name: '示范司法鉴定中心', nameEn: 'Demo Forensic Appraisal Centre' },
      ],
      problems: [],
    });
    const all = witnessedBy(cosign(note, [notary.signerKey, forensics.signerKey, association.signerKey]), POLICY, key, {
      now: NOW,
    });
    expect(all?.by.map((v) => v.name)).toEqual(['示范公证处', '示范司法鉴定中心', '示范行业协会']);
  });

  it('below the quorum: not witnessed, with who did cosign', () => {
    const w = witnessedBy(cosign(note, [notary.signerKey]), POLICY, key, { now: NOW });
    expect(w).toMatchObject({ state: 'not_witnessed', quorum: 2, of: 3, by: [{ name: '示范公证处' }], problems: [] });
    expect(witnessedBy(note, POLICY, key, { now: NOW })).toMatchObject({ state: 'not_witnessed', by: [] });
  });

  it('does not count a bad signature, an unknown key, a wrong key or a future date, and says so', () => {
    const { text } = parseSignedNote(note);
    const good = formatSignatureLine(signCosignature(forensics.signerKey, text, NOW - 5));
    const broken = formatSignatureLine(signCosignature(notary.signerKey, `${text}x\n`, NOW - 5));
    const lines = [
      broken,
      formatSignatureLine(signCosignature(stranger.signerKey, text, NOW - 5)),
      formatSignatureLine(signCosignature(impostor.signerKey, text, NOW - 5)),
      formatSignatureLine(signCosignature(association.signerKey, text, NOW + 3600)),
      good,
    ];
    const w = witnessedBy(note + lines.join(''), POLICY, key, { now: NOW });
    expect(w?.state).toBe('not_witnessed');
    expect(w?.by.map((v) => v.name)).toEqual(['示范司法鉴定中心']);
    expect(w?.problems.map((p) => [p.kind, p.witness])).toEqual([
      ['BAD_SIGNATURE', '示范公证处'],
      ['UNKNOWN_NAME', 'stranger.demo/w'],
      ['WRONG_KEY', '示范公证处'],
      ['FUTURE_TIMESTAMP', '示范行业协会'],
    ]);
  });

  it('says nothing without witnesses, and vouches for nothing with a policy whose keys do not parse', () => {
    expect(witnessedBy(cosign(note, [notary.signerKey]), undefined, key)).toBeUndefined();
    expect(witnessedBy(cosign(note, [notary.signerKey]), { quorum: 0, witnesses: [] }, key)).toBeUndefined();
    const bad = { quorum: 1, witnesses: [{ name: 'x', verifierKey: 'x+00000000+AAAA' }] };
    expect(witnessedBy(note, bad, key)).toMatchObject({
      state: 'not_witnessed',
      by: [],
      problems: [{ kind: 'BAD_POLICY' }],
    });
  });
});

describe('receipts checked with the pinned policy', () => {
  function setUp() {
    const log = fakeLog();
    const deposit = log.add({ sha256: hex('c') });
    log.seal();
    const receiptWith = (signers: string[], witnessed?: unknown): Receipt => {
      const receipt = log.receipt(deposit.id);
      if (receipt.status !== 'sealed') throw new Error('sealed');
      const checkpoint = cosign(receipt.checkpoint, signers, Math.floor(Date.now() / 1000) - 5);
      return { ...receipt, checkpoint, ...(witnessed === undefined ? {} : { witnessed }) } as Receipt;
    };
    return { log, deposit, receiptWith };
  }

  it('decides from the signatures, never from the receipt’s `witnessed` hint', () => {
    const { log, receiptWith } = setUp();
    const lying = receiptWith([notary.signerKey], { quorum: 2, of: 3, by: ['示范公证处', '示范司法鉴定中心'] });
    const checked = checkReceipt(lying, undefined, { verifierKey: log.keys.verifierKey, witnesses: POLICY });
    expect(checked.deposit.proof).toEqual({ ok: true });
    expect(checked.deposit.witnessing).toMatchObject({ state: 'not_witnessed', by: [{ name: '示范公证处' }] });
    // And a receipt that says "not yet" whose checkpoint carries two valid cosignatures is witnessed.
    const modest = receiptWith([notary.signerKey, association.signerKey], null);
    const upgraded = checkReceipt(modest, undefined, {
      verifierKey: log.keys.verifierKey,
      witnesses: POLICY,
    });
    expect(upgraded.deposit.witnessing).toMatchObject({
      state: 'witnessed',
      by: [{ name: '示范公证处' }, { name: '示范行业协会' }],
    });
  });

  it('end to end: verifySubject says who vouched; without a policy nothing is said', async () => {
    const { log, deposit, receiptWith } = setUp();
    const api = log.api({ deposit: async () => receiptWith([notary.signerKey, forensics.signerKey]) });
    const memory = new CheckpointMemory({ verifierKey: log.keys.verifierKey, api });
    const subject = { kind: 'file' as const, digests: { sha256: hex('c') } };
    const witnessed = await verifySubject(subject, deposit.id, {
      api,
      memory,
      ledgerSuspect: false,
      witnesses: POLICY,
    });
    expect(witnessed.decision.verdict).toBe('consistent');
    expect(witnessed.decision.deposit?.witnessing).toMatchObject({ state: 'witnessed', quorum: 2, of: 3 });
    const plain = await verifySubject(subject, deposit.id, { api, memory, ledgerSuspect: false });
    expect(plain.decision.verdict).toBe('consistent');
    expect(plain.decision.deposit).not.toHaveProperty('witnessing');
  });

  it('a failed proof says nothing about witnesses (the checkpoint was not the log’s)', () => {
    const { log, receiptWith } = setUp();
    const other = fakeLog();
    const checked = checkReceipt(receiptWith([notary.signerKey, forensics.signerKey]), undefined, {
      verifierKey: other.keys.verifierKey,
      witnesses: POLICY,
    });
    expect(checked.deposit.proof).toMatchObject({ ok: false, step: 'checkpoint' });
    expect(checked.deposit).not.toHaveProperty('witnessing');
    expect(log.size).toBe(1);
  });
});
