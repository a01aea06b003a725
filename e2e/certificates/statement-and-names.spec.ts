/**
 * The public certificate page of a not-found exhibit and of a consistent one: what the court
 * certified is stated first in plain words — above the checks, and within the first screen of a
 * 390×844 phone — and "valid" is said apart from the verdict; people's names are masked for an
 * anonymous visitor and for a signed-in stranger, and shown in full to a party of the case. In
 * Chinese and English.
 */
import type { Browser } from '@playwright/test';
import enMessages from '../../messages/en.json' with { type: 'json' };
import zhMessages from '../../messages/zh-CN.json' with { type: 'json' };
import { type CaseLikeDemo, createUser, issueCertificateFor, type MadeUser } from '../data/data';
import { demoEmail, expect, seriousA11yViolations, signInOverHttp, test } from '../fixtures';
import { overflowingElements } from '../responsive/overflow';
import { certificateCase } from './certificate.helpers';

test.describe.configure({ mode: 'serial' });

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
/** The demo plaintiff who submitted the exhibits, and the demo clerk who issues the certificates. */
const PLAINTIFF = { full: '张明 Zhang Ming', masked: '张* Z*** Ming' };
const CLERK = { full: '赵书记员 Clerk Zhao', masked: '赵**员 C*** Zhao' };

let made: CaseLikeDemo;
let consistent: { id: string; number: string; checkCode: string };
let notFound: { id: string; number: string; checkCode: string };
let stranger: MadeUser;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  made = await certificateCase();
  const [first, , third] = made.exhibits;
  if (!first || !third || first.verdict !== 'consistent' || third.verdict !== 'not_found') {
    throw new Error(`the demo exhibits have changed: ${made.exhibits.map((e) => e.verdict).join(', ')}`);
  }
  [consistent, notFound, stranger] = await Promise.all([
    issueCertificateFor(first.id),
    issueCertificateFor(third.id),
    createUser(),
  ]);
});

async function open(
  browser: Browser,
  baseURL: string | undefined,
  options: { locale: 'zh-CN' | 'en'; phone?: boolean; as?: 'litigant' | MadeUser },
) {
  const context = await browser.newContext({ baseURL, ...(options.phone ? PHONE : {}) });
  await context.addCookies([{ name: 'NEXT_LOCALE', value: options.locale, url: baseURL ?? '' }]);
  const page = await context.newPage();
  if (options.as === 'litigant') await signInOverHttp(page.request, demoEmail('litigant'));
  else if (options.as) await signInOverHttp(page.request, options.as.email, options.as.password);
  return { context, page };
}

const WORDS = {
  'zh-CN': {
    notFound: [/于 \d{4}年\d{1,2}月\d{1,2}日 核验：存证链上没有与/, '第 3 号证据《证人书面证言》完全相同的存证'],
    consistent: [
      /于 \d{4}年\d{1,2}月\d{1,2}日 核验：/,
      '第 1 号证据《作品著作权许可使用合同》与存证链上',
      '的存证一致。',
    ],
    valid: '有效',
    notTheVerdict: '它不是核验结论',
    notFoundWord: zhMessages.verify.verdict.word.not_found,
  },
  en: {
    notFound: [
      /^On [A-Z][a-z]+ \d{1,2}, \d{4}, Demo Internet Court verified that no deposit/,
      'exhibit 3, “证人书面证言”',
    ],
    consistent: [
      /^On [A-Z][a-z]+ \d{1,2}, \d{4}, Demo Internet Court verified that exhibit 1/,
      'is identical to the deposit recorded on the evidence ledger on',
    ],
    valid: 'Valid',
    notTheVerdict: 'it is not the verdict',
    notFoundWord: enMessages.verify.verdict.word.not_found,
  },
} as const;

