import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJsonBytes } from '@/lib/ledger/statement/canonical-json';
import { requireTools } from '@/test/required-tools';
import type { CertificateFile } from '../format/certificate-body';
import { certificateScope } from '../format/certificate-scope';
import { buildTestCertificate, TEST_COURT_SEED, TEST_LOG } from '../format/certificates.testing';
import { certificateCheckCode, formatCheckCode } from '../format/check-code';
import { courtPublicKey, signCertificate } from '../format/sign-certificate';
import { verifyCertificate } from '../format/verify-certificate';
import { CertificatePdfError, extractAttachedCertificate } from './pdf-attachment';
import { CHECK_BLOCK_MIN_HEIGHT, checkBlockHeight } from './pdf-blocks';
import { certificateFonts } from './pdf-fonts';
import { verdictWord } from './pdf-text';
import { renderCertificatePdf } from './render-pdf';

const PINNED = { courtPublicKey: courtPublicKey(TEST_COURT_SEED), logVerifierKey: TEST_LOG.verifierKey };

function checkUrlOf(file: CertificateFile): string {
  return `https://verity.court.example/certificates/${file.body.id}`;
}

// CI installs poppler-utils and zbar-tools (.ci/run); without them these checks skip here and fail under CI.
const POPPLER = requireTools(
  'poppler-utils',
  ['pdftotext', 'pdftoppm', 'pdffonts', 'pdfinfo'],
  'apt-get install poppler-utils',
);
const ZBAR = requireTools('zbar-tools', ['zbarimg'], 'apt-get install zbar-tools');

let dir: string;
let consistent: CertificateFile;
let consistentPdf: Uint8Array;
let consistentPath: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'verity-pdf-'));
  consistent = buildTestCertificate();
  consistentPdf = await renderCertificatePdf(consistent, { checkUrl: checkUrlOf(consistent) });
  consistentPath = write('consistent.pdf', consistentPdf);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

