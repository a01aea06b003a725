import 'server-only';
/**
 * next-auth's options for one request of /api/auth/*: lib/auth/auth-options.ts as it is, plus the
 * court's identity system when an administrator configured and enabled it. Built per request
 * (next-auth v4 takes options per call in a route handler), so a change in the admin page holds at
 * the next sign-in, in every process, without a restart. Kept apart from auth-options.ts so that
 * the password sign-in and the session callbacks stay in one place.
 */
import type { CallbacksOptions, NextAuthOptions } from 'next-auth';
import { authOptions } from '../auth-options';
import { loadOidcClientConfig, type OidcClientConfig } from './get-oidc-config';
import { oidcProvider, oidcSignInCallback } from './oidc-provider';

export async function authOptionsForRequest(): Promise<NextAuthOptions> {
  return authOptionsWithOidc(await loadOidcClientConfig());
}

/** authOptions with the provider of `config` (none when null) and its sign-in callback before any other. */
export function authOptionsWithOidc(
  config: OidcClientConfig | null,
  base: NextAuthOptions = authOptions,
): NextAuthOptions {
  const next = base.callbacks?.signIn;
  const signIn: CallbacksOptions['signIn'] = async (params) => {
    const ours = oidcSignInCallback(params);
    if (ours !== true) return ours;
    return next ? next(params) : true;
  };
  return {
    ...base,
    providers: config ? [...base.providers, oidcProvider(config)] : base.providers,
    callbacks: { ...base.callbacks, signIn },
  };
}
