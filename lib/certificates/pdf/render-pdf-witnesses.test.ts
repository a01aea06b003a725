/**
 * The text says who vouched (issue #18): both certificate PDFs, rendered from version 2 bodies and
 * parsed back with pdftotext, say "已由 3 家机构中的 2 家见证：…" / "Witnessed by 2 of 3
 * institutions: …" or "尚未见证…" / "Not yet witnessed…" per deposit, list the witnesses with
 * their keys, and attach the body that the checker counts the same way; a version 1 body (a log
 * without witnesses) says nothing about witnesses.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestDepositCertificateBody } from '@/lib/deposit-certificates/deposit-certificates.testing';
import { signDepositCertificate } from '@/lib/deposit-certificates/format/sign-deposit-certificate';
import { verifyDepositCertificate } from '@/lib/deposit-certificates/format/verify-deposit-certificate';
import { renderDepositCertificatePdf } from '@/lib/deposit-certificates/render-deposit-certificate-pdf';
import { requireTools } from '@/test/required-tools';
import type { CertificateFile } from '../format/certificate-body';
import { buildTestCertificate, TEST_COURT_SEED, TEST_LOG, TEST_WITNESSES } from '../format/certificates.testing';
import { courtPublicKey } from '../format/sign-certificate';
import { verifyCertificate } from '../format/verify-certificate';
import { extractAttachedCertificate } from './pdf-attachment';
import { witnessingSentence } from './pdf-witnesses';
import { renderCertificatePdf } from './render-pdf';

const POPPLER = requireTools('poppler-utils', ['pdftotext'], 'apt-get install poppler-utils');
const PINNED = { courtPublicKey: courtPublicKey(TEST_COURT_SEED), logVerifierKey: TEST_LOG.verifierKey };

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'verity-pdf-witnesses-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The PDF's text with all white space removed (a sentence may wrap anywhere). */
function text(name: string, pdf: Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', file, '-'], { encoding: 'utf8' });
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

async function certificatePdf(file: CertificateFile): Promise<Uint8Array> {
  return renderCertificatePdf(file, { checkUrl: `https://verity.court.example/certificates/${file.body.id}` });
}

describe('witnessingSentence', () => {
  it('names who vouched in both languages (English names when there are), or says not yet', () => {
    const policy = {
      quorum: 2,
      witnesses: TEST_WITNESSES.map(({ name, nameEn, verifierKey }) => ({ name, nameEn, verifierKey })),
    };
    expect(witnessingSentence(policy, { quorum: 2, of: 3, by: ['示范公证处', '示范司法鉴定中心'] })).toEqual({
      zh: '已由 3 家机构中的 2 家见证：示范公证处、示范司法鉴定中心。这些见证机构各自核对了存证链只增不改，并为存证链的这一版本签了名。',
      en: expect.stringMatching(
        /^Witnessed by 2 of 3 institutions: Demo Notary Office, Demo Forensic Appraisal Centre\. /,
      ),
    });
    const unnamed = { ...policy, witnesses: policy.witnesses.map(({ name, verifierKey }) => ({ name, verifierKey })) };
    expect(witnessingSentence(unnamed, { quorum: 2, of: 3, by: ['示范公证处', '示范行业协会'] }).en).toMatch(
      /^Witnessed by 2 of 3 institutions: 示范公证处, 示范行业协会\./,
    );
    expect(witnessingSentence(policy, null)).toEqual({
      zh: '尚未见证：签发本证书时，3 家见证机构中还没有 2 家确认存证链的这一版本。存证本身已在存证链上。',
      en: 'Not yet witnessed: when this certificate was issued, fewer than 2 of the 3 witness institutions had confirmed this state of the evidence ledger. The deposit itself is on the evidence ledger.',
    });
  });
});

describe.skipIf(!POPPLER)('the verification certificate PDF', () => {
  it('witnessed: the sentence in both languages, the witnesses and their keys; the attachment checks the same', async () => {
    const file = buildTestCertificate({ witnesses: { cosigners: [0, 1] } });
    const pdf = await certificatePdf(file);
    const t = text('witnessed.pdf', pdf);
    expect(squeeze(t)).toContain(squeeze('已由 3 家机构中的 2 家见证：示范公证处、示范司法鉴定中心。'));
    expect(squeeze(t)).toContain(
      squeeze('Witnessed by 2 of 3 institutions: Demo Notary Office, Demo Forensic Appraisal Centre.'),
    );
    expect(squeeze(t)).toContain(squeeze('这 3 家机构中至少 2 家签名'));
    for (const w of TEST_WITNESSES) expect(squeeze(t)).toContain(w.verifierKey);
    expect(t).toContain('见证密钥');
    const check = verifyCertificate(await extractAttachedCertificate(pdf), PINNED);
    expect(check.ok).toBe(true);
    expect(check.witnessing?.by.map((v) => v.name)).toEqual(['示范公证处', '示范司法鉴定中心']);
  });

  it('not yet witnessed: says so in both languages', async () => {
    const t = text('not-witnessed.pdf', await certificatePdf(buildTestCertificate({ witnesses: { cosigners: [2] } })));
    expect(squeeze(t)).toContain(squeeze('尚未见证：签发本证书时，3 家见证机构中还没有 2 家确认存证链的这一版本。'));
    expect(squeeze(t)).toContain(squeeze('Not yet witnessed: when this certificate was issued, fewer than 2 of the 3'));
    expect(squeeze(t)).not.toContain('已由3家机构中的');
  });

  it('version 1 (a log without witnesses): nothing about witnesses', async () => {
    const t = text('v1.pdf', await certificatePdf(buildTestCertificate()));
    expect(t).not.toMatch(/见证|[Ww]itness/);
  });

  it('no deposit (not found): no checkpoint to vouch for, so no witness rows; the body still carries the policy', async () => {
    const file = buildTestCertificate({ verdict: 'not_found', witnesses: { cosigners: [] } });
    expect(file.body.version).toBe(2);
    expect(verifyCertificate(file, PINNED).ok).toBe(true);
    expect(text('not-found-v2.pdf', await certificatePdf(file))).not.toMatch(/见证|[Ww]itness/);
  });
});

describe.skipIf(!POPPLER)('the deposit certificate PDF', () => {
  it('says per deposit who vouched or that it is not yet witnessed, lists the witnesses and their keys', async () => {
    const file = signDepositCertificate(buildTestDepositCertificateBody({ cosigners: [[0, 1], [2]] }), TEST_COURT_SEED);
    const pdf = await renderDepositCertificatePdf(file);
    const t = squeeze(text('deposit-witnessed.pdf', pdf));
    expect(t).toContain(squeeze('已由 3 家机构中的 2 家见证：示范公证处、示范司法鉴定中心。'));
    expect(t).toContain(
      squeeze('Witnessed by 2 of 3 institutions: Demo Notary Office, Demo Forensic Appraisal Centre.'),
    );
    expect(t).toContain(squeeze('尚未见证：签发本证书时，3 家见证机构中还没有 2 家确认存证链的这一版本。'));
    expect(t).toContain(squeeze('Not yet witnessed: when this certificate was issued'));
    for (const w of TEST_WITNESSES) expect(t).toContain(w.verifierKey);
    const check = verifyDepositCertificate(await extractAttachedCertificate(pdf), PINNED);
    expect(check.ok).toBe(true);
    expect(check.witnessing.map((w) => w?.state)).toEqual(['witnessed', 'not_witnessed']);
  });

  it('version 1: nothing about witnesses', async () => {
    const pdf = await renderDepositCertificatePdf(
      signDepositCertificate(buildTestDepositCertificateBody(), TEST_COURT_SEED),
    );
    expect(text('deposit-v1.pdf', pdf)).not.toMatch(/见证|[Ww]itness/);
  });
});
