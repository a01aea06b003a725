import { describe, expect, it } from 'vitest';
import { defaultMailFrom, mailTransportFromEnv, smtpHostFromEnv } from './mail-transport-from-env';

describe('mailTransportFromEnv', () => {
  it('is the local mailbox without VERITY_SMTP_URL, SMTP with it', async () => {
    expect(mailTransportFromEnv({}).kind).toBe('mailbox');
    const smtp = mailTransportFromEnv({ VERITY_SMTP_URL: 'smtp://u:secret@mail.court.example:587' });
    expect(smtp.kind).toBe('smtp');
    await smtp.close();
  });

  it('names the SMTP host for the admin page, never the credentials', () => {
    expect(smtpHostFromEnv({ VERITY_SMTP_URL: 'smtp://u:secret@mail.court.example:587' })).toBe(
      'mail.court.example:587',
    );
    expect(smtpHostFromEnv({ VERITY_SMTP_URL: 'smtps://mail.court.example' })).toBe('mail.court.example');
    expect(smtpHostFromEnv({})).toBeNull();
  });

  it('sends from no-reply at the public URL’s host by default', () => {
    expect(defaultMailFrom({ NEXTAUTH_URL: 'https://verity.court.example/x' })).toBe(
      'Verity <no-reply@verity.court.example>',
    );
    expect(defaultMailFrom({})).toBe('Verity <no-reply@localhost>');
  });
});
