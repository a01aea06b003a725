/**
 * The sender against a real SMTP server process (test/mail/smtp-test-server.ts, npm smtp-server):
 * delivery in the recipient's language, a refusing server, a server that is down and comes back,
 * and two senders at once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { closePool, getPool, withTransaction } from '@/lib/db/pool';
import type { Locale } from '@/lib/i18n/config';
import { buildUser, tag } from '@/test/builders';
import { startSmtpTestServer } from '@/test/mail/smtp-test-server';
import { queueMail } from './queue-mail';
import { resendMail } from './resend-mail';
import { type RetryPolicy, sendDueMail } from './send-due-mail';
import { createSmtpTransport } from './smtp-transport';

afterAll(() => closePool());

const FROM = 'Verity <no-reply@verity.court.example>';

async function queueReset(locale: Locale = 'en', name = 'Zhang San') {
  const to = `reset-${tag()}@example.com`;
  const link = `https://verity.court.example/reset/${tag()}`;
  const { id } = await withTransaction((c) =>
    queueMail(c, {
      to,
      locale,
      template: 'password-reset',
      params: { name, link, expiresAt: '2026-12-06T12:30:00.000Z' },
    }),
  );
  return { id, to, link };
}

const row = (id: string) => getDb().mailOutbox.findUniqueOrThrow({ where: { id } });

/** A port nothing listens on (a server was there a moment ago). */
async function freePort(): Promise<number> {
  const probe = await startSmtpTestServer();
  await probe.close();
  return probe.port;
}

const fast = (maxAttempts: number, delay = 150): RetryPolicy => ({ maxAttempts, delayMs: () => delay });

