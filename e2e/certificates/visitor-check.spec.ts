/**
 * Names do not leak through the signed file (issue #17, point 7): a visitor who is not a person of
 * the case sees names masked, and the page's own check of the court's signature needs the check
 * code printed on the certificate — carried in the address's fragment after the lookup, or typed
 * into a small form. Arriving by the lookup → the check passes; by the bare ID → asked for the
 * code, a wrong code refused in plain words, the right one passes; until the right code is given,
 * nothing the page receives (HTML, its data, the refused check) carries a full name. A party of
 * the case is never asked. In Chinese and English, with the accessibility check.
 */
import type { Browser, Page } from '@playwright/test';
import { formatCheckCode } from '../../lib/certificates/format/check-code';
import { type CaseLikeDemo, clearCertificateLookupLimit, issueCertificateFor } from '../data/data';
import { demoEmail, expect, seriousA11yViolations, signInOverHttp, test } from '../fixtures';
import { overflowingElements } from '../responsive/overflow';
import { certificateCase } from './certificate.helpers';

test.describe.configure({ mode: 'serial' });

/** The demo plaintiff (who submitted the exhibit) and the demo clerk (who issued), in full. */
const FULL_NAMES = ['张明', 'Zhang Ming', '赵书记员', 'Clerk Zhao'];

const WORDS = {
  'zh-CN': {
    formIntro: '即可在您的浏览器中核对法院的签名',
    wrong: '这不是本证书的校验码',
    format: '校验码为 8 位字母和数字',
    ok: '法院签名和存证链证明已在本浏览器中核对通过',
  },
  en: {
    formIntro: "to check the court's signature in your browser",
    wrong: "This is not this certificate's check code",
    format: 'A check code is 8 letters and digits',
    ok: "The court's signature and the evidence ledger's proof check in this browser",
  },
} as const;

let made: CaseLikeDemo;
let certificate: { id: string; number: string; checkCode: string };

test.beforeAll(async () => {
  test.setTimeout(90_000);
  made = await certificateCase();
  const exhibit = made.exhibits[0];
  if (!exhibit) throw new Error('the case has no exhibit');
  certificate = await issueCertificateFor(exhibit.id);
});

async function visitor(browser: Browser, baseURL: string | undefined, locale: 'zh-CN' | 'en') {
  const context = await browser.newContext({ baseURL });
  await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL ?? '' }]);
  return { context, page: await context.newPage() };
}

/** Every body the page receives from the portal, as text, from now on. */
function recordTraffic(page: Page, baseURL: string): { bodies: string[]; settled: () => Promise<void> } {
  const pending: Promise<void>[] = [];
  const bodies: string[] = [];
  page.on('response', (response) => {
    if (!response.url().startsWith(baseURL)) return;
    pending.push(
      response
        .body()
        .then((body) => {
          bodies.push(`${response.url()}\n${body.toString('utf8')}`);
        })
        .catch(() => undefined),
    );
  });
  return { bodies, settled: async () => void (await Promise.all(pending)) };
}

const wrongCode = () =>
  certificate.checkCode.startsWith('2') ? `3${certificate.checkCode.slice(1)}` : `2${certificate.checkCode.slice(1)}`;

for (const locale of ['zh-CN', 'en'] as const) {
  const words = WORDS[locale];

  test(`${locale}: arriving through the lookup, the visitor's browser check passes with the code in the fragment`, async ({
    browser,
    baseURL,
  }) => {
    await clearCertificateLookupLimit();
    const { context, page } = await visitor(browser, baseURL, locale);
    try {
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.goto('/certificates');
      await page.locator('#number').fill(certificate.number);
      await page.locator('#code').fill(formatCheckCode(certificate.checkCode));
      await page.getByTestId('certificate-lookup-form').locator('button[type="submit"]').click();
      await expect(page).toHaveURL(new RegExp(`/certificates/${certificate.id}#code=${certificate.checkCode}$`));
      await expect(page.locator('main')).toHaveAttribute('data-names', 'masked');
      const check = page.getByTestId('browser-check');
      await expect(check).toHaveAttribute('data-browser-check', 'ok', { timeout: 20_000 });
      await expect(check).toContainText(words.ok);
      await expect(page.getByTestId('check-code-form')).toHaveCount(0);
      // The code went in a header, never into an address the server saw.
      expect(requests.filter((url) => url.includes(certificate.checkCode) && !url.includes('#'))).toEqual([]);
      // The page itself still shows masked names, and offers no download of the data.
      expect(await page.locator('main').textContent()).not.toContain('张明');
      await expect(page.getByTestId('names-withheld')).toBeAttached();
    } finally {
      await context.close();
    }
  });

  test(`${locale}: by the bare ID the visitor is asked for the code; a wrong code is refused, the right one passes; no full name arrives before`, async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(60_000);
    await clearCertificateLookupLimit();
    const { context, page } = await visitor(browser, baseURL, locale);
    try {
      const traffic = recordTraffic(page, baseURL ?? '');
      await page.goto(`/certificates/${certificate.id}`);
      const check = page.getByTestId('browser-check');
      await expect(check).toHaveAttribute('data-browser-check', 'code');
      const form = page.getByTestId('check-code-form');
      await expect(form).toContainText(words.formIntro);
      expect(await seriousA11yViolations(page)).toEqual([]);

      // Malformed: said so by the field, nothing asked of the server.
      await page.locator('#check-code').fill('abc');
      await form.locator('button[type="submit"]').click();
      await expect(page.getByTestId('check-code-errors')).toContainText(words.format);
      await expect(page.locator('#check-code')).toHaveAttribute('aria-invalid', 'true');

      // Wrong: refused by the server, in plain words, the field kept for correcting.
      await page.locator('#check-code').fill(formatCheckCode(wrongCode()));
      await form.locator('button[type="submit"]').click();
      const summary = page.getByTestId('check-code-errors');
      await expect(summary).toContainText(words.wrong, { timeout: 20_000 });
      await expect(summary).toBeFocused();
      await expect(page.locator('#check-code')).toHaveValue(formatCheckCode(wrongCode()));
      await expect(check).toHaveAttribute('data-browser-check', 'code');
      expect(await seriousA11yViolations(page)).toEqual([]);

      // Until now, nothing the page received names anyone in full.
      await traffic.settled();
      expect(traffic.bodies.length).toBeGreaterThan(2);
      for (const body of traffic.bodies) {
        for (const name of FULL_NAMES) expect(body.includes(name), `${body.slice(0, 120)} names ${name}`).toBe(false);
      }

      // Right, typed as people type: the check passes.
      await page.locator('#check-code').fill(certificate.checkCode.toLowerCase());
      await page.getByTestId('check-code-form').locator('button[type="submit"]').click();
      await expect(check).toHaveAttribute('data-browser-check', 'ok', { timeout: 20_000 });
      await expect(check).toContainText(words.ok);
      await expect(check.locator('[data-check="served"]')).toHaveAttribute('data-state', 'passed');
      expect(await overflowingElements(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test(`${locale}: a party of the case is never asked for the code`, async ({ browser, baseURL }) => {
    const { context, page } = await visitor(browser, baseURL, locale);
    try {
      await signInOverHttp(page.request, demoEmail('litigant'));
      await page.goto(`/certificates/${certificate.id}`);
      await expect(page.locator('main')).toHaveAttribute('data-names', 'full');
      await expect(page.getByTestId('browser-check')).toHaveAttribute('data-browser-check', 'ok', { timeout: 20_000 });
      await expect(page.getByTestId('check-code-form')).toHaveCount(0);
    } finally {
      await context.close();
    }
  });
}
