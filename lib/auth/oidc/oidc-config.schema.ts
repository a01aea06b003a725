import 'server-only';
/**
 * What an administrator may store as the court's identity system (OpenID Connect Core 1.0 and
 * Discovery 1.0): the issuer's URL, the client registered there, which claim carries the e-mail
 * address, and the button's name in both languages. Validated here, at the one edge where it is
 * written (set-oidc-config.ts) and where an issuer is tested (test-oidc-connection.ts).
 * @module
 */
import { z } from 'zod';
import { plainText } from '@/lib/text/plain-text';

/** Loopback hosts: the only ones an `http:` issuer may name, and only when tests allow it. */
function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Tests run a real provider on a loopback port without TLS (test/oidc); they set
 * VERITY_OIDC_ALLOW_HTTP_LOOPBACK=true. A court's portal never does: its issuer must be https.
 */
export function httpLoopbackAllowed(): boolean {
  return process.env.VERITY_OIDC_ALLOW_HTTP_LOOPBACK === 'true';
}

/** Why `url` cannot be an issuer (or an endpoint it announces), or null when it can. */
export function issuerUrlProblem(url: string, allowHttpLoopback = httpLoopbackAllowed()): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an absolute URL such as https://id.court.example';
  }
  const loopbackHttp = parsed.protocol === 'http:' && allowHttpLoopback && isLoopbackHost(parsed.hostname);
  if (parsed.protocol !== 'https:' && !loopbackHttp) return 'must start with https://';
  if (parsed.username || parsed.password) return 'must not contain a user name or password';
  if (parsed.search || parsed.hash) return 'must not have a query (?…) or fragment (#…)';
  return null;
}

/** The issuer identifier exactly as the provider's discovery document states it. */
export const ZIssuer = z
  .string({ message: 'issuer must be a string' })
  .trim()
  .min(1, { message: 'issuer must not be empty', abort: true })
  .max(500, { message: 'issuer must be at most 500 characters', abort: true })
  .superRefine((value, ctx) => {
    const problem = issuerUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `issuer ${problem}` });
  });

/** The discovery document of `issuer` (Discovery 1.0 §4: any terminating "/" removed first). */
export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

function displayName(what: string) {
  return z
    .string({ message: `${what} must be a string` })
    .trim()
    .min(1, { message: `${what} must not be empty`, abort: true })
    .max(100, `${what} must be at most 100 characters`)
    .superRefine(plainText(what));
}

export const ZEmailClaim = z
  .string({ message: 'emailClaim must be a string' })
  .trim()
  .regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'emailClaim must be a claim name such as email or upn');

export const ZSetOidcConfig = z.strictObject({
  enabled: z.boolean({ message: 'enabled must be true or false' }),
  issuer: ZIssuer,
  clientId: z
    .string({ message: 'clientId must be a string' })
    .trim()
    .min(1, { message: 'clientId must not be empty', abort: true })
    .max(500, 'clientId must be at most 500 characters')
    .superRefine(plainText('clientId')),
  /** Empty or absent: keep the stored secret (there must be one). Never trimmed: it is the secret. */
  clientSecret: z
    .string({ message: 'clientSecret must be a string' })
    .max(1000, 'clientSecret must be at most 1000 characters')
    .optional()
    .transform((value) => (value === '' ? undefined : value)),
  emailClaim: ZEmailClaim,
  displayNameZh: displayName('displayNameZh'),
  displayNameEn: displayName('displayNameEn'),
});
export type SetOidcConfigOptions = z.input<typeof ZSetOidcConfig>;
