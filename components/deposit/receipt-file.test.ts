import { describe, expect, it } from 'vitest';
import type { Receipt } from './deposit-action';
import { receiptFile, receiptsFile } from './receipt-file';

const receipt = (id: string): Receipt => ({
  id,
  status: 'pending',
  leaf: 'e30=',
  digests: { sha256: 'ab'.repeat(32) },
  depositedAt: '2026-11-27T01:02:03.456Z',
  depositor: { id: 'org', name: '示范' },
});

describe('receipt files', () => {
  it('saves one receipt as itself, named by its deposit ID', () => {
    const r = receipt('0b0e7f52-3c1a-4c5e-9a51-6a3b2f1d9e77');
    const file = receiptFile(r);
    expect(file.name).toBe('verity-receipt-0b0e7f52-3c1a-4c5e-9a51-6a3b2f1d9e77.json');
    expect(JSON.parse(file.text)).toEqual(r);
  });

  it('saves all receipts as one array, in order, named by the time', () => {
    const all = [receipt('a'), receipt('b')];
    const file = receiptsFile(all, new Date('2026-11-27T01:02:03.456Z'));
    expect(file.name).toBe('verity-receipts-20261127T010203Z.json');
    expect(JSON.parse(file.text)).toEqual(all);
  });
});
