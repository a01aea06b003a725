/** The SMTP test server itself: it receives, parses, spools across processes, refuses, times out. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { readSpooledMail, startSmtpTestServer, waitForSpooledMail } from './smtp-test-server';

function send(url: string, to: string, subject = 'hello') {
  return nodemailer
    .createTransport(url)
    .sendMail({ from: 'a@example.com', to, subject, text: 'plain 文字', html: '<p>html</p>' });
}

describe('startSmtpTestServer', () => {
  it('receives and parses a message, and spools it for another process', async () => {
    const spoolFile = path.join(mkdtempSync(path.join(tmpdir(), 'smtp-spool-')), 'mail.jsonl');
    expect(await readSpooledMail(spoolFile)).toEqual([]);
    const smtp = await startSmtpTestServer({ spoolFile });
    try {
      expect(smtp.url).toBe(`smtp://127.0.0.1:${smtp.port}`);
      const waiting = smtp.waitFor((m) => m.subject === '你好');
      await send(smtp.url, 'B@Example.com', '你好');
      const mail = await waiting;
      expect(mail).toMatchObject({ to: ['b@example.com'], envelopeFrom: 'a@example.com', text: 'plain 文字' });
      expect(mail.html).toContain('<p>html</p>');
      const spooled = await waitForSpooledMail(spoolFile, (m) => m.subject === '你好', 5000);
      expect(spooled.receivedAt).toBeInstanceOf(Date);
      expect(spooled.to).toEqual(['b@example.com']);
      await expect(smtp.waitFor((m) => m.subject === 'never', 200)).rejects.toThrow(/no matching message/);
    } finally {
      await smtp.close();
    }
  });

  it('refuses with 550 or defers with 451 as told, counting attempts', async () => {
    const smtp = await startSmtpTestServer({ mode: 'refuse' });
    try {
      await expect(send(smtp.url, 'x@example.com')).rejects.toMatchObject({ responseCode: 550 });
      smtp.setMode('defer');
      await expect(send(smtp.url, 'x@example.com')).rejects.toMatchObject({ responseCode: 451 });
      expect(smtp.attempts()).toBe(2);
      expect(smtp.messages()).toEqual([]);
    } finally {
      await smtp.close();
    }
  });
});
