import { describe, expect, it } from 'vitest';
import { parseServerEnv } from './server-env';

describe('parseServerEnv', () => {
  it('applies the defaults of the embedded setup', () => {
    expect(parseServerEnv({})).toEqual({
      VERITY_DATA_DIR: '.data',
      PORT: 3000,
      HOST: '0.0.0.0',
      VERITY_PG_PORT: 54329,
      VERITY_ANCHOR_CONFIRMATIONS: 1,
      VERITY_ANCHOR_INTERVAL_SECONDS: 60,
      VERITY_ANCHOR_EVERY_LEAVES: 10_000,
    });
  });

  it('treats empty values as unset', () => {
    expect(parseServerEnv({ DATABASE_URL: '', PORT: '' }).PORT).toBe(3000);
  });

  it('accepts a full external configuration', () => {
    const env = parseServerEnv({
      DATABASE_URL: 'postgresql://verity:pw@db.internal:5432/verity',
      PORT: '8080',
      NEXTAUTH_SECRET: 'x'.repeat(32),
      NEXTAUTH_URL: 'https://verity.example.court',
      VERITY_DEMO: 'false',
    });
    expect(env).toMatchObject({
      PORT: 8080,
      VERITY_DEMO: false,
      DATABASE_URL: 'postgresql://verity:pw@db.internal:5432/verity',
    });
  });

  it('names every bad variable and says what is expected', () => {
    let message = '';
    try {
      parseServerEnv({
        DATABASE_URL: 'mysql://x',
        PORT: '70000',
        VERITY_PG_PORT: 'abc',
        NEXTAUTH_SECRET: 'short',
        NEXTAUTH_URL: 'not a url',
        VERITY_DEMO: 'yes',
        VERITY_LOG_ORIGIN: 'has space',
        VERITY_LOG_SIGNER_KEY: 'not-a-key',
        VERITY_API_KEY_PEPPER: 'short',
        VERITY_MAX_UPLOAD_BYTES: '4GB',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('DATABASE_URL: must be a PostgreSQL URL');
    expect(message).toContain('PORT: must be between 1 and 65535');
    expect(message).toContain('VERITY_PG_PORT: must be a whole number');
    expect(message).toContain('NEXTAUTH_SECRET: must be at least 32 characters');
    expect(message).toContain('NEXTAUTH_URL: must be an absolute URL');
    expect(message).toContain('VERITY_DEMO: must be true or false');
    expect(message).toContain('VERITY_LOG_ORIGIN: must be a name without spaces');
    expect(message).toContain('VERITY_LOG_SIGNER_KEY: must be a signed-note signer key');
    expect(message).toContain('VERITY_API_KEY_PEPPER: must be base64url');
    expect(message).toContain('VERITY_MAX_UPLOAD_BYTES: must be a whole number of bytes');
  });
});
