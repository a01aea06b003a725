/**
 * next-auth's credentials sign-in over HTTP, as the sign-in form does it: the CSRF token and
 * its cookie first, then the form post. For tests against a running portal (test/cluster).
 */

export interface CredentialsAnswer {
  response: Response;
  /** Every cookie set along the way, by name. */
  cookies: Map<string, string>;
}

export async function postCredentials(
  url: string,
  credentials: { email: string; password: string },
  headers: Record<string, string> = {},
): Promise<CredentialsAnswer> {
  const cookies = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const csrf = await fetch(`${url}/api/auth/csrf`, { headers });
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${url}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(cookies) },
    body: new URLSearchParams({ csrfToken, ...credentials, json: 'true' }),
    redirect: 'manual',
  });
  keep(response);
  return { response, cookies };
}

/** The Cookie header that sends these cookies. */
export function cookieHeader(cookies: ReadonlyMap<string, string>): string {
  return [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}
