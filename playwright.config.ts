import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

// Workers re-evaluate this file; the port chosen by the main process reaches them through the environment.
if (!process.env.E2E_PORT) {
  const script =
    "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})";
  process.env.E2E_PORT = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim();
}
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT}`;
// Where the e2e server writes its environment (database, keys), so that a spec can make its own
// data through the domain functions (e2e/data). The server inherits this variable.
process.env.E2E_STATE_FILE ??= path.join(tmpdir(), `verity-e2e-${process.env.E2E_PORT}.json`);
// e2e/oidc runs a real OpenID Provider on a loopback port without TLS (test/oidc); the e2e server
// (which inherits this environment) accepts such an issuer. A court's portal never sets this.
process.env.VERITY_OIDC_ALLOW_HTTP_LOOPBACK ??= 'true';

/** Debian's Chromium (Playwright cannot download browsers here), with the flags this machine needs. */
export const chromiumLaunch = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};

export default defineConfig({
  testDir: 'e2e',
  // Separate folders let two suites run side by side on one checkout (see VERITY_E2E_DIST_DIR).
  outputDir: process.env.VERITY_E2E_OUTPUT_DIR ?? 'test-results',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  timeout: 30_000,
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunch,
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: /large-file\.spec\.ts/,
      use: { ...devices['Desktop Chrome'], launchOptions: chromiumLaunch },
    },
    // The 2 GiB memory and frame-gap test measures the page, so it runs alone, after everything else:
    // a second test in the other worker would be load it cannot tell from the page's own.
    {
      name: 'large-file',
      testMatch: /large-file\.spec\.ts/,
      dependencies: ['chromium'],
      use: { ...devices['Desktop Chrome'], launchOptions: chromiumLaunch },
    },
  ],
  webServer: {
    command: 'npx tsx --conditions=react-server scripts/e2e-server.ts',
    url: `${baseURL}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
});