for (const locale of ['zh-CN', 'en'] as const) {
  const words = WORDS[locale];

  test(`${locale}: a not-found certificate states what was certified first, within the first screen of a phone`, async ({
    browser,
    baseURL,
  }) => {
    const { context, page } = await open(browser, baseURL, { locale, phone: true });
    try {
      // As after the lookup: the check code in the fragment, for the page's own check.
      await page.goto(`/certificates/${notFound.id}#code=${notFound.checkCode}`);
      const statement = page.getByTestId('certified-statement');
      const sentence = page.getByTestId('certified-sentence');
      for (const part of words.notFound) await expect(sentence).toContainText(part);
      await expect(sentence).toContainText(made.caseNumber);
      await expect(page.getByTestId('certified-verdict')).toContainText(words.notFoundWord);

      // First: above the validity section and the checks, and inside the first 844 px.
      const check = page.getByTestId('browser-check');
      await expect(check).toHaveAttribute('data-browser-check', 'ok', { timeout: 20_000 });
      const [s, standing, c] = await Promise.all([
        statement.boundingBox(),
        page.getByTestId('certificate-standing').boundingBox(),
        check.boundingBox(),
      ]);
      if (!s || !standing || !c) throw new Error('the sections are not laid out');
      expect(s.y + s.height).toBeLessThanOrEqual(844);
      expect(s.y + s.height).toBeLessThanOrEqual(standing.y);
      expect(standing.y).toBeLessThan(c.y);

      // "Valid" is about the certificate, said apart from the verdict, and says it is not the verdict.
      await expect(page.getByTestId('certificate-standing')).toContainText(words.valid);
      await expect(page.getByTestId('standing-meaning')).toContainText(words.notTheVerdict);
      await expect(statement).not.toContainText(words.valid);

      // No deposit facts for a deposit that does not exist.
      await expect(page.locator('[data-fact="deposit"]')).not.toContainText(/北京时间|Beijing time/);
      if (locale === 'zh-CN') {
        // The checks in Chinese only; the technical terms inside the disclosure.
        expect(await page.getByTestId('certificate-checks').textContent()).not.toMatch(/[a-z]{3,}/);
        await expect(page.getByTestId('certificate-check-details')).not.toHaveAttribute('open');
      }
      expect(await overflowingElements(page)).toEqual([]);
      expect(await seriousA11yViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test(`${locale}: a consistent certificate's statement, and names masked for an anonymous visitor`, async ({
    browser,
    baseURL,
  }) => {
    const { context, page } = await open(browser, baseURL, { locale, phone: true });
    try {
      await page.goto(`/certificates/${consistent.id}`);
      await expect(page.locator('main')).toHaveAttribute('data-names', 'masked');
      const sentence = page.getByTestId('certified-sentence');
      for (const part of words.consistent) await expect(sentence).toContainText(part);
      const facts = page.getByTestId('certificate-facts');
      await expect(facts.locator('[data-fact="submitted-by"]')).toContainText(PLAINTIFF.masked);
      await expect(facts.locator('[data-fact="issued"]')).toContainText(CLERK.masked);
      await expect(page.getByTestId('names-masked')).toBeVisible();
      const html = await page.content();
      for (const name of [PLAINTIFF.full, CLERK.full, '张明', '赵书记员']) expect(html).not.toContain(name);
      // Organisations are not masked.
      await expect(facts.locator('[data-fact="deposit"]')).toContainText('示范电子数据存证平台 Demo Evidence Platform');
      await expect(facts.locator('[data-fact="court"]')).toContainText('示范互联网法院');
      const s = await page.getByTestId('certified-statement').boundingBox();
      expect((s?.y ?? 9999) + (s?.height ?? 0)).toBeLessThanOrEqual(844);
    } finally {
      await context.close();
    }
  });

  test(`${locale}: full names for a party of the case, masked for a signed-in stranger`, async ({
    browser,
    baseURL,
  }) => {
    const party = await open(browser, baseURL, { locale, as: 'litigant' });
    try {
      await party.page.goto(`/certificates/${consistent.id}`);
      await expect(party.page.locator('main')).toHaveAttribute('data-names', 'full');
      const facts = party.page.getByTestId('certificate-facts');
      await expect(facts.locator('[data-fact="submitted-by"]')).toContainText(PLAINTIFF.full);
      await expect(facts.locator('[data-fact="issued"]')).toContainText(CLERK.full);
      await expect(party.page.getByTestId('names-masked')).toHaveCount(0);
    } finally {
      await party.context.close();
    }
    const other = await open(browser, baseURL, { locale, as: stranger });
    try {
      await other.page.goto(`/certificates/${consistent.id}`);
      await expect(other.page.locator('main')).toHaveAttribute('data-names', 'masked');
      await expect(other.page.getByTestId('certificate-facts').locator('[data-fact="submitted-by"]')).toContainText(
        PLAINTIFF.masked,
      );
      expect(await other.page.content()).not.toContain(PLAINTIFF.full);
    } finally {
      await other.context.close();
    }
  });
}
