import { afterEach, describe, expect, it } from 'vitest';
import { certificateCheckUrl, publicOrigin } from './check-url';

const saved = process.env.NEXTAUTH_URL;
afterEach(() => {
  if (saved === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = saved;
});

describe('publicOrigin', () => {
  it('is the origin of NEXTAUTH_URL whatever the request says (a proxy’s inner host, a forged Host)', () => {
    process.env.NEXTAUTH_URL = 'https://verity.court.example/api/auth';
    expect(publicOrigin('http://10.0.0.7:3000/api/v1/certificates/x/pdf')).toBe('https://verity.court.example');
    expect(publicOrigin()).toBe('https://verity.court.example');
  });

  it('falls back to the request’s origin without NEXTAUTH_URL, and refuses to guess without either', () => {
    delete process.env.NEXTAUTH_URL;
    expect(publicOrigin('http://127.0.0.1:41234/api/v1/certificates/x/pdf')).toBe('http://127.0.0.1:41234');
    expect(() => publicOrigin()).toThrow(/NEXTAUTH_URL is not set/);
  });

  it('refuses a URL that is not http(s)', () => {
    delete process.env.NEXTAUTH_URL;
    expect(() => publicOrigin('ftp://example.org/x')).toThrow(/http\(s\)/);
  });
});

describe('certificateCheckUrl', () => {
  it('is <origin>/certificates/<id>', () => {
    const id = '0b0e7f52-3c1a-4c5e-9a51-6a3b2f1d9e77';
    expect(certificateCheckUrl('https://verity.court.example', id)).toBe(
      `https://verity.court.example/certificates/${id}`,
    );
    expect(certificateCheckUrl('http://127.0.0.1:3000/', id)).toBe(`http://127.0.0.1:3000/certificates/${id}`);
  });
});
