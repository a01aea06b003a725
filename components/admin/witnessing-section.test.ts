/**
 * The court settings page's witnessing section, rendered to HTML in both languages with the real
 * messages: no witnesses, not yet witnessed, witnessed, and alarms (plain words first, the evidence
 * in a technical-details disclosure).
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { WitnessingStatus } from '@/lib/witnessing/get-witnessing-status';
import en from '@/messages/en.json';
import zh from '@/messages/zh-CN.json';

const locale = vi.hoisted(() => ({ current: 'en' as 'en' | 'zh-CN' }));

vi.mock('next-intl/server', async () => {
  const { createTranslator, createFormatter } = await import('use-intl/core');
  const messages = () => (locale.current === 'en' ? en : zh);
  return {
    getTranslations: async (namespace?: string) =>
      createTranslator({ locale: locale.current, messages: messages(), namespace: namespace as never }),
    getFormatter: async () => createFormatter({ locale: locale.current, timeZone: 'Asia/Shanghai' }),
  };
});
const { WitnessingSection } = await import('./witnessing-section');

const witnesses: WitnessingStatus['witnesses'] = [
  {
    name: '示范公证处',
    nameEn: 'Demo Notary Office',
    url: 'http://127.0.0.1:7381',
    lastCosigned: { treeSize: 120, receivedAt: new Date('2026-12-06T02:00:00Z') },
  },
  { name: '示范司法鉴定中心', nameEn: null, url: 'http://127.0.0.1:7382', lastCosigned: null },
];

const alarm = {
  id: '0193a3c0-0000-7000-8000-000000000001',
  kind: 'other_root' as const,
  witness: { name: '示范行业协会', verifierKey: 'w+00000000+AA==', url: 'http://127.0.0.1:7383' },
  checkpointSize: 121,
  checkpoint: 'n',
  oldSize: 121,
  proof: [],
  status: 422,
  responseBody: 'bad',
  witnessSize: null,
  witnessCheckpoint: null,
  detectedAt: '2026-12-06T03:00:00.000Z',
};

async function render(lang: 'en' | 'zh-CN', status: Partial<WitnessingStatus>): Promise<string> {
  locale.current = lang;
  const full: WitnessingStatus = {
    quorum: 2,
    witnesses,
    latestSize: 125,
    witnessedSize: 120,
    alarms: { total: 0, newest: [] },
    ...status,
  };
  return renderToStaticMarkup(await WitnessingSection({ status: full, locale: lang }));
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the witnessing section', () => {
  it('without witnesses says only the court vouches for the ledger', async () => {
    expect(text(await render('zh-CN', { witnesses: [], quorum: 0, witnessedSize: null }))).toContain(
      '本存证链尚未配置见证机构',
    );
    expect(text(await render('en', { witnesses: [], quorum: 0, witnessedSize: null }))).toContain(
      'No witnesses are configured',
    );
  });

  it('lists the witnesses with their latest signature, and how far the ledger is witnessed', async () => {
    const zhText = text(await render('zh-CN', {}));
    expect(zhText).toContain('至少 2 家签名后');
    expect(zhText).toContain('已见证至第 120 条存证（共 125 条）');
    expect(zhText).toContain('示范公证处');
    expect(zhText).toContain('至第 120 条存证');
    expect(zhText).toContain('尚未签名');
    expect(zhText).toContain('没有见证机构报告异常');
    const enText = text(await render('en', {}));
    expect(enText).toContain('Witnessed up to deposit 120 of 125.');
    expect(enText).toContain('Demo Notary Office'); // the English name where there is one
    expect(enText).toContain('示范司法鉴定中心'); // else the name as configured
    expect(enText).toContain('Not signed yet');
    expect(text(await render('en', { witnessedSize: null }))).toContain('Not yet witnessed');
    expect(text(await render('zh-CN', { witnessedSize: null }))).toContain('尚未见证');
  });

  it('shows alarms in plain words, as an alert, with the evidence in technical details', async () => {
    const html = await render('zh-CN', { alarms: { total: 1, newest: [alarm] } });
    expect(html).toContain('role="alert"');
    expect(text(html)).toContain('警报：存证链出现分叉（异常）');
    expect(text(html)).toContain('见证机构 示范行业协会：它对同样数量的存证，看到了另一份内容');
    expect(text(html)).toMatch(/技术细节 .*HTTP 422/);
    const enHtml = await render('en', {
      alarms: { total: 2, newest: [alarm, { ...alarm, id: 'x', kind: 'ahead_of_log' }] },
    });
    expect(text(enHtml)).toContain('Alarm: the ledger showed two histories');
    expect(text(enHtml)).toContain('2 times');
    expect(text(enHtml)).toContain('it saw a longer ledger than this court ever signed');
  });
});
