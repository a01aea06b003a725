/**
 * Screenshots of the main pages in both languages and at phone width, for a person to look
 * at (`npm run screenshots -- <base URL> <out dir>`; defaults: http://localhost:3000, /tmp/verity-shots).
 * Needs a running portal with the demo data. Images stay out of the repository.
 */
import { mkdir } from 'node:fs/promises';
import { chromium } from '@playwright/test';
import { signInOverHttp } from '../e2e/fixtures';
import { chromiumLaunch } from '../playwright.config';

const base = process.argv[2] ?? 'http://localhost:3000';
const out = process.argv[3] ?? '/tmp/verity-shots';

async function main(): Promise<void> {
  await mkdir(out, { recursive: true });
  const browser = await chromium.launch(chromiumLaunch);
  for (const locale of ['zh-CN', 'en'] as const) {
    for (const [label, viewport] of [
      ['desktop', { width: 1280, height: 800 }],
      ['phone', { width: 360, height: 780 }],
    ] as const) {
      const context = await browser.newContext({ baseURL: base, viewport });
      await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: base }]);
      const page = await context.newPage();
      await page.goto('/sign-in');
      await page.screenshot({ path: `${out}/sign-in-${locale}-${label}.png`, fullPage: true });
      await page.getByRole('button', { name: locale === 'en' ? 'Sign in' : '登录', exact: true }).click();
      await page.screenshot({ path: `${out}/sign-in-errors-${locale}-${label}.png`, fullPage: true });
      for (const email of ['litigant@demo.verity', 'judge@demo.verity', 'clerk@demo.verity', 'admin@demo.verity']) {
        await context.clearCookies({ name: /next-auth/ });
        await signInOverHttp(page.request, email);
        await page.goto('/home');
        await page.screenshot({ path: `${out}/home-${email.split('@')[0]}-${locale}-${label}.png`, fullPage: true });
      }
      // The judge's case view and an exhibit (the demo case 1234 and its first exhibit).
      await context.clearCookies({ name: /next-auth/ });
      await signInOverHttp(page.request, 'judge@demo.verity');
      await page.goto('/home');
      await page.getByTestId('case-link').filter({ hasText: '1234' }).click();
      await page.getByTestId('case-page').waitFor();
      await page.screenshot({ path: `${out}/case-judge-${locale}-${label}.png`, fullPage: true });
      for (const [i, name] of [
        [0, 'consistent'],
        [1, 'tampered'],
      ] as const) {
        await page.getByTestId('exhibit-link').nth(i).click();
        await page.getByTestId('browser-proof').and(page.locator('[data-state="done"]')).waitFor();
        await page.screenshot({ path: `${out}/exhibit-${name}-${locale}-${label}.png`, fullPage: true });
        await page.goBack();
      }
      await context.clearCookies({ name: /next-auth/ });
      await signInOverHttp(page.request, 'litigant@demo.verity');
      await page.goto('/home');
      await page.getByTestId('case-link').filter({ hasText: '1234' }).click();
      await page.getByTestId('case-page').waitFor();
      await page.screenshot({ path: `${out}/case-litigant-${locale}-${label}.png`, fullPage: true });
      await page.goto('/admin/users');
      await page.screenshot({ path: `${out}/forbidden-${locale}-${label}.png`, fullPage: true });
      await context.close();
    }
  }
  await browser.close();
  console.log(`Screenshots in ${out}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
