/**
 * A real OpenID Provider for tests: panva's `oidc-provider` (the certified implementation) on a
 * free loopback port, with one confidential client and the accounts a test defines. Its
 * development login form accepts any login name with any password; the account is the one whose
 * `login` was typed, and its claims are what the test gave (an unknown login gets no claims but
 * `sub`). The e-mail claims are released through the userinfo endpoint, as most providers do with
 * the code flow (the ID token carries `sub`), so the portal's mapping reads both.
 *
 * Used by the Vitest tests of lib/auth/oidc and by e2e/oidc/sign-in.spec.ts (started in the
 * Playwright worker; the e2e server and the browser reach it on loopback).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestAccount {
  /** What to type in the provider's login form; also the subject (`sub`). */
  login: string;
  /** The account's claims besides `sub`: email, email_verified, name, or any other (e.g. upn). */
  claims: Record<string, unknown>;
}

export interface OidcTestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Adds or replaces an account (tests make their own, with random addresses). */
  setAccount(account: TestAccount): void;
  stop(): Promise<void>;
}

export interface StartOidcTestProviderOptions {
  /** The client's registered redirect URIs (the portal's /api/auth/callback/oidc). */
  redirectUris: string[];
  accounts?: TestAccount[];
  /** Default: a free port. */
  port?: number;
}

export async function startOidcTestProvider(options: StartOidcTestProviderOptions): Promise<OidcTestProvider> {
  const accounts = new Map((options.accounts ?? []).map((a) => [a.login, a]));
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = `verity-test-${randomBytes(4).toString('hex')}`;
  const clientSecret = randomBytes(32).toString('base64url');
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: 'test-key', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'upn'] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    // Lifetimes stated (seconds), so the provider does not warn that its defaults are in use.
    ttl: { AccessToken: 600, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    async findAccount(_ctx, id) {
      return {
        accountId: id,
        async claims() {
          return { ...(accounts.get(id)?.claims ?? {}), sub: id };
        },
      };
    },
  });
  server.on('request', provider.callback());

  return {
    issuer,
    clientId,
    clientSecret,
    setAccount(account) {
      accounts.set(account.login, account);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
