/**
 * Not a test: pictures of issue #21's new pages for a person to look at, taken only when
 * HARDENING_SHOTS_DIR names a folder (skipped otherwise): the page with a button that a download
 * or an exhibit page linked from another site shows instead of recording a custody event, the
 * exhibit form refusing a file when the person's storage is full, and an administrator's deposit
 * limits of an API key — at 1280 and 390 px in both languages, and the exhibit form printed.
 *
 *   HARDENING_SHOTS_DIR=/tmp/shots-21 npx playwright test e2e/security/hardening-screenshots.spec.ts
 */
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import pg from 'pg';
import {
  createCaseLikeDemo,
  createUser,
  e2eServerEnv,
  type MadeUser,
  makeNamedFileCase,
  type NamedFileCase,
} from '../data/data';
import { demoEmail, expect, test } from '../fixtures';
import { contextAs } from '../lists/lists.data';
import { type OtherSite, startOtherSite } from './other-site';

const dir = process.env.HARDENING_SHOTS_DIR ?? '';
test.skip(!dir, 'set HARDENING_SHOTS_DIR to take the pictures');
test.describe.configure({ mode: 'serial' });

const NAME = '（2026）京0491民初18号 起诉状 O’Brien (final) 附件三：微信聊天记录截图及公证书 100%; v2 📎.pdf';
let made: NamedFileCase;
let quotaCase: { caseId: string; caseNumber: string };
let person: MadeUser;
let otherSite: OtherSite;

async function sql(text: string, values: unknown[]): Promise<void> {
  const { DATABASE_URL } = await e2eServerEnv();
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(text, values);
  } finally {
    await client.end();
  }
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  [made, quotaCase, person] = await Promise.all([
    makeNamedFileCase(NAME),
    createCaseLikeDemo(0, { exhibits: false }),
    createUser(),
  ]);
  await sql(
    "INSERT INTO case_members (case_id, user_id, role) SELECT $1, id, 'plaintiff' FROM users WHERE email = $2",
    [quotaCase.caseId, person.email],
  );
  // The person's storage used up by an upload in progress declaring all of it.
  await sql(
    `INSERT INTO uploads (id, case_id, user_id, file_name, media_type, size, expected_sha256, expected_sm3)
     SELECT $1, $2, id, 'recording.mp4', 'video/mp4', $3, $4, $5 FROM users WHERE email = $6`,
    [randomUUID(), quotaCase.caseId, 16 * 1024 ** 3, randomBytes(32), randomBytes(32), person.email],
  );
  otherSite = await startOtherSite();
});

test.afterAll(async () => {
  await otherSite?.close();
  if (quotaCase) await sql('DELETE FROM uploads WHERE case_id = $1', [quotaCase.caseId]);
});

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

for (const locale of ['zh-CN', 'en'] as const) {
  for (const width of [1280, 390]) {
    test(`issue #21 pages at ${width} px in ${locale}`, async ({ browser, baseURL }) => {
      test.setTimeout(180_000);
      const at = `${locale}-${width}`;
      const viewport = { width, height: width > 400 ? 900 : 844 };

      const litigant = await contextAs(browser, { email: demoEmail('litigant') }, locale, viewport, baseURL);
      let page = await litigant.newPage();
      for (const [what, url] of [
        ['download', `${baseURL}/api/v1/exhibits/${made.exhibitId}/file`],
        ['exhibit', `${baseURL}/cases/${made.caseId}/exhibits/${made.exhibitId}`],
      ] as const) {
        await page.goto(otherSite.linkingTo(url));
        await page.locator('#go').click();
        await expect(page.getByTestId('custody-confirm')).toBeVisible();
        await shoot(page, `cross-site-${what}-${at}`);
      }
      await litigant.close();

      const full = await contextAs(browser, person, locale, viewport, baseURL);
      page = await full.newPage();
      await page.goto(`/cases/${quotaCase.caseId}`);
      const form = page.getByTestId('submit-exhibit');
      const file = path.join(dir, 'photo.jpg');
      writeFileSync(file, randomBytes(10_000));
      await form.getByTestId('exhibit-file').setInputFiles(file);
      await form.getByTestId('exhibit-title').fill('现场照片 Photo of the site');
      await form.getByRole('button', { name: /^(Submit|提交)$/ }).click();
      await expect(page.getByTestId('submit-error')).toBeVisible({ timeout: 30_000 });
      await page.getByTestId('submit-error').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(dir, `quota-${at}.png`) });
      if (width === 1280) {
        const pdf = path.join(dir, `print-quota-${locale}.pdf`);
        writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: true }));
        execFileSync('pdftoppm', ['-r', '60', '-png', pdf, path.join(dir, `print-quota-${locale}`)]);
      }
      await full.close();

      const admin = await contextAs(browser, { email: demoEmail('admin') }, locale, viewport, baseURL);
      page = await admin.newPage();
      await page.goto('/admin/depositors');
      await page.locator('a[href^="/admin/depositors/"]').first().click();
      await expect(page.getByTestId('api-key-limits').first()).toBeVisible();
      await shoot(page, `deposit-limits-${at}`);
      await admin.close();
    });
  }
}
