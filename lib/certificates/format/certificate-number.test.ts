import { describe, expect, it } from 'vitest';
import { certificateYear, formatCertificateNumber } from './certificate-number';
import { certificateScope } from './certificate-scope';

describe('certificate numbers', () => {
  it('are VC-<year>-<six digits>', () => {
    expect(formatCertificateNumber(2026, 1)).toBe('VC-2026-000001');
    expect(formatCertificateNumber(2026, 999_999)).toBe('VC-2026-999999');
    for (const [year, serial] of [
      [2026, 0],
      [2026, 1_000_000],
      [2026, 1.5],
      [1999, 1],
    ]) {
      expect(() => formatCertificateNumber(year ?? 0, serial ?? 0)).toThrow(RangeError);
    }
  });

  it('take the year in Beijing time (UTC+8)', () => {
    expect(certificateYear(new Date('2026-12-31T15:59:59.999Z'))).toBe(2026);
    expect(certificateYear(new Date('2026-12-31T16:00:00.000Z'))).toBe(2027);
  });
});

describe('certificate scope', () => {
  it('says what each verdict proves and does not, in both languages', () => {
    const consistent = certificateScope('consistent', 'file');
    expect(consistent.zh).toMatch(/第十六条.*不证明该文件存证前的真实性.*第十七条、第十八条/);
    expect(consistent.en).toMatch(/art\. 16.*does not prove .* before deposit.*arts\. 17–18/);
    expect(certificateScope('tampered', 'file').en).toMatch(/not the file that was deposited/);
    expect(certificateScope('not_found', 'file').en).toMatch(/no deposit .* recorded/);
    expect(certificateScope('consistent', 'file').en).not.toMatch(/hash-only/);
    expect(certificateScope('consistent', 'hash_only').zh).toMatch(/仅摘要证据/);
  });

  it('words a consistent result as art. 16 does, and names the ledger 存证链', () => {
    const consistent = certificateScope('consistent', 'file');
    expect(consistent.zh).toContain(
      '可以认定该电子数据上链后未经篡改，但有相反证据足以推翻的除外（《人民法院在线诉讼规则》第十六条）',
    );
    expect(consistent.en).toContain('unless there is evidence to the contrary sufficient to overturn that');
    for (const verdict of ['consistent', 'tampered', 'not_found'] as const) {
      const { zh, en } = certificateScope(verdict, 'hash_only');
      expect(zh).not.toMatch(/证据链|账本|检查点|日志|封存/);
      expect(en).not.toMatch(/checkpoint|\blog key\b|sealed/i);
    }
    expect(certificateScope('not_found', 'file').zh).toContain('哪怕只相差一个字节');
  });
});
