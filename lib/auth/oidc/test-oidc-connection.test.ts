import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isAppError } from '@/lib/errors/app-error';
import { buildUser } from '@/test/builders';
import { type OidcTestProvider, startOidcTestProvider } from '@/test/oidc/oidc-test-provider';
import { testOidcConnection } from './test-oidc-connection';

/** A server that answers every request with `status`, `type` and `body`. */
async function startFixedServer(
  status: number,
  type: string,
  body: string,
): Promise<{ url: string; stop: () => void }> {
  const server = http.createServer((_req, res) => res.writeHead(status, { 'content-type': type }).end(body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stop: () => server.close() };
}

describe('testOidcConnection', () => {
  let provider: OidcTestProvider;
  let admin: Awaited<ReturnType<typeof buildUser>>['actor'];

  beforeAll(async () => {
    vi.stubEnv('VERITY_OIDC_ALLOW_HTTP_LOOPBACK', 'true');
    provider = await startOidcTestProvider({ redirectUris: ['http://127.0.0.1:1/api/auth/callback/oidc'] });
    admin = (await buildUser({ role: 'admin' })).actor;
  });
  afterAll(async () => {
    await provider?.stop();
    vi.unstubAllEnvs();
  });

  it("reads a real provider's discovery document and signing keys", async () => {
    const result = await testOidcConnection(admin, { issuer: provider.issuer, emailClaim: 'email' });
    expect(result).toEqual({
      ok: true,
      discoveryUrl: `${provider.issuer}/.well-known/openid-configuration`,
      issuer: provider.issuer,
      authorizationEndpoint: `${provider.issuer}/auth`,
      tokenEndpoint: `${provider.issuer}/token`,
      userinfoEndpoint: `${provider.issuer}/me`,
      signingKeys: 1,
      emailClaimListed: true,
    });
    expect(await testOidcConnection(admin, { issuer: provider.issuer, emailClaim: 'employeeMail' })).toMatchObject({
      ok: true,
      emailClaimListed: false,
    });
  });

  it('says when the document names another issuer (a trailing slash is enough)', async () => {
    const result = await testOidcConnection(admin, { issuer: `${provider.issuer}/` });
    expect(result).toMatchObject({ ok: false, problem: 'ISSUER_MISMATCH' });
    expect(result.ok === false && result.detail).toContain(`"${provider.issuer}"`);
  });

  it('says when nothing answers, or answers with an error status or something other than a discovery document', async () => {
    const closed = await startFixedServer(200, 'text/plain', '');
    closed.stop();
    expect(await testOidcConnection(admin, { issuer: closed.url })).toMatchObject({
      ok: false,
      problem: 'UNREACHABLE',
      detail: expect.stringContaining('ECONNREFUSED'),
    });

    expect(await testOidcConnection(admin, { issuer: `${provider.issuer}/no/such/realm` })).toMatchObject({
      ok: false,
      problem: 'HTTP_STATUS',
      detail: expect.stringContaining('HTTP 404'),
    });

    const html = await startFixedServer(200, 'text/html', '<html>sign in</html>');
    const json = await startFixedServer(200, 'application/json', JSON.stringify({ issuer: 'x' }));
    try {
      expect(await testOidcConnection(admin, { issuer: html.url })).toMatchObject({ ok: false, problem: 'NOT_JSON' });
      expect(await testOidcConnection(admin, { issuer: json.url })).toMatchObject({
        ok: false,
        problem: 'NOT_DISCOVERY',
        detail: expect.stringContaining('authorization_endpoint'),
      });
    } finally {
      html.stop();
      json.stop();
    }
  });

  it('is for administrators only, and validates the issuer first', async () => {
    for (const role of ['judge', 'clerk', 'litigant', 'depositor'] as const) {
      const { actor } = await buildUser({ role });
      await expect(testOidcConnection(actor, { issuer: provider.issuer })).rejects.toSatisfy((e) =>
        isAppError(e, 'FORBIDDEN'),
      );
    }
    for (const issuer of ['http://id.court.example', 'not a url', '']) {
      await expect(testOidcConnection(admin, { issuer }), issuer).rejects.toSatisfy((e) =>
        isAppError(e, 'VALIDATION_FAILED'),
      );
    }
  });
});
