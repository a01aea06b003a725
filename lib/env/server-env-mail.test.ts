/** The e-mail settings of issue #16 (kept apart from server-env.test.ts so merges stay simple). */
import { describe, expect, it } from 'vitest';
import { parseServerEnv } from './server-env';

describe('parseServerEnv: e-mail', () => {
  it('accepts smtp:// and smtps:// URLs and a sender with or without a name', () => {
    expect(
      parseServerEnv({ VERITY_SMTP_URL: 'smtp://user:p%40ss@mail.court.example:587', VERITY_MAIL_FROM: 'a@b.example' }),
    ).toMatchObject({ VERITY_SMTP_URL: 'smtp://user:p%40ss@mail.court.example:587', VERITY_MAIL_FROM: 'a@b.example' });
    expect(
      parseServerEnv({
        VERITY_SMTP_URL: 'smtps://mail.court.example:465',
        VERITY_MAIL_FROM: 'Verity <v@court.example>',
      }),
    ).toMatchObject({ VERITY_MAIL_FROM: 'Verity <v@court.example>' });
    expect(parseServerEnv({ VERITY_SMTP_URL: '' }).VERITY_SMTP_URL).toBeUndefined();
  });

  it('refuses another scheme and a sender that is not an address, naming the variable', () => {
    for (const [name, value] of [
      ['VERITY_SMTP_URL', 'http://mail.court.example'],
      ['VERITY_SMTP_URL', 'not a url'],
      ['VERITY_MAIL_FROM', 'Verity'],
      ['VERITY_MAIL_FROM', 'Verity <v@court.example>\r\nBcc: x@evil.example'],
    ] as const) {
      expect(() => parseServerEnv({ [name]: value }), `${name}=${value}`).toThrow(name);
    }
  });
});
