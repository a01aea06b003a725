/**
 * The certificate pages say who vouched (issue #18): the facts of a version 2 certificate (the
 * public page /certificates/{id} and a certificate dropped on /verify) and of a deposit
 * certificate's deposits, rendered to HTML in both languages with the real messages — the issue's
 * words with the names (English names on the English page), or "not yet witnessed"; the check
 * list's technical details with who vouched as counted from the signatures; nothing for version 1.
 */
import { NextIntlClientProvider } from 'next-intl';
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { buildTestCertificate, TEST_COURT_SEED, TEST_LOG } from '@/lib/certificates/format/certificates.testing';
import { checkDetails } from '@/lib/certificates/format/check-details';
import { courtPublicKey } from '@/lib/certificates/format/sign-certificate';
import { verifyCertificate } from '@/lib/certificates/format/verify-certificate';
import { buildTestDepositCertificateBody } from '@/lib/deposit-certificates/deposit-certificates.testing';
import { signDepositCertificate } from '@/lib/deposit-certificates/format/sign-deposit-certificate';
import { canonicalJsonBytes } from '@/lib/ledger/statement/canonical-json';
import { bytesToBase64 } from '@/lib/tlog';
import en from '@/messages/en.json';
import zh from '@/messages/zh-CN.json';
import { CertificateFacts } from './certificate-facts';
import { CertificateCheckList } from './check-list';
import { DepositCertificateResultView } from './deposit-certificate-result';
import { checkDepositCertificate } from './deposit-check';
import type { CertificateLine } from './engine';

const KEYS = { courtPublicKey: bytesToBase64(courtPublicKey(TEST_COURT_SEED)), logVerifierKey: TEST_LOG.verifierKey };

function render(locale: 'zh-CN' | 'en', node: ReactNode): string {
  const html = renderToStaticMarkup(
    createElement(NextIntlClientProvider, {
      locale,
      messages: locale === 'en' ? en : zh,
      timeZone: 'Asia/Shanghai',
      // biome-ignore lint/correctness/noChildrenProp: no JSX in a .test.ts file; the provider requires children in its props type
      children: node,
    }),
  );
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ');
}

describe('CertificateFacts', () => {
  it('witnessed: the issue’s words with the names, in both languages', () => {
    const { body } = buildTestCertificate({ witnesses: { cosigners: [0, 1] } });
    expect(render('zh-CN', createElement(CertificateFacts, { body }))).toContain(
      '见证情况 已由 3 家机构中的 2 家见证：示范公证处、示范司法鉴定中心',
    );
    expect(render('en', createElement(CertificateFacts, { body }))).toContain(
      'Who vouched Witnessed by 2 of 3 institutions: Demo Notary Office, Demo Forensic Appraisal Centre',
    );
  });

  it('not yet witnessed: says so plainly', () => {
    const { body } = buildTestCertificate({ witnesses: { cosigners: [2] } });
    expect(render('zh-CN', createElement(CertificateFacts, { body }))).toContain(
      '见证情况 尚未见证：签发本证书时，3 家见证机构中还没有 2 家确认存证链的这一版本。',
    );
    expect(render('en', createElement(CertificateFacts, { body }))).toContain('Who vouched Not yet witnessed:');
  });

  it('version 1: nothing about witnesses', () => {
    const html = render('zh-CN', createElement(CertificateFacts, { body: buildTestCertificate().body }));
    expect(html).not.toContain('见证');
  });
});

describe('the check list', () => {
  it('names the cosignatures check, and who vouched in the technical details', () => {
    const check = verifyCertificate(buildTestCertificate({ witnesses: { cosigners: [0, 1] } }), KEYS);
    const details = checkDetails(check, 11);
    const lines: CertificateLine[] = check.checks.map((l) => (l.ok ? { ...l, detail: details[l.name] } : l));
    const zhText = render('zh-CN', createElement(CertificateCheckList, { lines }));
    expect(zhText).toContain('见证机构的见证签名与证书所述的见证情况相符');
    expect(zhText).toContain('已由 3 家机构中的 2 家见证：示范公证处、示范司法鉴定中心（至少需 2 家');
    const enText = render('en', createElement(CertificateCheckList, { lines }));
    expect(enText).toContain('witnessed by 2 of 3 institutions: Demo Notary Office, Demo Forensic Appraisal Centre');
  });
});

describe('a deposit certificate on /verify', () => {
  it('says for each deposit who vouched, or that it is not yet witnessed', () => {
    const body = buildTestDepositCertificateBody({ cosigners: [[0, 1], [2]] });
    const result = checkDepositCertificate(canonicalJsonBytes(signDepositCertificate(body, TEST_COURT_SEED)), KEYS);
    const zhText = render('zh-CN', createElement(DepositCertificateResultView, { result }));
    expect(zhText).toContain('见证情况 已由 3 家机构中的 2 家见证：示范公证处、示范司法鉴定中心');
    expect(zhText).toContain('见证情况 尚未见证：');
    const enText = render('en', createElement(DepositCertificateResultView, { result }));
    expect(enText).toContain('Who vouched Witnessed by 2 of 3 institutions: Demo Notary Office');
  });
});
