import 'server-only';
/**
 * Writes out a queued mail in the recipient's language: the subject, a plain-text body and a
 * simple HTML body saying the same. The words are the portal's own (`messages/`, namespace
 * `mail`); the parameters (names, case numbers) are people's input, so the HTML escapes every
 * one of them, and the subject is one line. Links are the absolute ones the parameters carry
 * (on the portal's public URL; templates.schema.ts allows only http(s)).
 * @module
 */
// use-intl's core (next-intl's own formatter) rather than next-intl: this runs outside React too, in
// scripts under the react-server condition, where next-intl's entry pulls in React hooks.
import { createTranslator } from 'use-intl/core';
import { COURT_TIME_ZONE, type Locale } from '@/lib/i18n/config';
import en from '@/messages/en.json';
import zh from '@/messages/zh-CN.json';
import { MAIL_TEMPLATES, type MailParams, type MailTemplate } from './templates.schema';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** One piece of a mail: a paragraph, or a link with the words that lead to it. */
type Block = { kind: 'p'; text: string } | { kind: 'link'; label: string; href: string };

const MESSAGES = { 'zh-CN': zh, en } as const;

/** Subjects longer than this are cut (a notification's summary can be long). */
const MAX_SUBJECT = 150;

/**
 * Renders `template` with `params` (validated again here: they were read back from the
 * database) in `locale`. Throws a ZodError when the parameters do not fit the template.
 */
export function renderMail(template: MailTemplate, locale: Locale, params: unknown): RenderedMail {
  const t = createTranslator({ locale, messages: MESSAGES[locale] });
  const instant = (iso: string) =>
    t('mail.beijingTime', {
      time: new Intl.DateTimeFormat(locale, {
        dateStyle: 'long',
        timeStyle: 'short',
        timeZone: COURT_TIME_ZONE,
        hourCycle: 'h23',
      }).format(new Date(iso)),
    });

  let subject: string;
  let blocks: Block[];
  switch (template) {
    case 'invitation': {
      const p: MailParams<'invitation'> = MAIL_TEMPLATES.invitation.parse(params);
      subject = t('mail.invitation.subject', { courtName: p.courtName });
      blocks = [
        { kind: 'p', text: t('mail.greetingAnonymous') },
        {
          kind: 'p',
          text: p.caseNumber
            ? t('mail.invitation.bodyCase', {
                inviterName: p.inviterName,
                caseNumber: p.caseNumber,
                courtName: p.courtName,
              })
            : t('mail.invitation.body', {
                inviterName: p.inviterName,
                courtName: p.courtName,
                role: t(`roles.${p.role}`),
              }),
        },
        { kind: 'link', label: t('mail.invitation.action'), href: p.link },
        { kind: 'p', text: t('mail.invitation.expires', { expiresAt: instant(p.expiresAt) }) },
      ];
      break;
    }
    case 'password-reset': {
      const p: MailParams<'password-reset'> = MAIL_TEMPLATES['password-reset'].parse(params);
      subject = t('mail.passwordReset.subject');
      blocks = [
        { kind: 'p', text: t('mail.greeting', { name: p.name }) },
        { kind: 'p', text: t('mail.passwordReset.body') },
        { kind: 'link', label: t('mail.passwordReset.action'), href: p.link },
        { kind: 'p', text: t('mail.passwordReset.expires', { expiresAt: instant(p.expiresAt) }) },
      ];
      break;
    }
    case 'notification': {
      const p: MailParams<'notification'> = MAIL_TEMPLATES.notification.parse(params);
      subject = t('mail.notification.subject', { summary: p.summary });
      blocks = [
        { kind: 'p', text: t('mail.greeting', { name: p.name }) },
        { kind: 'p', text: p.summary },
        { kind: 'link', label: t('mail.notification.action'), href: p.link },
        { kind: 'p', text: t('mail.notification.why') },
      ];
      break;
    }
  }
  blocks.push({ kind: 'p', text: t('mail.footer') });
  return { subject: oneLine(subject), text: toText(blocks, locale), html: toHtml(blocks, locale, oneLine(subject)) };
}

/** A subject is one line of at most MAX_SUBJECT characters (a name may hold a line break). */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= MAX_SUBJECT ? flat : `${chars.slice(0, MAX_SUBJECT - 1).join('')}…`;
}

function toText(blocks: readonly Block[], locale: Locale): string {
  const colon = locale === 'zh-CN' ? '：' : ':';
  return `${blocks.map((b) => (b.kind === 'p' ? b.text : `${b.label}${colon}\n${b.href}`)).join('\n\n')}\n`;
}

/** Escapes text for HTML content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function toHtml(blocks: readonly Block[], locale: Locale, subject: string): string {
  const body = blocks
    .map((b) =>
      b.kind === 'p'
        ? `<p style="margin:0 0 16px">${escapeHtml(b.text).replace(/\n/g, '<br>')}</p>`
        : `<p style="margin:0 0 16px"><a href="${escapeHtml(b.href)}" style="color:#1d3f73;font-weight:bold">${escapeHtml(b.label)}</a><br><span style="font-size:13px;color:#475569;word-break:break-all">${escapeHtml(b.href)}</span></p>`,
    )
    .join('\n');
  return [
    '<!DOCTYPE html>',
    `<html lang="${locale}">`,
    `<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;padding:24px;font-family:sans-serif;font-size:16px;line-height:1.5;color:#0f172a">',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
