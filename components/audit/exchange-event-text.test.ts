/**
 * The custody log's evidence-exchange events in words, in both languages (issue #17): the plain
 * line, the positions in the glossary's words, the late mark with the deadline missed, the
 * counter-evidence, the opinions a reply or determination answers, a deadline's change.
 */
import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import type { ExchangeEventFacts } from '@/lib/audit/exchange-event-facts';
import en from '@/messages/en.json';
import zh from '@/messages/zh-CN.json';
import { exchangeEventText, type Translate } from './exchange-event-text';

const translators = {
  'zh-CN': createTranslator({ locale: 'zh-CN', messages: zh }) as unknown as Translate,
  en: createTranslator({ locale: 'en', messages: en }) as unknown as Translate,
};
const when = (iso: string) => `<${iso.slice(0, 10)}>`;
const formats = {
  'zh-CN': { when, list: (items: string[]) => new Intl.ListFormat('zh-CN').format(items) },
  en: { when, list: (items: string[]) => new Intl.ListFormat('en').format(items) },
};

const lateOpinion: ExchangeEventFacts = {
  kind: 'opinion',
  party: 'defendant',
  number: 2,
  positions: [
    { aspect: 'authenticity', position: 'dispute', reasons: '截图的时间戳与公证书记载不一致。' },
    { aspect: 'legality', position: 'accept', reasons: null },
    { aspect: 'relevance', position: 'no_opinion', reasons: null },
  ],
  late: true,
  deadline: '2026-01-05T15:59:59.999Z',
  counterExhibit: { number: 3, title: '服务器访问日志' },
};

describe('exchangeEventText', () => {
  it('an opinion lodged late: whose, the three positions, the late mark and deadline, the counter-evidence', () => {
    expect(exchangeEventText(translators['zh-CN'], formats['zh-CN'], lateOpinion)).toEqual({
      line: '被告的质证意见 2',
      positions: [
        { aspect: 'authenticity', position: 'dispute', text: '对真实性不认可' },
        { aspect: 'legality', position: 'accept', text: '对合法性认可' },
        { aspect: 'relevance', position: 'no_opinion', text: '对关联性不发表意见' },
      ],
      late: { mark: '逾期提交', detail: '在质证期限（<2026-01-05>）之后提交' },
      facts: ['反驳证据：第 3 号证据：服务器访问日志'],
      texts: [{ label: '真实性的理由', text: '截图的时间戳与公证书记载不一致。' }],
    });
    expect(exchangeEventText(translators.en, formats.en, lateOpinion)).toEqual({
      line: 'Opinion 2 of the defendant',
      positions: [
        { aspect: 'authenticity', position: 'dispute', text: 'Authenticity: Dispute' },
        { aspect: 'legality', position: 'accept', text: 'Legality: Accept' },
        { aspect: 'relevance', position: 'no_opinion', text: 'Relevance: No opinion' },
      ],
      late: { mark: 'Lodged late', detail: 'after the deadline (<2026-01-05>)' },
      facts: ['Counter-evidence: exhibit 3: 服务器访问日志'],
      texts: [{ label: 'Reasons on Authenticity', text: '截图的时间戳与公证书记载不一致。' }],
    });
  });

  it('an opinion on time, without counter-evidence or a number found, has no late mark', () => {
    const onTime: ExchangeEventFacts = { ...lateOpinion, late: false, number: null, counterExhibit: null, party: null };
    const zhText = exchangeEventText(translators['zh-CN'], formats['zh-CN'], onTime);
    expect(zhText).toMatchObject({ line: '一方当事人的质证意见', late: null, facts: [] });
    expect(exchangeEventText(translators.en, formats.en, onTime)).toMatchObject({
      line: 'Opinion of a party',
      late: null,
      facts: [],
    });
  });

  it('a reply names the opinion it answers; a determination its outcome and the opinions it answers', () => {
    const reply: ExchangeEventFacts = {
      kind: 'reply',
      party: 'plaintiff',
      opinion: { number: 2, party: 'defendant', late: true },
      reasons: '时间差系时区不同所致。',
    };
    expect(exchangeEventText(translators['zh-CN'], formats['zh-CN'], reply)).toMatchObject({
      line: '原告回复被告的质证意见 2（逾期提交）',
      texts: [{ label: '回复内容', text: '时间差系时区不同所致。' }],
    });
    expect(exchangeEventText(translators.en, formats.en, reply).line).toBe(
      'Reply by the plaintiff to the defendant’s opinion 2 (lodged late)',
    );
    expect(exchangeEventText(translators.en, formats.en, { ...reply, opinion: null }).line).toBe(
      'Reply by the plaintiff to an opinion',
    );

    const determination: ExchangeEventFacts = {
      kind: 'determination',
      outcome: 'accepted',
      reasoning: '可以认定该电子数据上链后未经篡改，但有相反证据足以推翻的除外。',
      answers: [
        { number: 1, party: 'defendant', late: false },
        { number: 2, party: 'defendant', late: true },
      ],
    };
    expect(exchangeEventText(translators['zh-CN'], formats['zh-CN'], determination)).toMatchObject({
      line: '采纳',
      facts: ['答复被告的质证意见 1和被告的质证意见 2（逾期提交）'],
      texts: [{ label: '理由', text: '可以认定该电子数据上链后未经篡改，但有相反证据足以推翻的除外。' }],
    });
    expect(exchangeEventText(translators.en, formats.en, determination)).toMatchObject({
      line: 'Admitted',
      facts: ['Answers the defendant’s opinion 1 and the defendant’s opinion 2 (lodged late)'],
    });
    expect(
      exchangeEventText(translators['zh-CN'], formats['zh-CN'], {
        ...determination,
        outcome: 'expert_review',
        answers: [],
      }),
    ).toMatchObject({ line: '需委托鉴定', facts: [] });
  });

  it('a deadline set, changed and removed', () => {
    const zhT = translators['zh-CN'];
    const set = { kind: 'deadline', from: null, to: '2026-12-20T15:59:59.999Z' } as const;
    expect(exchangeEventText(zhT, formats['zh-CN'], set)).toMatchObject({
      line: '质证期限：<2026-12-20>（北京时间）',
      facts: [],
    });
    expect(exchangeEventText(zhT, formats['zh-CN'], { ...set, from: '2026-12-10T15:59:59.999Z' }).facts).toEqual([
      '原期限：<2026-12-10>（北京时间）',
    ]);
    expect(exchangeEventText(zhT, formats['zh-CN'], { kind: 'deadline', from: set.to, to: null }).line).toBe(
      '质证期限已取消',
    );
    expect(exchangeEventText(translators.en, formats.en, { kind: 'deadline', from: set.to, to: null })).toMatchObject({
      line: 'Deadline for opinions removed',
      facts: ['Before: <2026-12-20> (Beijing time)'],
    });
  });
});
