/**
 * Issue #5 acceptance, through the browser, in a case of the spec's own with the demo case's
 * people (e2e/data; the shared demo case keeps its seeded exhibits): the litigant submits the demo deposited file
 * (consistent) and a modified copy naming the same deposit (tampered); the judge sees both
 * verdicts, re-verifies one in their own browser and gets the same digests, records a
 * determination; the litigant sees it.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCaseLikeDemo } from '../data/data';
import { demoEmail, expect, signInOverHttp, test } from '../fixtures';

const CONTRACT = path.resolve('prisma/seed/files/contract-DEMO-2026-0301.pdf');
let caseNumber: string;

test.describe.configure({ mode: 'serial' });

let dir: string;
let tamperedFile: string;
let original: Buffer;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  caseNumber = (await createCaseLikeDemo(0)).caseNumber;
  dir = await mkdtemp(path.join(tmpdir(), 'verity-e2e-exhibits-'));
  original = await readFile(CONTRACT);
  const copy = Buffer.from(original);
  copy[2048] = (copy[2048] ?? 0) ^ 0x20;
  tamperedFile = path.join(dir, 'contract-DEMO-2026-0301-copy.pdf');
  await writeFile(tamperedFile, copy);
});

test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function openCase(page: import('@playwright/test').Page) {
  await page.goto('/home');
  await page.getByTestId('case-link').filter({ hasText: caseNumber }).click();
  await expect(page.getByTestId('case-number')).toHaveText(caseNumber);
}

async function submit(page: import('@playwright/test').Page, file: string, title: string, depositId = '') {
  const form = page.getByTestId('submit-exhibit');
  await form.getByTestId('exhibit-file').setInputFiles(file);
  await form.getByTestId('exhibit-title').fill(title);
  await form.getByTestId('exhibit-deposit-id').fill(depositId);
  await form.getByRole('button', { name: /^(Submit|提交)$/ }).click();
  const done = page.getByTestId('submitted');
  await expect(done).toBeVisible({ timeout: 30_000 });
  return done;
}

test('litigant submits; judge reviews, re-verifies and determines; litigant sees it', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const sha256 = createHash('sha256').update(original).digest('hex');
  const sm3 = createHash('sm3').update(original).digest('hex');
  const lookup = await page.request.get(`/api/v1/deposits?sha256=${sha256}`);
  const depositId = ((await lookup.json()) as { deposits: { id: string }[] }).deposits[0]?.id ?? '';
  expect(depositId).toMatch(/^[0-9a-f-]{36}$/);

  // The litigant: the demo case's exhibits are there with their three verdicts.
  await signInOverHttp(page.request, demoEmail('litigant'));
  await openCase(page);
  const verdicts = page.getByTestId('exhibit-table').locator('[data-verdict]');
  await expect(verdicts.first()).toBeVisible();
  const seeded = await verdicts.evaluateAll((els) => els.map((e) => e.getAttribute('data-verdict')));
  expect(seeded.sort()).toEqual(['consistent', 'not_found', 'tampered']);
  await expect(page.getByRole('heading', { name: '证据流转记录' })).toBeVisible();
  // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered, without a closed 技术细节 disclosure
  expect(await page.locator('main').innerText()).not.toMatch(
    /账本|叶子|证据链|检查点|封存|证据保管链|申请鉴定|\(20\d\d\)/,
  );

  const consistent = await submit(page, CONTRACT, 'e2e：原始合同');
  await expect(consistent).toHaveAttribute('data-verdict', 'consistent');
  await page.reload();
  const tampered = await submit(page, tamperedFile, 'e2e：改动的副本', depositId);
  await expect(tampered).toHaveAttribute('data-verdict', 'tampered');

  // The judge, in another browser context.
  const judgeContext = await browser.newContext();
  const judge = await judgeContext.newPage();
  await signInOverHttp(judge.request, demoEmail('judge'));
  await openCase(judge);
  const rows = judge.getByTestId('exhibit-table').locator('tbody tr');
  const consistentRow = rows.filter({ hasText: 'e2e：原始合同' });
  const tamperedRow = rows.filter({ hasText: 'e2e：改动的副本' });
  await expect(consistentRow.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'consistent');
  await expect(tamperedRow.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'tampered');

  await consistentRow.getByTestId('exhibit-link').click();
  await expect(judge.getByTestId('exhibit-page')).toHaveAttribute('data-verdict', 'consistent');
  await expect(judge.getByTestId('browser-proof')).toHaveAttribute('data-state', 'done', { timeout: 15_000 });
  await expect(judge.getByTestId('browser-proof')).toHaveAttribute('data-verdict', 'consistent');
  await expect(judge.getByTestId('scope-panel')).toBeVisible();
  // One plain vocabulary (#17): art. 16's own words, the deposit counted from 1 on the 存证链, and
  // the zero-based leaf index only inside the technical details.
  await expect(judge.getByTestId('scope-panel')).toContainText(
    '可以认定该电子数据上链后未经篡改，但有相反证据足以推翻的除外',
  );
  const position = judge.getByTestId('deposit-position');
  const leafIndex = Number(await position.getAttribute('data-leaf-index'));
  await expect(position).toHaveText(new RegExp(`^${(leafIndex + 1).toLocaleString('zh-CN')}（共 [\\d,]+ 条）$`));
  await expect(judge.getByTestId('browser-proof')).toContainText(
    `链上序号 ${(leafIndex + 1).toLocaleString('zh-CN')}（共`,
  );
  const technical = judge.getByTestId('browser-proof').locator('details');
  await expect(technical.locator('summary')).toHaveText('技术细节');
  await technical.locator('summary').click();
  await expect(technical).toContainText(`叶子序号（leaf index，从 0 起算）：${leafIndex.toLocaleString('zh-CN')}`);
  await technical.locator('summary').click();
  // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered, without a closed 技术细节 disclosure
  const shown = await judge.locator('main').innerText();
  expect(shown).not.toMatch(/账本|叶子|证据链|检查点|封存|证据保管链|申请鉴定/);

  await judge.getByTestId('reverify-button').click();
  const result = judge.getByTestId('reverify-result');
  await expect(result).toBeVisible({ timeout: 30_000 });
  await expect(result).toHaveAttribute('data-matches-record', 'true');
  await expect(result).toHaveAttribute('data-verdict', 'consistent');
  await expect(judge.getByTestId('reverify-sha256')).toHaveText(sha256);
  await expect(judge.getByTestId('reverify-sm3')).toHaveText(sm3);
  await expect(judge.getByTestId('verification-history').locator('tbody tr')).toHaveCount(2);

  const form = judge.getByTestId('determination-form');
  await form.getByRole('radio', { name: /^(Admitted|采纳)$/ }).check();
  await form.getByRole('textbox').fill('与存证记录一致，予以采纳。');
  await form.getByRole('button').click();
  await expect(judge.getByTestId('determination-saved')).toBeVisible();
  const exhibitUrl = judge.url();
  await judgeContext.close();

  // The litigant sees the determination.
  await page.goto(exhibitUrl);
  const determinations = page.getByTestId('determinations');
  await expect(determinations.locator('li').first()).toHaveAttribute('data-outcome', 'accepted');
  await expect(determinations).toContainText('与存证记录一致，予以采纳。');
  // …and cannot record one or re-verify.
  await expect(page.getByTestId('determination-form')).toHaveCount(0);
  await expect(page.getByTestId('reverify-button')).toHaveCount(0);
});
