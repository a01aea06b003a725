/**
 * The custody log as a reader sees it, rendered to HTML in both languages with the real
 * messages (next-intl's translator outside Next.js), from events as lib/audit gives them.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseEvent } from '@/lib/audit/list-case-events';
import en from '@/messages/en.json';
import zh from '@/messages/zh-CN.json';

const locale = vi.hoisted(() => ({ current: 'en' as 'en' | 'zh-CN' }));
const events = vi.hoisted(() => ({ list: [] as CaseEvent[] }));

vi.mock('next-intl/server', async () => {
  const { createTranslator, createFormatter } = await import('use-intl/core');
  const messages = () => (locale.current === 'en' ? en : zh);
  return {
    getTranslations: async (namespace?: string) =>
      createTranslator({ locale: locale.current, messages: messages(), namespace: namespace as never }),
    getFormatter: async () => createFormatter({ locale: locale.current, timeZone: 'Asia/Shanghai' }),
  };
});
const { CustodyLogTable } = await import('./custody-log');

const HASH = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

function event(seq: bigint, action: string, extra: Partial<CaseEvent> = {}): CaseEvent {
  return {
    seq,
    at: new Date('2026-11-27T02:00:00.000Z'),
    action,
    actor: { id: 'u', name: '张三', role: 'litigant' },
    subject: null,
    details: {},
    hash: HASH,
    ...extra,
  };
}

async function render(): Promise<string> {
  return renderToStaticMarkup(await CustodyLogTable({ events: events.list }));
}

beforeEach(() => {
  locale.current = 'en';
  events.list = [
    event(3n, 'case.member_added', {
      actor: { id: 'k', name: '李书记员', role: 'clerk' },
      subject: { kind: 'user', id: 'u', name: '张三' },
      details: { role: 'plaintiff' },
    }),
    event(7n, 'exhibit.verified', {
      actor: null,
      subject: { kind: 'exhibit', id: 'e', number: 2, title: '借款合同' },
      details: { verdict: 'tampered' },
    }),
    event(9n, 'certificate.issued', { subject: { kind: 'other', id: 'abcdef12-0000-4000-8000-000000000000' } }),
    event(12n, 'exhibit.archived'),
  ];
});

describe('CustodyLogTable', () => {
  it('shows when, who, what, concerning what, and each entry’s number and short hash', async () => {
    const html = await render();
    for (const text of [
      'Time (Beijing time)',
      '李书记员',
      'Clerk',
      'Person added to the case',
      'as plaintiff',
      'Exhibit verified against the ledger',
      'Does not match',
      'The portal (automatic)',
      'Exhibit 2: 借款合同',
      'Certificate abcdef12',
      'exhibit.archived', // an action this version has no words for is shown as it is
      'No. 12',
      '9f86d081 884c7d65…',
      `data-hash="${HASH}"`,
      'dateTime="2026-11-27T02:00:00.000Z"',
      '10:00:00', // Beijing time
    ]) {
      expect(html).toContain(text);
    }
  });

  it('speaks Chinese', async () => {
    locale.current = 'zh-CN';
    const html = await render();
    for (const text of [
      '时间（北京时间）',
      '添加案件人员',
      '身份：原告',
      '不一致',
      '系统（自动）',
      '第 2 号证据：借款合同',
      '第 7 号',
    ]) {
      expect(html).toContain(text);
    }
  });

  it('says so when nothing has been recorded', async () => {
    events.list = [];
    const html = await render();
    expect(html).toContain('Nothing has been recorded for this case yet.');
    expect(html).not.toContain('<table');
    const filtered = renderToStaticMarkup(await CustodyLogTable({ events: [], empty: 'No entry matches.' }));
    expect(filtered).toContain('No entry matches.');
  });
});
