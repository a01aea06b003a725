/**
 * Issue #21, finding 2, through the browser: a person, then a case, whose storage quota is used
 * up (by an upload in progress declaring it all) is refused the next upload, and the exhibit form
 * says so in the reader's language, with what is used and what is allowed.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createCaseLikeDemo, createUser, e2eServerEnv, type MadeUser } from '../data/data';
import { expect, signInOverHttp, test } from '../fixtures';

let caseId: string;
let caseNumber: string;
/** A litigant of this spec's own, a plaintiff of its case: filling their quota touches no other spec. */
let person: MadeUser;
let dir: string;
let file: string;

/**
 * Replaces the uploads of the case by one in progress of `bytes`, declared by `who` (direct SQL);
 * with `bytes` 0, just removes them. Both people are this spec's own (the demo litigant is shared
 * with every other spec running beside it: a hold on that account, however short, made another
 * spec's upload refused), and a hold lasts only for the one check that needs it.
 */
async function holdUpload(who: 'person' | 'another person', bytes: number): Promise<void> {
  const { DATABASE_URL } = await e2eServerEnv();
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query('DELETE FROM uploads WHERE case_id = $1', [caseId]);
    if (bytes === 0) return;
    // The case's quota counts every upload in the case, whoever made it.
    const email = who === 'person' ? person.email : `quota-${randomUUID().slice(0, 8)}@example.test`;
    if (who !== 'person') {
      await client.query(
        "INSERT INTO users (id, email, name, role, password_hash) VALUES ($1, $2, 'Quota Test', 'litigant', 'x')",
        [randomUUID(), email],
      );
    }
    await client.query(
      `INSERT INTO uploads (id, case_id, user_id, file_name, media_type, size, expected_sha256, expected_sm3)
       SELECT $1, $2, id, 'recording.mp4', 'video/mp4', $3, $4, $5 FROM users WHERE email = $6`,
      [randomUUID(), caseId, bytes, randomBytes(32), randomBytes(32), email],
    );
  } finally {
    await client.end();
  }
}

test.beforeAll(async () => {
  test.setTimeout(90_000);
  [{ caseId, caseNumber }, person] = await Promise.all([createCaseLikeDemo(0, { exhibits: false }), createUser()]);
  const { DATABASE_URL } = await e2eServerEnv();
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(
      "INSERT INTO case_members (case_id, user_id, role) SELECT $1, id, 'plaintiff' FROM users WHERE email = $2",
      [caseId, person.email],
    );
  } finally {
    await client.end();
  }
  dir = await mkdtemp(path.join(tmpdir(), 'verity-e2e-quota-'));
  file = path.join(dir, 'photo.jpg');
  await writeFile(file, randomBytes(10_000));
});

test.afterAll(async () => {
  if (caseId) await holdUpload('person', 0);
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function submitAndReadError(page: import('@playwright/test').Page): Promise<string> {
  await page.goto('/home');
  await page.getByTestId('case-link').filter({ hasText: caseNumber }).click();
  const form = page.getByTestId('submit-exhibit');
  await form.getByTestId('exhibit-file').setInputFiles(file);
  await form.getByTestId('exhibit-title').fill('Photo of the site');
  await form.getByRole('button', { name: /^(Submit|提交)$/ }).click();
  const error = page.getByTestId('submit-error');
  await expect(error).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('submitted')).toHaveCount(0);
  return (await error.textContent()) ?? '';
}

// The e2e server runs with the default quotas: 16 GiB (17.2 GB) a person, 64 GiB (68.7 GB) a case.
test("the exhibit form says the person's or the case's storage is full, with what is used and allowed", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signInOverHttp(page.request, person.email, person.password);
  await holdUpload('person', 16 * 1024 ** 3);
  const full = await submitAndReadError(page).finally(() => holdUpload('person', 0));
  expect(
    full.includes('Your uploads not yet submitted as exhibits hold 17.2 GB of the 17.2 GB you may use') ||
      full.includes('您尚未提交为证据的上传文件已占用 17.2 GB，您可使用的上限为 17.2 GB'),
    full,
  ).toBe(true);

  // Another person's upload fills the case.
  await holdUpload('another person', 64 * 1024 ** 3);
  const kase = await submitAndReadError(page).finally(() => holdUpload('person', 0));
  expect(
    kase.includes("This case's evidence files and uploads hold 68.7 GB of the 68.7 GB the case may use") ||
      kase.includes('本案的证据文件和上传文件已占用 68.7 GB，本案可使用的上限为 68.7 GB'),
    kase,
  ).toBe(true);
});