describe('sendDueMail through SMTP', () => {
  it('delivers a queued mail with its recipient, subject, language, text and HTML, and marks it sent', async () => {
    const smtp = await startSmtpTestServer();
    const transport = createSmtpTransport({ url: smtp.url, from: FROM });
    try {
      const en = await queueReset('en', 'O’Brien <b>');
      const zh = await queueReset('zh-CN', '张三');
      const report = await sendDueMail({ transport, onlyIds: [en.id, zh.id] });
      expect(report).toEqual({ sent: 2, retrying: 0, failed: 0 });

      const english = await smtp.waitFor((m) => m.to.includes(en.to));
      expect(english.to).toEqual([en.to]);
      expect(english.envelopeFrom).toBe('no-reply@verity.court.example');
      expect(english.from).toContain('no-reply@verity.court.example');
      expect(english.subject).toBe('Choose a new password for Verity');
      expect(english.language).toBe('en');
      expect(english.messageId).toBe(`<${en.id}@verity>`);
      expect(english.text).toContain('Dear O’Brien <b>,');
      expect(english.text).toContain(en.link);
      expect(english.html).toContain('Dear O&#8217;Brien &#60;b&#62;,'.replace('&#8217;', '’'));
      expect(english.html).not.toContain('<b>');
      expect(english.html).toContain(`href="${en.link}"`);

      const chinese = await smtp.waitFor((m) => m.to.includes(zh.to));
      expect(chinese.subject).toBe('设置新的 Verity 密码');
      expect(chinese.language).toBe('zh-CN');
      expect(chinese.text).toContain('张三，您好：');
      expect(chinese.html).toContain('<html lang="zh-CN">');

      for (const id of [en.id, zh.id]) {
        expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
        expect((await row(id)).sentAt).toBeInstanceOf(Date);
      }
      // Sent rows are not sent again.
      expect(await sendDueMail({ transport, onlyIds: [en.id, zh.id] })).toEqual({ sent: 0, retrying: 0, failed: 0 });
      expect(smtp.messages().filter((m) => m.to.includes(en.to))).toHaveLength(1);
    } finally {
      await transport.close();
      await smtp.close();
    }
  });

  it('signs in to a server that wants credentials; wrong credentials are a permanent refusal', async () => {
    const smtp = await startSmtpTestServer({ auth: { user: 'verity', pass: 'p@ss word' } });
    const good = createSmtpTransport({ url: smtp.url, from: FROM });
    const bad = createSmtpTransport({ url: smtp.url.replace('p%40ss%20word', 'wrong'), from: FROM });
    try {
      const ok = await queueReset();
      expect(await sendDueMail({ transport: good, onlyIds: [ok.id] })).toMatchObject({ sent: 1 });
      await smtp.waitFor((m) => m.to.includes(ok.to));
      const refused = await queueReset();
      expect(await sendDueMail({ transport: bad, onlyIds: [refused.id] })).toMatchObject({ failed: 1 });
      expect(await row(refused.id)).toMatchObject({ status: 'failed', attempts: 1 });
      expect((await row(refused.id)).lastError).toMatch(/535/);
    } finally {
      await Promise.all([good.close(), bad.close()]);
      await smtp.close();
    }
  });

  it('marks a mail the server refuses (5xx) failed at once, keeps it, and an admin can send it again', async () => {
    const smtp = await startSmtpTestServer({ mode: 'refuse' });
    const transport = createSmtpTransport({ url: smtp.url, from: FROM });
    const admin = await buildUser({ role: 'admin' });
    const clerk = await buildUser({ role: 'clerk' });
    try {
      const mail = await queueReset();
      expect(await sendDueMail({ transport, policy: fast(5), onlyIds: [mail.id] })).toEqual({
        sent: 0,
        retrying: 0,
        failed: 1,
      });
      const failed = await row(mail.id);
      expect(failed).toMatchObject({ status: 'failed', attempts: 1, sentAt: null });
      expect(failed.lastError).toMatch(/550/);
      expect(smtp.messages()).toHaveLength(0);
      // A failed row is not picked up again by itself.
      expect(await sendDueMail({ transport, onlyIds: [mail.id] })).toEqual({ sent: 0, retrying: 0, failed: 0 });

      // Only an admin, and only a failed mail.
      await expect(resendMail(clerk.actor, mail.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(resendMail(admin.actor, 'not-an-id')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(resendMail(admin.actor, crypto.randomUUID())).rejects.toMatchObject({ code: 'NOT_FOUND' });

      smtp.setMode('accept');
      expect(await resendMail(admin.actor, mail.id)).toEqual({ id: mail.id, recipient: mail.to });
      expect(await row(mail.id)).toMatchObject({ status: 'queued', attempts: 0 });
      const event = await getDb().auditEvent.findFirst({ where: { action: 'mail.resent', subjectId: mail.id } });
      expect(event).toMatchObject({ actorId: admin.user.id, caseId: null });
      await expect(resendMail(admin.actor, mail.id)).rejects.toMatchObject({ code: 'CONFLICT' });

      expect(await sendDueMail({ transport, onlyIds: [mail.id] })).toMatchObject({ sent: 1 });
      const delivered = await smtp.waitFor((m) => m.to.includes(mail.to));
      expect(delivered.text).toContain(mail.link);
      expect(await row(mail.id)).toMatchObject({ status: 'sent', attempts: 1 });
      await expect(resendMail(admin.actor, mail.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    } finally {
      await transport.close();
      await smtp.close();
    }
  });

  it('retries a server that is down with back-off, and delivers when it comes back', async () => {
    const port = await freePort();
    const transport = createSmtpTransport({ url: `smtp://127.0.0.1:${port}`, from: FROM, timeoutMs: 3000 });
    const mail = await queueReset('zh-CN');
    const policy: RetryPolicy = { maxAttempts: 5, delayMs: (attempt) => 300 * attempt };
    try {
      const before = Date.now();
      expect(await sendDueMail({ transport, policy, onlyIds: [mail.id] })).toEqual({ sent: 0, retrying: 1, failed: 0 });
      let waiting = await row(mail.id);
      expect(waiting).toMatchObject({ status: 'queued', attempts: 1 });
      expect(waiting.lastError).toMatch(/ECONNREFUSED/);
      expect(waiting.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + 300 - 50);
      // Not due yet: nothing is tried.
      expect(await sendDueMail({ transport, policy, onlyIds: [mail.id] })).toEqual({ sent: 0, retrying: 0, failed: 0 });
      expect((await row(mail.id)).attempts).toBe(1);

      await new Promise((r) => setTimeout(r, 400));
      expect(await sendDueMail({ transport, policy, onlyIds: [mail.id] })).toMatchObject({ retrying: 1 });
      waiting = await row(mail.id);
      expect(waiting.attempts).toBe(2);
      // The second wait is longer than the first.
      expect(waiting.nextAttemptAt.getTime() - Date.now()).toBeGreaterThan(350);

      const smtp = await startSmtpTestServer({ port });
      try {
        await new Promise((r) => setTimeout(r, 700));
        expect(await sendDueMail({ transport, policy, onlyIds: [mail.id] })).toMatchObject({ sent: 1 });
        const delivered = await smtp.waitFor((m) => m.to.includes(mail.to));
        expect(delivered.language).toBe('zh-CN');
        expect(await row(mail.id)).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
      } finally {
        await smtp.close();
      }
    } finally {
      await transport.close();
    }
  });

  it('marks a mail failed once its attempts are used up; a 4xx answer is temporary', async () => {
    const smtp = await startSmtpTestServer({ mode: 'defer' });
    const transport = createSmtpTransport({ url: smtp.url, from: FROM });
    const mail = await queueReset();
    try {
      expect(await sendDueMail({ transport, policy: fast(2, 0), onlyIds: [mail.id] })).toMatchObject({
        retrying: 1,
        failed: 1,
      });
      const failed = await row(mail.id);
      expect(failed).toMatchObject({ status: 'failed', attempts: 2 });
      expect(failed.lastError).toMatch(/451/);
      expect(smtp.attempts()).toBe(2);
      expect(smtp.messages()).toHaveLength(0);
    } finally {
      await transport.close();
      await smtp.close();
    }
  });

  it('never delivers a row twice when two senders run at once', async () => {
    const smtp = await startSmtpTestServer();
    const a = createSmtpTransport({ url: smtp.url, from: FROM });
    const b = createSmtpTransport({ url: smtp.url, from: FROM });
    try {
      const mails: Array<Awaited<ReturnType<typeof queueReset>>> = [];
      for (let i = 0; i < 16; i++) mails.push(await queueReset(i % 2 ? 'en' : 'zh-CN'));
      const onlyIds = mails.map((m) => m.id);
      const [ra, rb] = await Promise.all([
        sendDueMail({ transport: a, onlyIds }),
        sendDueMail({ transport: b, onlyIds }),
      ]);
      expect(ra.sent + rb.sent).toBe(16);
      // Both took part (each takes one row at a time, so neither can take them all at once).
      expect(ra.sent).toBeGreaterThan(0);
      expect(rb.sent).toBeGreaterThan(0);
      const mine = smtp.messages().filter((m) => mails.some((x) => m.to.includes(x.to)));
      expect(mine).toHaveLength(16);
      expect(new Set(mine.map((m) => m.messageId)).size).toBe(16);
      const { rows } = await getPool().query<{ status: string; attempts: number }>(
        'SELECT status, attempts FROM mail_outbox WHERE id = ANY($1::uuid[])',
        [onlyIds],
      );
      expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await smtp.close();
    }
  });

  it('marks a row it cannot write out (parameters changed in the database) failed, sending nothing', async () => {
    const smtp = await startSmtpTestServer();
    const transport = createSmtpTransport({ url: smtp.url, from: FROM });
    try {
      const mail = await queueReset();
      await getPool().query(`UPDATE mail_outbox SET params = '{"name": "x"}'::jsonb WHERE id = $1`, [mail.id]);
      expect(await sendDueMail({ transport, onlyIds: [mail.id] })).toEqual({ sent: 0, retrying: 0, failed: 1 });
      const failed = await row(mail.id);
      expect(failed.status).toBe('failed');
      expect(failed.lastError).toMatch(/^cannot render/);
      expect(smtp.attempts()).toBe(0);
    } finally {
      await transport.close();
      await smtp.close();
    }
  });
});
