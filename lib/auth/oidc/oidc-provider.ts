import 'server-only';
/**
 * The court's identity system as a next-auth (v4) provider, built from the stored configuration
 * for each request (auth-options-for-request.ts). next-auth's own OpenID Connect support does the
 * protocol (openid-client): discovery from the issuer's well-known document, the authorization
 * code flow with PKCE (S256), `state` and `nonce` checked on the callback, the ID token's
 * signature, issuer, audience, expiry and nonce validated. Ours is only the mapping: the ID
 * token's claims (with the userinfo endpoint's, when it has one, for providers that put the
 * e-mail address there) → the Verity account (find-oidc-account.ts).
 *
 * OpenID Connect Core 1.0: https://openid.net/specs/openid-connect-core-1_0.html
 */
import type { CallbacksOptions, User } from 'next-auth';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { findOidcAccount, type OidcRefusal } from './find-oidc-account';
import type { OidcClientConfig } from './get-oidc-config';
import { discoveryUrl } from './oidc-config.schema';

/** The provider's id in next-auth's URLs: /api/auth/signin/oidc, /api/auth/callback/oidc. */
export const OIDC_PROVIDER_ID = 'oidc';

/** What the sign-in page is told (`/sign-in?error=…`) when a sign-in through the provider is refused. */
export type OidcSignInError = OidcRefusal | 'OIDC_FAILED';

/** The redirect URI to register with the court's identity system. */
export function oidcRedirectUri(portalUrl = process.env.NEXTAUTH_URL ?? 'http://localhost:3000'): string {
  return `${portalUrl.replace(/\/+$/, '')}/api/auth/callback/${OIDC_PROVIDER_ID}`;
}

type Claims = Record<string, unknown>;

/** next-auth's User for a mapped sign-in; a refused one carries why (read by oidcSignInCallback). */
interface OidcUser extends User {
  oidcRefusal?: OidcSignInError;
}

function refused(code: OidcSignInError): OidcUser {
  // next-auth requires an id; this one never reaches a token: the sign-in callback stops it.
  return { id: 'refused', role: 'litigant', oidcRefusal: code };
}

export function oidcProvider(config: OidcClientConfig): OAuthConfig<Claims> {
  return {
    id: OIDC_PROVIDER_ID,
    name: config.displayNameEn,
    type: 'oauth',
    wellKnown: discoveryUrl(config.issuer),
    issuer: config.issuer,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    client: { token_endpoint_auth_method: 'client_secret_basic' },
    authorization: { params: { scope: 'openid email profile' } },
    idToken: true,
    checks: ['pkce', 'state', 'nonce'],
    httpOptions: { timeout: 10_000 },
    userinfo: {
      // After next-auth validated the ID token. Its claims win over the userinfo answer's (they are
      // signed), and an answer about another `sub` is refused (Core 1.0 §5.3.2).
      async request({ tokens, client }) {
        const { claims, access_token: accessToken } = tokens as unknown as { claims(): Claims; access_token?: string };
        const idClaims = claims.call(tokens);
        if (!client.issuer.metadata.userinfo_endpoint || !accessToken) return idClaims;
        const info = (await client.userinfo(accessToken)) as Claims;
        if (info.sub !== idClaims.sub)
          throw new Error('the userinfo answer is about another subject than the ID token');
        return { ...info, ...idClaims };
      },
    },
    async profile(claims): Promise<OidcUser> {
      // The discovery document names the issuer the ID token was checked against; it must be the
      // configured one (Discovery 1.0 §4.3), not whatever a document at that address claims.
      if (claims.iss !== config.issuer) return refused('OIDC_FAILED');
      const result = await findOidcAccount(claims, { emailClaim: config.emailClaim });
      if (!result.ok) return refused(result.code);
      const { actor } = result;
      return { id: actor.id, email: actor.email, name: actor.name, role: actor.role };
    },
  };
}

/**
 * next-auth's signIn callback for this provider: a refused mapping goes back to the sign-in page
 * with its reason; everything else (and every other provider) passes.
 */
export function oidcSignInCallback({ user, account }: Parameters<CallbacksOptions['signIn']>[0]): true | string {
  if (account?.provider !== OIDC_PROVIDER_ID) return true;
  const refusal = (user as OidcUser).oidcRefusal;
  return refusal ? `/sign-in?error=${refusal}` : true;
}
