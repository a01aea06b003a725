import 'server-only';
/**
 * "Test the connection" on the admin page: fetches the issuer's discovery document (OpenID
 * Connect Discovery 1.0 §4) and its signing keys, and says plainly what works and what does not,
 * before anyone depends on it. Administrators only: it makes the server fetch a URL they type.
 */
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { discoveryUrl, issuerUrlProblem, ZEmailClaim, ZIssuer } from './oidc-config.schema';

export const ZTestOidcConnection = z.strictObject({ issuer: ZIssuer, emailClaim: ZEmailClaim.optional() });
export type TestOidcConnectionOptions = z.input<typeof ZTestOidcConnection>;

export type OidcConnectionProblem =
  | 'UNREACHABLE'
  | 'HTTP_STATUS'
  | 'NOT_JSON'
  | 'NOT_DISCOVERY'
  | 'ISSUER_MISMATCH'
  | 'INSECURE_ENDPOINT'
  | 'NO_CODE_FLOW'
  | 'NO_PKCE_S256'
  | 'NO_KEYS';

export type OidcConnectionTest =
  | {
      ok: true;
      discoveryUrl: string;
      issuer: string;
      authorizationEndpoint: string;
      tokenEndpoint: string;
      userinfoEndpoint: string | null;
      signingKeys: number;
      /** Whether the provider lists the e-mail claim among its claims; null when it lists none. */
      emailClaimListed: boolean | null;
    }
  | { ok: false; discoveryUrl: string; problem: OidcConnectionProblem; detail: string };

const TIMEOUT_MS = 5_000;
const MAX_BYTES = 512 * 1024;

const ZDiscovery = z.object({
  issuer: z.string(),
  authorization_endpoint: z.string(),
  token_endpoint: z.string(),
  jwks_uri: z.string(),
  userinfo_endpoint: z.string().optional(),
  response_types_supported: z.array(z.string()),
  code_challenge_methods_supported: z.array(z.string()).optional(),
  claims_supported: z.array(z.string()).optional(),
});
const ZJwks = z.object({ keys: z.array(z.object({ kty: z.string() }).loose()) });

class Problem extends Error {
  constructor(
    readonly problem: OidcConnectionProblem,
    readonly detail: string,
  ) {
    super(detail);
  }
}

async function fetchJson(url: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Problem('UNREACHABLE', `${url}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    const location = response.headers.get('location');
    throw new Problem('HTTP_STATUS', `${url}: HTTP ${response.status}${location ? ` → ${location}` : ''}`);
  }
  const bytes = await readAtMost(response, MAX_BYTES);
  if (bytes === null) throw new Problem('NOT_JSON', `${url}: larger than ${MAX_BYTES} bytes`);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new Problem('NOT_JSON', `${url}: the answer is not JSON`);
  }
}

async function readAtMost(response: Response, limit: number): Promise<Uint8Array | null> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
}

export async function testOidcConnection(
  actor: Actor,
  options: TestOidcConnectionOptions,
): Promise<OidcConnectionTest> {
  if (actor.role !== 'admin') {
    throw new AppError('FORBIDDEN', "Only administrators may test the court's sign-in configuration.");
  }
  const { issuer, emailClaim } = parseInput(ZTestOidcConnection, options);
  const url = discoveryUrl(issuer);
  try {
    const parsed = ZDiscovery.safeParse(await fetchJson(url));
    if (!parsed.success) {
      const missing = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
      throw new Problem('NOT_DISCOVERY', `not an OpenID Connect discovery document (missing or wrong: ${missing})`);
    }
    const doc = parsed.data;
    if (doc.issuer !== issuer) {
      throw new Problem('ISSUER_MISMATCH', `the document names the issuer "${doc.issuer}"; enter exactly that`);
    }
    const endpoints = [doc.authorization_endpoint, doc.token_endpoint, doc.jwks_uri, doc.userinfo_endpoint];
    for (const endpoint of endpoints) {
      const problem = endpoint === undefined ? null : issuerUrlProblem(endpoint);
      // A query is allowed in an endpoint; only the scheme and credentials matter here.
      if (problem && !problem.includes('query')) throw new Problem('INSECURE_ENDPOINT', `${endpoint} ${problem}`);
    }
    if (!doc.response_types_supported.includes('code')) {
      throw new Problem('NO_CODE_FLOW', `response_types_supported: ${doc.response_types_supported.join(' ')}`);
    }
    const pkce = doc.code_challenge_methods_supported;
    if (pkce && !pkce.includes('S256')) {
      throw new Problem('NO_PKCE_S256', `code_challenge_methods_supported: ${pkce.join(' ')}`);
    }
    const jwks = ZJwks.safeParse(await fetchJson(doc.jwks_uri));
    if (!jwks.success || jwks.data.keys.length === 0) throw new Problem('NO_KEYS', doc.jwks_uri);
    return {
      ok: true,
      discoveryUrl: url,
      issuer: doc.issuer,
      authorizationEndpoint: doc.authorization_endpoint,
      tokenEndpoint: doc.token_endpoint,
      userinfoEndpoint: doc.userinfo_endpoint ?? null,
      signingKeys: jwks.data.keys.length,
      emailClaimListed: doc.claims_supported ? doc.claims_supported.includes(emailClaim ?? 'email') : null,
    };
  } catch (error) {
    if (error instanceof Problem) return { ok: false, discoveryUrl: url, problem: error.problem, detail: error.detail };
    throw error;
  }
}