function pdftotext(file: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

describe('renderCertificatePdf: text', () => {
  it.skipIf(!POPPLER)(
    'prints both digests unbroken, the case and certificate numbers and the verdict in both languages',
    () => {
      const text = pdftotext(consistentPath);
      const { body } = consistent;
      expect(text).toContain(body.digests.sha256);
      expect(text).toContain(body.digests.sm3);
      expect(text).toContain(body.case.number);
      expect(text).toContain(body.number);
      expect(text).toContain(verdictWord('consistent').zh);
      expect(text).toContain(verdictWord('consistent').en.toUpperCase());
      // The title is letter-spaced, as on court documents, so it extracts as 核 验 证 书.
      expect(text).toMatch(/核\s*验\s*证\s*书/);
      expect(text.replace(/\s+/g, '')).toContain(checkUrlOf(consistent));
      expect(text).toContain('VERIFICATION CERTIFICATE');
      expect(text).toContain('北京时间');
      expect(text).toContain('Beijing time');
      expect(text).toContain('certificate.json');
      expect(text).toContain('npx verity verify-certificate');
      expect(text).toContain(consistent.signature.keyId);
    },
  );

  it.skipIf(!POPPLER)('speaks the glossary: the deposit counted from 1 on the 存证链, and no ledger jargon', () => {
    const flat = pdftotext(consistentPath).replace(/\s+/g, '');
    const { deposit } = consistent.body;
    if (!deposit?.leafIndex) throw new Error('the test certificate names a sealed deposit');
    expect(flat).toContain(`链上序号${deposit.leafIndex + 1}（共`);
    expect(flat).toContain(`record${deposit.leafIndex + 1}of`);
    expect(flat).toContain('存证链');
    for (const word of ['叶子', '检查点', '证据链', '账本', '封存', 'leafindex', 'checkpoint'])
      expect(flat).not.toContain(word);
  });

  it.skipIf(!POPPLER)('says tampered and not found in both languages', async () => {
    for (const verdict of ['tampered', 'not_found'] as const) {
      const file = buildTestCertificate({ verdict, exhibitFile: new TextEncoder().encode(`changed ${verdict}`) });
      const text = pdftotext(write(`${verdict}.pdf`, await renderCertificatePdf(file, { checkUrl: checkUrlOf(file) })));
      expect(text).toContain(verdictWord(verdict).zh);
      expect(text).toContain(verdictWord(verdict).en.toUpperCase());
      expect(text).toContain(file.body.digests.sha256);
      expect(text).toContain(file.body.digests.sm3);
    }
  });

  it.skipIf(!POPPLER)('marks a revoked certificate as revoked', async () => {
    const pdf = await renderCertificatePdf(consistent, { checkUrl: checkUrlOf(consistent), status: 'revoked' });
    const text = pdftotext(write('revoked.pdf', pdf));
    expect(text).toContain('本证书已被撤销');
    expect(text).toContain('REVOKED');
  });

  it.skipIf(!POPPLER)(
    'is one A4 page for a typical certificate, and numbers the pages when the text runs longer',
    async () => {
      const info = execFileSync('pdfinfo', [consistentPath], { encoding: 'utf8' });
      expect(info).toMatch(/^Pages:\s+1$/m);
      expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m);
      expect(info).toMatch(/^Title:\s+核验证书 Verification Certificate VC-2026-000123$/m);
      expect(info).toMatch(/^Creator:\s+Verity$/m);

      const long = structuredClone(consistent.body);
      long.case.title = '某某有限公司诉某某有限公司'.repeat(10).slice(0, 200);
      long.exhibit.title = '网页截图及录屏'.repeat(40).slice(0, 200);
      long.scope = { zh: '本证书证明的范围。'.repeat(30), en: 'What this certificate attests. '.repeat(30) };
      const file = signCertificate(long, TEST_COURT_SEED);
      const longPath = write('long.pdf', await renderCertificatePdf(file, { checkUrl: checkUrlOf(file) }));
      expect(execFileSync('pdfinfo', [longPath], { encoding: 'utf8' })).toMatch(/^Pages:\s+2$/m);
      const text = pdftotext(longPath);
      expect(text).toContain('Page 1 of 2');
      expect(text).toContain('Page 2 of 2');
      expect(text).toContain(file.body.digests.sha256);
    },
  );

  it.skipIf(!POPPLER)('embeds every font, as a subset', () => {
    const lines = execFileSync('pdffonts', [consistentPath], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(lines.length).toBe(3);
    for (const line of lines) {
      // name type encoding emb sub uni object ID: the name carries the ABCDEF+ subset tag
      expect(line).toMatch(/^[A-Z]{6}\+\S+\s.*\syes\s+yes\s+yes\s+\d+\s+\d+$/);
    }
  });
});

describe('renderCertificatePdf: check code, roles and the signature box', () => {
  it.skipIf(!POPPLER)('prints the check code beside the number, and where to enter both', () => {
    const text = pdftotext(consistentPath);
    const code = formatCheckCode(certificateCheckCode(consistent.body));
    expect(text).toMatch(
      new RegExp(`证书编号 Certificate No\\.\\s+${consistent.body.number}\\s+校验码 Check code\\s+${code}`),
    );
    expect(text.replace(/\s+/g, '')).toContain('或在本网站/certificates页输入证书编号和校验码');
  });

  it.skipIf(!POPPLER)('keeps a certificate like the demo’s on one page, the QR code with it', async () => {
    for (const verdict of ['consistent', 'tampered', 'not_found'] as const) {
      const file = buildTestCertificate({
        verdict,
        exhibitFile: verdict === 'consistent' ? undefined : Uint8Array.of(1, 2, 3),
      });
      const body = structuredClone(file.body);
      body.court = { ...body.court, nameZh: '示范互联网法院', nameEn: 'Demo Internet Court' };
      body.case = { ...body.case, number: '(2026)京0491民初26172440号', title: '张明诉李华著作权侵权纠纷（fcffb3de）' };
      body.exhibit = { ...body.exhibit, submittedBy: '张明 Zhang Ming', title: '侵权网页截图（被告提交的副本）' };
      body.verification = { ...body.verification, by: '张明 Zhang Ming' };
      body.issuer = { ...body.issuer, name: '赵书记员 Clerk Zhao' };
      body.scope = certificateScope(verdict, 'file');
      const signed = signCertificate(body, TEST_COURT_SEED);
      const url = `https://evidence-verification.beijing-internet-court.example.gov.cn/certificates/${body.id}`;
      const pdfPath = write(`demo-like-${verdict}.pdf`, await renderCertificatePdf(signed, { checkUrl: url }));
      expect(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' }), verdict).toMatch(/^Pages:\s+1$/m);
    }
  });

  it('keeps the check block as compact as before for a typical certificate, so it stays on page one', () => {
    const doc = new PDFDocument({ size: 'A4', autoFirstPage: false, font: '' });
    const fonts = certificateFonts();
    for (const name of ['serif', 'serifBold', 'mono'] as const)
      doc.registerFont(name, fonts[name] as unknown as Buffer);
    doc.addPage();
    const signed = { body: consistent.body, keyId: consistent.signature.keyId };
    expect(checkBlockHeight(doc, signed, checkUrlOf(consistent))).toBe(CHECK_BLOCK_MIN_HEIGHT);
    // A real portal's longer address, too.
    const long = `https://evidence-verification.beijing-internet-court.example.gov.cn/certificates/${consistent.body.id}`;
    expect(checkBlockHeight(doc, signed, long)).toBe(CHECK_BLOCK_MIN_HEIGHT);
  });

  it.skipIf(!POPPLER)('names the portal as the verifier and the litigant as the one who submitted', async () => {
    for (const verdict of ['consistent', 'not_found'] as const) {
      const file = buildTestCertificate({
        verdict,
        exhibitFile: verdict === 'not_found' ? Uint8Array.of(1) : undefined,
      });
      const text = pdftotext(
        write(`roles-${verdict}.pdf`, await renderCertificatePdf(file, { checkUrl: checkUrlOf(file) })),
      );
      expect(text).not.toContain('核验人');
      expect(text).toMatch(/核验方\s/);
      expect(text).toMatch(/Verified by\s/);
      expect(text).toContain(`${file.body.court.nameZh}诉讼平台`);
      expect(text.replace(/\s+/g, '')).toContain('计算原告提交的文件的摘要，并与存证链比对');
      // One name for the ledger (GLOSSARY.md): never 证据链, 叶子序号 or 检查点 on the certificate.
      expect(text).not.toMatch(/证据链|叶子序号|检查点|封存/);
    }
    expect(pdftotext(consistentPath)).toContain('链上序号 6（共 11 条）');
  });

  it.skipIf(!POPPLER)('keeps a long court name inside the signature box, in two lines', async () => {
    const long = structuredClone(consistent.body);
    long.court.nameZh = '北京市第四中级人民法院知识产权审判庭';
    const file = signCertificate(long, TEST_COURT_SEED);
    const pdfPath = write('long-court.pdf', await renderCertificatePdf(file, { checkUrl: checkUrlOf(file) }));
    const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' });
    const words = [
      ...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
    ].map((m) => ({
      xMin: Number(m[1]),
      yMin: Number(m[2]),
      xMax: Number(m[3]),
      yMax: Number(m[4]),
      text: m[5] ?? '',
    }));
    // The seal's lines are the last words on the page that are right of the issuer column's rule.
    const seal = words.filter((w) => w.xMin > 386 && /^(北京市第四中级人民|法院知识产权审判庭)$/.test(w.text));
    expect(seal.map((w) => w.text)).toEqual(['北京市第四中级人民', '法院知识产权审判庭']);
    // The box: x from 394 to 533 pt (issuer column inset by 8), its inner rule 2.5 pt inside.
    for (const word of seal) {
      expect(word.xMin).toBeGreaterThan(394 + 2.5);
      expect(word.xMax).toBeLessThan(533 - 2.5);
    }
  });
});

describe('renderCertificatePdf: QR code', () => {
  it.skipIf(!POPPLER || !ZBAR)('decodes to exactly the check URL from a 150 dpi rendering', () => {
    execFileSync('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', consistentPath, path.join(dir, 'page')]);
    const decoded = execFileSync('zbarimg', ['--raw', '-q', path.join(dir, 'page-1.png')], { encoding: 'utf8' });
    expect(decoded.trim()).toBe(checkUrlOf(consistent));
  });
});

describe('renderCertificatePdf: the attached certificate', () => {
  it('attaches the RFC 8785 canonical JSON of the file, which the offline checker accepts', async () => {
    const attached = await extractAttachedCertificate(consistentPdf);
    expect(Buffer.from(attached).equals(Buffer.from(canonicalJsonBytes(consistent)))).toBe(true);
    const check = verifyCertificate(attached, PINNED);
    expect(check.checks.filter((c) => !c.ok)).toEqual([]);
    expect(check.ok).toBe(true);
  });

  it('gives the checker bytes in which every changed byte is rejected', { timeout: 60_000 }, async () => {
    const attached = await extractAttachedCertificate(consistentPdf);
    const accepted: number[] = [];
    for (let i = 0; i < attached.length; i++) {
      const changed = attached.slice();
      changed[i] = (changed[i] as number) ^ 0x01;
      if (verifyCertificate(changed, PINNED).ok) accepted.push(i);
    }
    expect(accepted).toEqual([]);
  });

  it('does not yield the certificate when a byte of the attachment stream inside the PDF is changed', async () => {
    const pdf = Buffer.from(consistentPdf);
    const start = pdf.indexOf('stream\n', pdf.indexOf('/Type /EmbeddedFile')) + 'stream\n'.length;
    const end = pdf.indexOf('\nendstream', start);
    for (const offset of [start + 2, Math.floor((start + end) / 2), end - 5]) {
      const changed = Uint8Array.from(pdf);
      changed[offset] = (changed[offset] as number) ^ 0x01;
      const outcome = await extractAttachedCertificate(changed).then(
        (bytes) => verifyCertificate(bytes, PINNED).ok,
        (error: unknown) => (error instanceof CertificatePdfError ? false : error),
      );
      expect(outcome).toBe(false);
    }
  });
});

describe('renderCertificatePdf: output', () => {
  it('is byte-for-byte the same for the same input', async () => {
    const again = await renderCertificatePdf(consistent, { checkUrl: checkUrlOf(consistent) });
    expect(Buffer.from(again).equals(Buffer.from(consistentPdf))).toBe(true);
  });

  it('refuses a check URL that is not an absolute http(s) URL, and a file that is not a certificate', async () => {
    await expect(renderCertificatePdf(consistent, { checkUrl: '/certificates/x' })).rejects.toThrow(/absolute URL/);
    await expect(renderCertificatePdf(consistent, { checkUrl: 'javascript:alert(1)' })).rejects.toThrow(/http\(s\)/);
    const broken = { ...consistent, body: { ...consistent.body, digests: { sha256: 'x', sm3: 'y' } } };
    await expect(renderCertificatePdf(broken, { checkUrl: checkUrlOf(consistent) })).rejects.toThrow(/digest/);
  });

  it('renders in well under 250 ms (median of 20, fonts already loaded)', async () => {
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      await renderCertificatePdf(consistent, { checkUrl: checkUrlOf(consistent) });
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const median = times[10] as number;
    console.log(
      `renderCertificatePdf: median ${median.toFixed(1)} ms, max ${(times[19] as number).toFixed(1)} ms, ${(consistentPdf.length / 1024).toFixed(1)} KiB`,
    );
    expect(median).toBeLessThan(250);
  });
});
