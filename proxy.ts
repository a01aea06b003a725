/**
 * Runs before every page request: a fresh CSP nonce (Next.js applies it to its own scripts),
 * the Content-Security-Policy, and the request path for sign-in redirects.
 * Access control is not done here: it lives in the pages and in lib/.
 */
import { type NextRequest, NextResponse } from 'next/server';

/**
 * The origin of the chain endpoint the court publishes (VERITY_ANCHOR_PUBLIC_RPC_URL): the pages
 * read anchors from it by JSON-RPC, so the policy lets them connect there and nowhere else.
 */
export function publicRpcOrigin(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}

export function contentSecurityPolicy(nonce: string, dev: boolean, rpcOrigin: string | null = null): string {
  return [
    "default-src 'self'",
    // 'wasm-unsafe-eval' lets the hashing worker instantiate WebAssembly; nothing else is eval'd.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'${dev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self'${rpcOrigin ? ` ${rpcOrigin}` : ''}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function proxy(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const csp = contentSecurityPolicy(
    nonce,
    process.env.NODE_ENV === 'development',
    publicRpcOrigin(process.env.VERITY_ANCHOR_PUBLIC_RPC_URL),
  );
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', csp);
  requestHeaders.set('x-verity-path', request.nextUrl.pathname + request.nextUrl.search);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', csp);
  return response;
}

export const config = {
  matcher: [
    {
      // Not for the API, Next.js's static files and public/ (icons, robots.txt, .well-known): no page there.
      source: '/((?!api|_next/static|_next/image|favicon.ico|favicon.svg|robots.txt|.well-known/).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
