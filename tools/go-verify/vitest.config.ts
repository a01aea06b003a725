/**
 * Runs this folder's tests on their own. The root vitest.config.ts includes only
 * `{lib,prisma,scripts,test}/**`; until it also lists `tools/**`, run:
 *
 *     npx vitest run --config tools/go-verify/vitest.config.ts
 *
 * These tests need no database, so the root config's global setup (embedded PostgreSQL) is left out.
 */
import { defineConfig } from 'vitest/config';

const root = `${import.meta.dirname}/../..`;

export default defineConfig({
  root,
  resolve: { alias: [{ find: /^@\//, replacement: `${root}/` }] },
  test: {
    include: ['tools/go-verify/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
