/**
 * verifyReceipt offline, on receipts of a small in-memory log with a fresh key and real proofs
 * (lib/verification/verify.testing.ts) and real witness cosignatures (lib/tlog): a valid receipt,
 * then each way one can be wrong — not a receipt, a tampered leaf, a receipt that differs from
 * its leaf, the wrong log key, the wrong file, a broken proof, too few cosignatures — each failing
 * exactly its check. The same function against the real portal's receipts: verity-client.test.ts.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SealedReceipt } from '@/lib/ledger/receipt.schema';
import {
  bytesToBase64,
  formatSignatureLine,
  generateCosignerKeys,
  generateNoteKeys,
  parseSignedNote,
  signCosignature,
} from '@/lib/tlog';
import { fakeLog, hex, ORIGIN } from '@/lib/verification/verify.testing';
import type { WitnessPolicy } from '@/lib/verification/witness-policy';
import { verifyReceipt } from './verify-receipt';

const seed = (label: string) => new Uint8Array(createHash('sha256').update(`sdk ${label}`).digest());
const notary = generateCosignerKeys('notary.sdk/w', 'ed25519', seed('notary'));
const forensics = generateCosignerKeys('forensics.sdk/w', 'ed25519', seed('forensics'));
const POLICY: WitnessPolicy = {
  quorum: 2,
  witnesses: [
    { name: '示范公证处', verifierKey: notary.verifierKey },
    { name: '示范司法鉴定中心', verifierKey: forensics.verifierKey },
  ],
};

function cosign(note: string, signers: string[]): string {
  const { text } = parseSignedNote(note);
  const at = Math.floor(Date.now() / 1000) - 5;
  return note + signers.map((key) => formatSignatureLine(signCosignature(key, text, at))).join('');
}

function sealedLog() {
  const log = fakeLog();
  log.add({ sha256: hex('a'), sm3: hex('b') });
  const target = log.add({ sha256: hex('c'), sm3: hex('d') });
  log.add({ sha256: hex('e') });
  log.seal();
  return { log, receipt: log.receipt(target.id) as SealedReceipt, logKey: log.keys.verifierKey };
}

const failed = (r: { checks: { name: string; ok: boolean }[] }) => r.checks.filter((c) => !c.ok).map((c) => c.name);

describe('verifyReceipt (offline)', () => {
  it('accepts a valid receipt and the file it was made for', async () => {
    const { receipt, logKey } = sealedLog();
    const result = await verifyReceipt(structuredClone(receipt), {
      logKey,
      digests: { sha256: hex('c'), sm3: hex('d') },
    });
    expect(result.ok).toBe(true);
    expect(result.checks.map((c) => c.name)).toEqual([
      'schema',
      'leaf',
      'receipt',
      'checkpoint',
      'inclusion',
      'digests',
    ]);
    expect(result.checks.find((c) => c.name === 'checkpoint')?.message).toContain(`${ORIGIN}, size 3`);
    expect(result.receipt?.id).toBe(receipt.id);
    expect(result.witnessed).toBeNull();
  });

  it('refuses what is not a receipt, naming where', async () => {
    const { receipt, logKey } = sealedLog();
    const result = await verifyReceipt({ ...receipt, leafIndex: -1 }, { logKey });
    expect(result.ok).toBe(false);
    expect(result.checks).toHaveLength(1);
    expect(result.checks[0]?.message).toMatch(/^not a Verity receipt at leafIndex/);
    expect((await verifyReceipt('{}', { logKey })).ok).toBe(false);
  });

  it('fails a tampered leaf at the leaf, and a receipt that says another digest than its leaf at the receipt', async () => {
    const { log, receipt, logKey } = sealedLog();
    const leaf = new Uint8Array(Buffer.from(receipt.leaf, 'base64'));
    leaf[leaf.length - 3] = (leaf[leaf.length - 3] ?? 0) ^ 1;
    const tampered = await verifyReceipt({ ...receipt, leaf: bytesToBase64(leaf) }, { logKey });
    expect(failed(tampered)).toEqual(['leaf']);
    // Another deposit's leaf, well formed: the receipt's digests no longer say what it says.
    const other = log.receipt(log.deposits[0]?.id ?? '') as SealedReceipt;
    const swapped = await verifyReceipt({ ...receipt, leaf: other.leaf }, { logKey });
    expect(failed(swapped)).toEqual(['receipt']);
  });

  it('fails the checkpoint under another log key, even one of the same origin', async () => {
    const { receipt } = sealedLog();
    const other = generateNoteKeys(ORIGIN).verifierKey;
    const result = await verifyReceipt(receipt, { logKey: other });
    expect(failed(result)).toEqual(['checkpoint']);
    expect(result.checks.map((c) => c.name)).not.toContain('inclusion');
    expect(failed(await verifyReceipt(receipt, { logKey: 'not a key' }))).toEqual(['checkpoint']);
  });

  it('fails the digests of another file, and digests the receipt does not record', async () => {
    const { log, logKey } = sealedLog();
    const receipt = log.receipt(log.deposits[2]?.id ?? '');
    const wrong = await verifyReceipt(receipt, { logKey, digests: { sha256: hex('f') } });
    expect(failed(wrong)).toEqual(['digests']);
    expect(wrong.checks.find((c) => c.name === 'digests')?.message).toContain('SHA-256 differs');
    const none = await verifyReceipt(receipt, { logKey, digests: { sm3: hex('d') } });
    expect(none.checks.find((c) => c.name === 'digests')).toMatchObject({
      ok: false,
      message: expect.stringContaining('nothing to compare'),
    });
  });

  it('fails a broken inclusion proof and a proof to the wrong index', async () => {
    const { receipt, logKey } = sealedLog();
    const proof = [...receipt.inclusionProof];
    proof[0] = bytesToBase64(new Uint8Array(32));
    expect(failed(await verifyReceipt({ ...receipt, inclusionProof: proof }, { logKey }))).toEqual(['inclusion']);
    expect(failed(await verifyReceipt({ ...receipt, inclusionProof: [] }, { logKey }))).toEqual(['inclusion']);
    expect(failed(await verifyReceipt({ ...receipt, leafIndex: 0 }, { logKey }))).toEqual(['inclusion']);
  });

  it('counts cosignatures against the pinned policy: the quorum passes, fewer fail, a stranger is not counted', async () => {
    const { receipt, logKey } = sealedLog();
    const both = await verifyReceipt(
      { ...receipt, checkpoint: cosign(receipt.checkpoint, [notary.signerKey, forensics.signerKey]) },
      { logKey, witnesses: POLICY },
    );
    expect(both.ok).toBe(true);
    expect(both.witnessed).toEqual({ count: 2, of: 2, quorum: 2, names: ['示范公证处', '示范司法鉴定中心'] });

    const stranger = generateCosignerKeys('forensics.sdk/w', 'ed25519', seed('stranger'));
    const one = await verifyReceipt(
      { ...receipt, checkpoint: cosign(receipt.checkpoint, [notary.signerKey, stranger.signerKey]) },
      { logKey, witnesses: POLICY },
    );
    expect(failed(one)).toEqual(['cosignatures']);
    expect(one.witnessed).toMatchObject({ count: 1, of: 2, quorum: 2 });
    expect(one.checks.find((c) => c.name === 'cosignatures')?.message).toMatch(
      /^not witnessed: 1 of 2 valid cosignatures, the policy needs 2/,
    );
    // Without a policy, cosignatures are not asked for.
    expect((await verifyReceipt(receipt, { logKey })).ok).toBe(true);
  });

  it('checks an anchor the receipt carries offline: the anchored checkpoint, the chain "not checked"', async () => {
    const { receipt, logKey } = sealedLog();
    const root = receipt.checkpoint.split('\n')[2] ?? '';
    const evm = {
      kind: 'evm' as const,
      treeSize: 3,
      rootHash: root,
      chainId: 31337,
      chain: 'Demo chain',
      demo: true,
      contract: `0x${'1'.repeat(40)}`,
      transactionHash: `0x${'2'.repeat(64)}`,
      blockNumber: 7,
      blockHash: `0x${'3'.repeat(64)}`,
      anchoredAt: '2026-12-07T10:00:00.000Z',
      rpcUrl: null,
    };
    const anchor = { checkpoint: receipt.checkpoint, consistency: { from: 3, to: 3, proof: [] }, evm, timestamp: null };
    const anchored = await verifyReceipt({ ...receipt, anchor }, { logKey });
    expect(anchored.ok, JSON.stringify(anchored.checks)).toBe(true);
    expect(anchored.checks.slice(-2).map((c) => c.name)).toEqual(['anchor_checkpoint', 'anchor_chain']);
    expect(anchored.checks.at(-1)).toMatchObject({
      ok: true,
      checked: false,
      message: expect.stringMatching(/^not checked: no JSON-RPC endpoint/),
    });
    const wrongRoot = { ...anchor, evm: { ...evm, rootHash: bytesToBase64(new Uint8Array(32)) } };
    expect(failed(await verifyReceipt({ ...receipt, anchor: wrongRoot }, { logKey }))).toEqual(['anchor_checkpoint']);
    // A receipt without an anchor (null: not anchored yet) has no anchor checks.
    expect((await verifyReceipt({ ...receipt, anchor: null }, { logKey })).checks.map((c) => c.name)).not.toContain(
      'anchor_checkpoint',
    );
  });

  it('does not pass a pending receipt: it has no proof yet', async () => {
    const log = fakeLog();
    const d = log.add({ sha256: hex('a') });
    const result = await verifyReceipt(log.receipt(d.id), {
      logKey: log.keys.verifierKey,
      digests: { sha256: hex('a') },
    });
    expect(failed(result)).toEqual(['sealed']);
    expect(result.checks.map((c) => c.name)).toEqual(['schema', 'leaf', 'receipt', 'sealed', 'digests']);
  });
});
