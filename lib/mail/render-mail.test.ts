import { describe, expect, it } from 'vitest';
import { LOCALES } from '@/lib/i18n/config';
import { escapeHtml, renderMail } from './render-mail';
import { MAIL_TEMPLATES, type MailTemplate } from './templates.schema';

const HOSTILE = `<script>alert("x")</script> & 'Bob' <img src=x onerror=alert(1)>`;
const LINK = 'https://verity.court.example/invite/abc?x=1&y=<2>';

const PARAMS: { [T in MailTemplate]: unknown } = {
  invitation: {
    inviterName: HOSTILE,
    courtName: `北京互联网法院 ${HOSTILE}`,
    role: 'judge',
    link: LINK,
    expiresAt: '2026-12-13T04:00:00.000Z',
  },
  'password-reset': { name: HOSTILE, link: LINK, expiresAt: '2026-12-06T12:30:00.000Z' },
  notification: { name: HOSTILE, summary: `The defendant submitted exhibit 2 ${HOSTILE}`, link: LINK },
};

const CHINESE = /[\u4e00-\u9fff]/;

describe('renderMail', () => {
  it('has a case for every template', () => {
    expect(Object.keys(PARAMS).sort()).toEqual(Object.keys(MAIL_TEMPLATES).sort());
  });

  for (const template of Object.keys(MAIL_TEMPLATES) as MailTemplate[]) {
    for (const locale of LOCALES) {
      it(`writes ${template} in ${locale}: subject, text and escaped HTML`, () => {
        const mail = renderMail(template, locale, PARAMS[template]);
        // One line, in the recipient's language.
        expect(mail.subject).not.toMatch(/\n/);
        expect(mail.subject.length).toBeGreaterThan(5);
        if (locale === 'zh-CN') {
          expect(mail.subject).toMatch(CHINESE);
          expect(mail.text).toMatch(/此邮件由法院电子证据核验平台 Verity 自动发送/);
        } else {
          expect(mail.text).toMatch(/This e-mail was sent automatically by Verity/);
          expect(mail.text.replace(HOSTILE, '').replace(/北京互联网法院/g, '')).not.toMatch(CHINESE);
        }
        // The plain text carries the link whole and the names as typed.
        expect(mail.text).toContain(LINK);
        expect(mail.text).toContain(HOSTILE);
        // The HTML never carries a name's markup, only its escaped text.
        expect(mail.html).not.toContain('<script');
        expect(mail.html).not.toContain('<img');
        expect(mail.html).toContain(escapeHtml(HOSTILE));
        expect(mail.html).toContain(`href="${escapeHtml(LINK)}"`);
        expect(mail.html).toContain(`<html lang="${locale}">`);
      });
    }
  }

  it('writes an invitation to a case with its number, and times in Beijing time', () => {
    const params = {
      inviterName: '李书记员',
      courtName: '北京互联网法院',
      role: 'litigant',
      caseNumber: '（2026）京0491民初1234号',
      link: 'https://verity.court.example/invite/t',
      expiresAt: '2026-12-13T04:00:00.000Z',
    };
    const zh = renderMail('invitation', 'zh-CN', params);
    expect(zh.text).toContain('李书记员邀请您参加北京互联网法院的案件（2026）京0491民初1234号');
    expect(zh.text).toContain('12:00（北京时间）');
    const en = renderMail('invitation', 'en', params);
    expect(en.text).toContain('invites you to case （2026）京0491民初1234号 at 北京互联网法院');
    expect(en.text).toContain('12:00 (Beijing time)');
    // Without a case: the role, in the recipient's words.
    const judge = renderMail('invitation', 'zh-CN', { ...params, role: 'judge', caseNumber: undefined });
    expect(judge.text).toContain('以法官身份');
  });

  it('keeps a long summary out of a long subject', () => {
    const mail = renderMail('notification', 'en', {
      name: 'A',
      summary: `Line one\nline two ${'x'.repeat(400)}`,
      link: 'https://verity.court.example/notifications',
    });
    expect(mail.subject.startsWith('Verity: Line one line two')).toBe(true);
    expect([...mail.subject].length).toBeLessThanOrEqual(150);
  });

  it('refuses parameters that do not fit the template', () => {
    expect(() => renderMail('password-reset', 'en', { name: 'A' })).toThrow();
    expect(() => renderMail('notification', 'en', { name: 'A', summary: 's', link: 'javascript:alert(1)' })).toThrow();
    expect(() => renderMail('invitation', 'zh-CN', { ...(PARAMS.invitation as object), extra: 1 })).toThrow();
  });

  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;/a&#62;',
    );
  });
});
