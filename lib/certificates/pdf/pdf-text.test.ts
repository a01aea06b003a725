import { describe, expect, it } from 'vitest';
import { buildTestCertificate } from '../format/certificates.testing';
import { wrapMono } from './pdf-blocks';
import { beijingTime, fileSize, ledgerPosition, verdictSentence, verdictWord, verificationAccount } from './pdf-text';

describe('certificate PDF wording', () => {
  it('writes times in Beijing time, whatever offset they were recorded with', () => {
    expect(beijingTime('2026-03-01T02:02:03.456Z')).toBe('2026-03-01 10:02:03');
    expect(beijingTime('2026-03-01T23:30:00-05:00')).toBe('2026-03-02 12:30:00');
    expect(() => beijingTime('yesterday')).toThrow(/RFC 3339/);
  });

  it('writes sizes with thousands separators and a binary unit', () => {
    expect(fileSize(0)).toBe('0 字节 bytes');
    expect(fileSize(2_483_117)).toBe('2,483,117 字节 bytes (2.37 MiB)');
    expect(fileSize(null)).toBe('—');
  });

  it("names the deposit's place on the ledger counted from 1, of the records the signed state holds", () => {
    const { deposit } = buildTestCertificate().body;
    if (!deposit) throw new Error('the test certificate names a deposit');
    // Leaf index 5 of a tree of 11: the sixth record.
    expect(ledgerPosition(deposit)).toEqual({ zh: '链上序号 6（共 11 条）', en: 'record 6 of 11' });
    expect(ledgerPosition({ ...deposit, tlogProof: 'not a proof' })).toEqual({ zh: '链上序号 6', en: 'record 6' });
    expect(ledgerPosition({ ...deposit, leafIndex: null })).toEqual({ zh: '上链中', en: 'being recorded' });
  });

  it('names each role in the verification as it is: the portal verified, the party submitted', () => {
    const { body } = buildTestCertificate();
    const submitted = verificationAccount(body);
    expect(submitted.zh).toBe('计算原告提交的文件的摘要，并与存证链比对');
    expect(submitted.en).toBe('the portal hashed the file the plaintiff submitted, compared with the ledger');
    const asked = verificationAccount({ ...body, verification: { ...body.verification, by: '王法官' } });
    expect(asked.zh).toBe('应 王法官 的请求重新计算所传文件的摘要，并与存证链比对');
    const hashOnly = verificationAccount({ ...body, verification: { ...body.verification, site: 'browser' } });
    expect(hashOnly.zh).toBe('将 张三 在其浏览器中计算并提交的摘要值与存证链比对');
    for (const text of [submitted, asked, hashOnly].flatMap((a) => [a.zh, a.en])) {
      expect(text).not.toMatch(/核验人|verified by 张三/i);
    }
  });

  it('uses the words of the portal and names the deposit time in the sentence', () => {
    expect(verdictWord('consistent')).toEqual({ zh: '一致', en: 'Consistent' });
    const sentence = verdictSentence(buildTestCertificate().body);
    expect(sentence.zh).toContain('2026-03-01 10:02:03（北京时间）');
    expect(sentence.en).toContain('has not changed since it was deposited on 2026-03-01 10:02:03, Beijing time');
  });

  it('wraps a URL after a slash, never after a hyphen nor beyond the line', () => {
    const url = 'https://verity.court.example/certificates/0b0e7f52-3c1a-4c5e-9a51-6a3b2f1d9e77';
    const lines = wrapMono(url, 45);
    expect(lines.join('')).toBe(url);
    expect(lines[0]).toBe('https://verity.court.example/certificates/');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(45);
    expect(wrapMono('https://a.example/certificates/0b0e7f52-3c1a-4c5e-9a51-6a3b2f1d9e77', 24)).toEqual([
      'https://a.example/',
      'certificates/',
      '0b0e7f52-3c1a-4c5e-9a51',
      '-6a3b2f1d9e77',
    ]);
    expect(wrapMono('x'.repeat(100), 40).map((l) => l.length)).toEqual([40, 40, 20]);
  });
});
