import { describe, expect, it } from 'vitest';
import { ZReceipt } from '@/lib/ledger/receipt.schema';
import { buildLeaf } from '@/lib/ledger/statement';
import { bytesToBase64 } from '@/lib/tlog';
import { ZFileFacts } from './deposit-from-browser.schema';
import type { Receipt } from './receipt.schema';
import {
  additionsOf,
  beijingDate,
  receiptAdditionsMatchLeaf,
  receiptFile,
  receiptFileName,
  receiptOfFile,
  receiptsFile,
  safeFileNamePart,
} from './receipt-file';

const digests = { sha256: 'ab'.repeat(32), sm3: 'cd'.repeat(32) };

/** A pending receipt whose leaf really records what the page sent for `name` and `title`. */
function deposited(name: string, title: string, at = '2026-12-06T01:02:03.456Z') {
  // As the deposit page sends it (components/deposit/deposit-input.ts): trimmed title, a name the ledger accepts.
  const facts = { name, size: 1234 };
  const sent = {
    digests,
    ...(title.trim() ? { title: title.trim() } : {}),
    ...(ZFileFacts.safeParse(facts).success ? { file: facts } : {}),
  };
  const request = { digests, title: sent.title, metadata: sent.file ? { file: sent.file } : undefined };
  const { leaf } = buildLeaf({ request, depositor: { id: 'org', name: '示范' }, depositedAt: new Date(at) });
  const receipt: Receipt = {
    id: '0b0e7f52-3c1a-4c5e-9a51-6a3b2f1d9e77',
    status: 'pending',
    leaf: bytesToBase64(leaf),
    digests,
    depositedAt: at,
    depositor: { id: 'org', name: '示范' },
  };
  return { receipt, additions: additionsOf(sent) };
}

describe('receipt files', () => {
  it('are named after the file and the Beijing date, and carry the title and file name after the receipt', () => {
    const { receipt, additions } = deposited('采购合同.pdf', '  采购合同（2026）  ');
    const file = receiptFile(receipt, additions);
    expect(file.name).toBe('采购合同.pdf.2026-12-06.verity-receipt.json');
    const content = JSON.parse(file.text);
    expect(content.title).toBe('采购合同（2026）');
    expect(content.metadata).toEqual({ file: { name: '采购合同.pdf', size: 1234 } });
    // Every receipt member, unchanged and first; the additions after.
    expect(Object.keys(content)).toEqual([...Object.keys(receipt), 'title', 'metadata']);
    expect(ZReceipt.parse(receiptOfFile(content))).toEqual(receipt);
    expect(receiptAdditionsMatchLeaf(content)).toBe(true);
  });

  it('additions are checkable against the leaf: a changed title or name does not match', () => {
    const { receipt, additions } = deposited('contract.pdf', 'Licence');
    const content = JSON.parse(receiptFile(receipt, additions).text);
    expect(receiptAdditionsMatchLeaf({ ...content, title: 'Licence!' })).toBe(false);
    expect(receiptAdditionsMatchLeaf({ ...content, metadata: { file: { name: 'other.pdf', size: 1234 } } })).toBe(
      false,
    );
    // An absent addition claims nothing (the history's receipts carry no file name).
    expect(receiptAdditionsMatchLeaf({ ...content, metadata: undefined })).toBe(true);
    // A title on a deposit whose leaf records none is not its title.
    const bare = deposited('a.pdf', '');
    expect(
      receiptAdditionsMatchLeaf({ ...JSON.parse(receiptFile(bare.receipt, bare.additions).text), title: 'x' }),
    ).toBe(false);
  });

  it('use the date in Beijing time, which is the next day after 16:00 UTC', () => {
    expect(beijingDate('2026-12-06T15:59:59.999Z')).toBe('2026-12-06');
    expect(beijingDate('2026-12-06T16:00:00.000Z')).toBe('2026-12-07');
    const { receipt, additions } = deposited('a.txt', '', '2026-12-06T16:30:00.000Z');
    expect(receiptFile(receipt, additions).name).toBe('a.txt.2026-12-07.verity-receipt.json');
  });

  it('replace unsafe characters, and fall back to the title, then the deposit ID', () => {
    expect(safeFileNamePart('../报告 v2: "终稿"?.pdf')).toBe('报告_v2_终稿_.pdf');
    expect(safeFileNamePart('a\u202Etxt.exe')).toBe('a_txt.exe');
    expect(safeFileNamePart('C:\\dir\\x|y*z<>.doc')).toBe('C_dir_x_y_z_.doc');
    expect([...safeFileNamePart('长'.repeat(300))]).toHaveLength(80);
    // A name the ledger refused (bidi override) was not sent: the title names the file.
    const { receipt, additions } = deposited('a\u202Etxt.exe', 'Title/with slash');
    expect(additions.metadata).toBeUndefined();
    expect(receiptFile(receipt, additions).name).toBe('Title_with_slash.2026-12-06.verity-receipt.json');
    expect(receiptFileName({ ...receipt })).toBe(`${receipt.id}.2026-12-06.verity-receipt.json`);
    expect(receiptFileName({ ...receipt, title: '???' })).toBe(`${receipt.id}.2026-12-06.verity-receipt.json`);
  });

  it('save all receipts as one array, in order, each with its additions', () => {
    const one = deposited('a.pdf', 'A');
    const two = deposited('b.pdf', '');
    const file = receiptsFile([one, two], new Date('2026-11-27T01:02:03.456Z'));
    expect(file.name).toBe('verity-receipts-20261127T010203Z.json');
    const all = JSON.parse(file.text);
    expect(all.map((c: { title?: string }) => c.title)).toEqual(['A', undefined]);
    expect(all.map((c: { metadata: { file: { name: string } } }) => c.metadata.file.name)).toEqual(['a.pdf', 'b.pdf']);
  });
});
