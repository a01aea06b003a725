/**
 * Issue #17 point 5, on the exhibit page of an exhibit no deposit holds (the demo's never-deposited
 * witness statement, in a case of the spec's own): the art. 17 facts describe no deposit — only the
 * platform and a sentence that there is no deposit to weigh, never "该存证未经存证方签名" — and the
 * verification history says what its digests are compared with (the submission), not "与记录一致"
 * beside "未找到存证". A consistent exhibit still shows its deposit's facts. Both languages.
 */
import { type CaseLikeDemo, createCaseLikeDemo } from '../data/data';
import { demoEmail, expect, seriousA11yViolations, signInOverHttp, test } from '../fixtures';
import { overflowingElements } from '../responsive/overflow';

let made: CaseLikeDemo;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  made = await createCaseLikeDemo(0);
});

const WORDS = {
  'zh-CN': {
    noDeposit: '没有可供审查的存证',
    unsigned: '该存证未经存证方签名',
    same: '本次算得的摘要与提交证据时算得的相同；存证链上没有此摘要的存证',
    old: '与记录一致',
    depositor: '示范电子数据存证平台 Demo Evidence Platform',
  },
  en: {
    noDeposit: 'No deposit to weigh',
    unsigned: 'The deposit is not signed by the depositor',
    same: 'Digests computed this time (the same as at submission; no deposit on the ledger records them)',
    old: 'same as the record',
    depositor: '示范电子数据存证平台 Demo Evidence Platform',
  },
} as const;

for (const locale of ['zh-CN', 'en'] as const) {
  const words = WORDS[locale];
  test(`${locale}: a not-found exhibit's page shows no deposit facts, and its history no contradiction`, async ({
    page,
    baseURL,
    context,
  }) => {
    await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL ?? '' }]);
    await signInOverHttp(page.request, demoEmail('judge'));
    const [consistent, , notFound] = made.exhibits;
    if (!consistent || !notFound || notFound.verdict !== 'not_found') throw new Error('the demo exhibits have changed');

    await page.goto(`/cases/${made.caseId}/exhibits/${notFound.id}`);
    await expect(page.getByTestId('exhibit-page')).toHaveAttribute('data-verdict', 'not_found');
    const panel = page.getByTestId('scope-panel');
    await expect(panel.getByTestId('no-deposit-facts')).toContainText(words.noDeposit);
    await expect(panel).not.toContainText(words.unsigned);
    await expect(panel.locator('[data-fact]')).toHaveCount(0);
    const history = page.getByTestId('verification-history');
    await expect(history).toContainText(words.same);
    await expect(history).not.toContainText(words.old);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await overflowingElements(page)).toEqual([]);

    await page.goto(`/cases/${made.caseId}/exhibits/${consistent.id}`);
    const facts = page.getByTestId('scope-panel');
    await expect(facts.locator('[data-fact="depositor"]')).toHaveText(words.depositor);
    await expect(facts.getByTestId('no-deposit-facts')).toHaveCount(0);
  });
}
