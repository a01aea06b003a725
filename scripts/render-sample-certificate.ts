/**
 * Writes sample certificate PDFs to a folder (default /tmp/verity-certificates) so a person can
 * look at them: a consistent verdict, a tampered one, a not-found one, a hash-only exhibit with
 * long names (to see wrapping and page flow), a revoked certificate, and from a log with witnesses
 * one witnessed by 2 of 3 and one not yet witnessed. Each is signed with the
 * test court key, as the test builder does. With poppler-utils installed it also renders each
 * page to PNG (`pdftoppm -r 80`).
 *
 *   npx tsx --conditions=react-server scripts/render-sample-certificate.ts [folder]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CertificateBody } from '@/lib/certificates/format/certificate-body';
import { certificateScope } from '@/lib/certificates/format/certificate-scope';
import {
  buildTestCertificate,
  digestsOf,
  TEST_COURT_SEED,
  type TestWitnessing,
} from '@/lib/certificates/format/certificates.testing';
import { signCertificate } from '@/lib/certificates/format/sign-certificate';
import { renderCertificatePdf } from '@/lib/certificates/pdf/render-pdf';

const folder = process.argv[2] ?? '/tmp/verity-certificates';
const site = 'https://verity.bjinternetcourt.example';

/** A test certificate made to look like a real one: a real court's kind of names and numbers. */
function sample(
  verdict: 'consistent' | 'tampered' | 'not_found',
  change: (body: CertificateBody) => void = () => {},
  witnesses?: TestWitnessing,
) {
  const exhibitFile = verdict === 'tampered' ? new TextEncoder().encode('合同 contract v2 — edited\n') : undefined;
  const base = buildTestCertificate({ verdict, exhibitFile, witnesses }).body;
  const body = {
    ...base,
    number: 'VC-2026-000123',
    court: { code: 'BJIC', nameZh: '北京互联网法院', nameEn: 'Beijing Internet Court' },
    case: {
      ...base.case,
      number: '（2026）京0491民初12345号',
      title: '北京某科技有限公司诉上海某信息技术有限公司著作权侵权纠纷',
    },
    exhibit: {
      ...base.exhibit,
      title: '软件许可合同（签署版，扫描件）',
      fileName: '软件许可合同-签署版-2026-02-27.pdf',
      size: 2_483_117,
      submittedBy: '北京某科技有限公司（代理人 王律师）',
    },
    digests: verdict === 'consistent' ? base.digests : digestsOf(new TextEncoder().encode(`${verdict} sample`)),
    verification: { at: '2026-11-26T06:41:09.000Z', site: 'server', by: '审判员 陈法官' },
    deposit: base.deposit && { ...base.deposit, depositor: { ...base.deposit.depositor } },
    issuer: { name: '刘书记员', role: 'clerk' },
    issuedAt: '2026-11-27T01:30:00.000Z',
    scope: certificateScope(verdict, base.exhibit.kind),
  } as CertificateBody;
  change(body);
  body.scope = certificateScope(verdict, body.exhibit.kind);
  return signCertificate(body, TEST_COURT_SEED);
}

const samples = {
  consistent: sample('consistent'),
  // Issue #18: a log with witnesses (body version 2): witnessed by 2 of 3, and not yet witnessed.
  witnessed: sample('consistent', () => {}, { cosigners: [0, 1] }),
  'not-witnessed': sample('consistent', () => {}, { cosigners: [2] }),
  'witnessed-long-name': sample(
    'consistent',
    (body) => {
      if (body.version !== 2 || !body.deposit || !('witnessed' in body.deposit)) return;
      const long = '示范司法鉴定中心（华北区域电子数据与数字证据联合司法鉴定服务中心）';
      const forensics = body.witnessPolicy.witnesses[1];
      if (!forensics) return;
      body.deposit.witnessed = {
        quorum: 2,
        of: 3,
        by: body.witnessPolicy.witnesses.map((w, i) => (i === 1 ? long : w.name)),
      };
      body.witnessPolicy.witnesses[1] = {
        ...forensics,
        name: long,
        nameEn:
          'Demo Forensic Appraisal Centre for Electronic Data and Digital Evidence, North China Regional Joint Service',
      };
    },
    { cosigners: [0, 1, 2] },
  ),
  tampered: sample('tampered'),
  'not-found': sample('not_found'),
  'hash-only-long': sample('consistent', (body) => {
    body.exhibit = {
      ...body.exhibit,
      kind: 'hash_only',
      fileName: null,
      size: null,
      title:
        '被告于2026年1月至3月间在其运营的网站及移动应用程序中发布涉案作品的网页截图、录屏及相关访问日志汇总（共计一百二十七项，按时间顺序排列）',
    };
    body.case.title = `${body.case.title}（二审，涉及多项证据的合并核验）`;
    // A long chain name and authority: the layout's worst case (the anchor is shown, not checked, here).
    const root = Buffer.alloc(32, 7).toString('base64');
    body.anchor = {
      checkpoint: `verity.court.example/ledger\n1024\n${root}\n\n— verity.court.example/ledger AAAA\n`,
      consistency: { from: 1000, to: 1024, proof: [] },
      evm: {
        kind: 'evm',
        treeSize: 1024,
        rootHash: root,
        chainId: 20_200,
        chain: '某省高级人民法院司法联盟链 Provincial Judicial Consortium Chain',
        demo: false,
        contract: `0x${'5fbdb2315678afecb367'.repeat(2)}`,
        transactionHash: `0x${'9f3a1c07be52d4e8'.repeat(4)}`,
        blockNumber: 18_220_431,
        blockHash: `0x${'0b7e'.repeat(16)}`,
        anchoredAt: '2026-03-01T02:05:07.000Z',
        rpcUrl: null,
      },
      timestamp: {
        kind: 'rfc3161',
        treeSize: 1024,
        rootHash: root,
        tsa: '国家授时中心可信时间戳服务 National Time Service Center Trusted Timestamp Authority',
        tsaUrl: 'https://tsa.example.cn/tsa',
        demo: false,
        token: 'AA==',
        certificates: ['-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n'],
        anchoredAt: '2026-03-01T02:05:09.000Z',
      },
    };
  }),
} as const;

mkdirSync(folder, { recursive: true });
for (const [name, file] of Object.entries(samples)) {
  const checkUrl = `${site}/certificates/${file.body.id}`;
  for (const status of ['valid', 'revoked'] as const) {
    if (status === 'revoked' && name !== 'consistent') continue;
    const stem = status === 'revoked' ? `${name}-revoked` : name;
    const started = performance.now();
    const pdf = await renderCertificatePdf(file, { checkUrl, status });
    const ms = performance.now() - started;
    const out = path.join(folder, `${stem}.pdf`);
    writeFileSync(out, pdf);
    try {
      execFileSync('pdftoppm', ['-r', '80', '-png', out, path.join(folder, stem)]);
    } catch {
      // poppler-utils missing: the PDF is still written
    }
    console.log(`${out}  ${(pdf.length / 1024).toFixed(1)} KiB  ${ms.toFixed(0)} ms`);
  }
}
