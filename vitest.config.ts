import { availableParallelism } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // `server-only` throws outside React's server bundle; in tests the whole process is the server.
      { find: /^server-only$/, replacement: path.join(root, 'test', 'server-only-stub.ts') },
    ],
  },
  test: {
    // VERITY_VITEST_FIXTURE: one fixture instead (test/exit-code checks the suite's exit code with it).
    include: [
      process.env.VERITY_VITEST_FIXTURE ??
        '{bench,components,contracts,lib,packages,prisma,scripts,test,tools}/**/*.test.ts',
    ],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup-env.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one worker on CI's two cores, which then
    // sit half idle while tests wait on PostgreSQL, servers and child processes. Two workers took the
    // suite from 422 s to 274 s there (three: 254 s, with more contention for the timing-bound soak
    // tests). Tests make their own data with random identities, so files may run side by side.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
