/**
 * Issue #17, evidence exchange (质证), in both languages, in a case of the spec's own (e2e/data):
 * the clerk sets the deadline for opinions; the defendant, refused an empty opinion by the
 * portal's own error summary, objects to the plaintiff's exhibit on authenticity with reasons and
 * names their own exhibit as counter-evidence; the plaintiff replies; the judge, refused an empty
 * determination by the same summary (not the browser's tooltip), records one answering the
 * objection; both parties and the judge see all of it; the custody log holds each event, and the
 * audit chain verifies (`npm run audit:verify`, against the e2e server's database). Then an
 * objection after a deadline that has passed is marked late for everyone, on the exhibit page and
 * on the custody page (with the deadline it missed, its three positions and its reasons).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from '@playwright/test';
import { createExchangeCase, type ExchangeCase, e2eServerEnv } from '../data/data';
import { demoEmail, expect, signInOverHttp, test } from '../fixtures';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

const WORDS = {
  'zh-CN': {
    summary: '请更正以下问题',
    positionMissing: '请选择对真实性的意见',
    outcomeMissing: '请选择认定结果',
    reasoningMissing: '请填写认定理由',
    dispute: '不认可',
    accept: '认可',
    accepted: '采纳',
    authenticityReasons: '真实性的理由',
    counter: '反驳证据（可选）',
    lodge: '提交质证意见',
    replySummary: '回复质证意见 1',
    reply: '提交回复',
    record: '记录认定',
    answers: '答复质证意见：第 1 条',
    late: '逾期提交',
    saveDeadline: '保存质证期限',
    deadlineSaved: '质证期限已保存',
    objection: '截图的时间戳与公证书记载的取证时间不一致，不能证明其真实性。',
    replyText: '时间差系时区换算所致，换算后一致，见公证书第 3 页。',
    reasoning: '被告的质证意见不能成立：时间差已由原告合理说明，予以采纳。',
    lateObjection: '该聊天记录导出文件缺少原始载体，无法核实其完整性。',
    lateDetail: '在质证期限（',
    opinionLine: '被告的质证意见 2',
    positions: '对真实性不认可对合法性认可对关联性认可',
  },
  en: {
    summary: 'There is a problem',
    positionMissing: 'Choose accept, dispute or no opinion for Authenticity',
    outcomeMissing: 'Choose the outcome of the determination',
    reasoningMissing: 'Give the reasons for the determination',
    dispute: 'Dispute',
    accept: 'Accept',
    accepted: 'Admitted',
    authenticityReasons: 'Reasons on Authenticity',
    counter: 'Counter-evidence (optional)',
    lodge: 'Lodge the opinion',
    replySummary: 'Reply to opinion 1',
    reply: 'Send the reply',
    record: 'Record the determination',
    answers: 'Answers opinions: no. 1',
    late: 'Lodged late',
    saveDeadline: 'Save the deadline',
    deadlineSaved: 'The deadline is saved',
    objection: 'The timestamp in the capture does not match the notarial certificate; authenticity is not shown.',
    replyText: 'The difference is the time zone; converted, the times agree (certificate, page 3).',
    reasoning: 'The objection fails: the plaintiff explained the time difference. Admitted.',
    lateObjection: 'The chat export comes without its original carrier; its integrity cannot be checked.',
    lateDetail: 'after the deadline (',
    opinionLine: 'Opinion 2 of the defendant',
    positions: 'Authenticity: DisputeLegality: AcceptRelevance: Accept',
  },
} as const;

type Locale = keyof typeof WORDS;

async function personPage(browser: Browser, baseURL: string, locale: Locale, email: string, password?: string) {
  const context = await browser.newContext();
  await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL }]);
  const page = await context.newPage();
  await signInOverHttp(page.request, email, password);
  return page;
}

/** The audit of the whole custody log, as `npm run audit:verify` runs it, on the e2e server's database. */
async function auditVerify(): Promise<{ code: number; out: string }> {
  const env = await e2eServerEnv();
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [
        path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
        '--conditions=react-server',
        'scripts/audit-verify.ts',
      ],
      { cwd: ROOT, env: { ...process.env, ...env }, timeout: 120_000 },
    );
    return { code: 0, out: `${stdout}${stderr}` };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

for (const locale of ['zh-CN', 'en'] as const) {
  const w = WORDS[locale];

  test.describe(`evidence exchange, in ${locale}`, () => {
    test.describe.configure({ mode: 'serial' });
    let data: ExchangeCase;

    test.beforeAll(async () => {
      test.setTimeout(90_000);
      data = await createExchangeCase();
    });

    test('objection, reply and a determination answering it; everyone sees it; the log verifies', async ({
      browser,
      baseURL,
    }) => {
      test.setTimeout(180_000);
      const base = baseURL ?? '';
      const exhibitPath = `/cases/${data.caseId}/exhibits/${data.exhibitId}`;

      // The clerk sets the deadline on the case's manage page, a week ahead.
      const clerk = await personPage(browser, base, locale, demoEmail('clerk'));
      await clerk.goto(`/cases/${data.caseId}/manage`);
      const day = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
      await clerk.getByTestId('deadline-form').locator('input[name="date"]').fill(day);
      await clerk.getByRole('button', { name: w.saveDeadline }).click();
      await expect(clerk.getByTestId('deadline-saved')).toContainText(w.deadlineSaved);

      // The defendant sees the deadline, is refused an empty opinion by the portal's own summary…
      const defendant = await personPage(browser, base, locale, data.defendant.email, data.defendant.password);
      await defendant.goto(`/cases/${data.caseId}`);
      await expect(defendant.getByTestId('exchange-deadline')).toHaveAttribute('data-passed', 'false');
      await defendant.goto(exhibitPath);
      await expect(defendant.getByTestId('exchange-deadline')).toHaveAttribute('data-passed', 'false');
      const form = defendant.getByTestId('opinion-form');
      await form.getByRole('button', { name: w.lodge }).click();
      const summary = defendant.getByTestId('opinion-errors');
      await expect(summary).toBeFocused();
      await expect(summary).toContainText(w.summary);
      await expect(summary).toContainText(w.positionMissing);
      await expect(summary.locator('li')).toHaveCount(3); // one per aspect

      // …then disputes authenticity with reasons, accepts the rest, names their own exhibit.
      const again = defendant.getByTestId('opinion-form');
      const aspect = (name: string) => again.locator(`[data-aspect="${name}"]`);
      await aspect('authenticity').getByRole('radio', { name: w.dispute, exact: true }).check();
      await again.getByLabel(w.authenticityReasons).fill(w.objection);
      await aspect('legality').getByRole('radio', { name: w.accept, exact: true }).check();
      await aspect('relevance').getByRole('radio', { name: w.accept, exact: true }).check();
      await again.getByLabel(w.counter).selectOption(data.counterExhibitId);
      await again.getByRole('button', { name: w.lodge }).click();
      await expect(defendant.getByTestId('opinion-saved')).toBeVisible();
      const opinion = defendant.getByTestId('opinion');
      await expect(opinion).toHaveCount(1);
      await expect(opinion).toHaveAttribute('data-late', 'false');
      await expect(opinion.locator('[data-aspect="authenticity"]')).toHaveAttribute('data-position', 'dispute');
      await expect(opinion).toContainText(w.objection);
      await expect(opinion.getByTestId('counter-evidence').getByRole('link')).toHaveAttribute(
        'href',
        `/cases/${data.caseId}/exhibits/${data.counterExhibitId}`,
      );
      // The defendant cannot reply to their own opinion.
      await expect(defendant.getByTestId('reply-form')).toHaveCount(0);

      // The plaintiff sees the opinion and replies; they cannot lodge one on their own exhibit.
      const plaintiff = await personPage(browser, base, locale, data.plaintiff.email, data.plaintiff.password);
      await plaintiff.goto(exhibitPath);
      await expect(plaintiff.getByTestId('opinion')).toContainText(w.objection);
      await expect(plaintiff.getByTestId('opinion-form')).toHaveCount(0);
      await plaintiff.locator('summary', { hasText: w.replySummary }).click();
      await plaintiff.getByTestId('reply-form').getByRole('textbox').fill(w.replyText);
      await plaintiff.getByRole('button', { name: w.reply }).click();
      await expect(plaintiff.getByTestId('reply-saved')).toBeVisible();
      await expect(plaintiff.getByTestId('reply')).toContainText(w.replyText);

      // The judge: the empty determination is caught by the portal's summary, not the browser.
      const judge = await personPage(browser, base, locale, demoEmail('judge'));
      await judge.goto(exhibitPath);
      await expect(judge.getByTestId('opinion')).toContainText(w.objection);
      await expect(judge.getByTestId('reply')).toContainText(w.replyText);
      const determination = judge.getByTestId('determination-form');
      await expect(determination).toHaveAttribute('novalidate', '');
      await expect(determination.locator('[required]')).toHaveCount(0);
      await determination.getByRole('button', { name: w.record }).click();
      const refused = judge.getByTestId('determination-errors');
      await expect(refused).toBeFocused();
      await expect(refused).toContainText(w.summary);
      await expect(refused).toContainText(w.outcomeMissing);
      await expect(refused).toContainText(w.reasoningMissing);
      const reasoning = judge.locator('#determination-reasoning');
      expect(await reasoning.evaluate((el: HTMLTextAreaElement) => el.validationMessage)).toBe('');
      await expect(reasoning).toHaveAttribute('aria-invalid', 'true');

      // Every opinion lodged so far is listed to tick; the judge answers the objection.
      const form2 = judge.getByTestId('determination-form');
      await expect(form2.getByRole('checkbox')).toHaveCount(1);
      await form2.getByRole('checkbox').check();
      await form2.getByRole('radio', { name: w.accepted, exact: true }).check();
      await form2.getByRole('textbox').fill(w.reasoning);
      await form2.getByRole('button', { name: w.record }).click();
      await expect(judge.getByTestId('determination-saved')).toBeVisible();

      // Both parties and the judge see all of it.
      for (const person of [judge, plaintiff, defendant]) {
        await person.goto(exhibitPath);
        const o = person.getByTestId('opinion');
        await expect(o).toContainText(w.objection);
        await expect(o.getByTestId('reply')).toContainText(w.replyText);
        await expect(o.getByTestId('answered')).toHaveAttribute('data-answered', 'true');
        const d = person.getByTestId('determinations').locator('li').first();
        await expect(d).toHaveAttribute('data-outcome', 'accepted');
        await expect(d).toContainText(w.reasoning);
        await expect(d.getByTestId('determination-answers')).toHaveText(w.answers);
      }

      // The custody log holds each event, and the whole log verifies.
      // (The case page shows the newest entries only; the custody page filters by kind.)
      for (const [kind, actions] of [
        ['exchange', ['case.exchange_deadline_set', 'exhibit.opinion_lodged', 'exhibit.opinion_replied']],
        ['determination', ['exhibit.determined']],
      ] as const) {
        await plaintiff.goto(`/cases/${data.caseId}/custody?kind=${kind}`);
        const log = plaintiff.getByTestId('custody-log-table');
        for (const action of actions) {
          await expect(log.locator(`[data-action="${action}"]`).first(), action).toBeVisible();
        }
      }
      const audit = await auditVerify();
      expect(audit.code, audit.out).toBe(0);
      expect(audit.out).toMatch(/intact/);

      await Promise.all([clerk, defendant, plaintiff, judge].map((p: Page) => p.context().close()));
    });

    test('an objection after the deadline is marked late for everyone, in the custody log too', async ({
      browser,
      baseURL,
    }) => {
      test.setTimeout(120_000);
      const base = baseURL ?? '';
      const clerk = await personPage(browser, base, locale, demoEmail('clerk'));
      await clerk.goto(`/cases/${data.caseId}/manage`);
      await clerk.getByTestId('deadline-form').locator('input[name="date"]').fill('2026-01-05');
      await clerk.getByRole('button', { name: w.saveDeadline }).click();
      await expect(clerk.getByTestId('deadline-saved')).toBeVisible();

      const defendant = await personPage(browser, base, locale, data.defendant.email, data.defendant.password);
      await defendant.goto(`/cases/${data.caseId}/exhibits/${data.exhibitId}`);
      await expect(defendant.getByTestId('exchange-deadline')).toHaveAttribute('data-passed', 'true');
      await expect(defendant.getByTestId('late-warning')).toBeVisible();
      // An objection: authenticity disputed with reasons, the rest accepted.
      const form = defendant.getByTestId('opinion-form');
      await form.locator('[data-aspect="authenticity"]').getByRole('radio', { name: w.dispute, exact: true }).check();
      await form.getByLabel(w.authenticityReasons).fill(w.lateObjection);
      for (const name of ['legality', 'relevance']) {
        await form.locator(`[data-aspect="${name}"]`).getByRole('radio', { name: w.accept, exact: true }).check();
      }
      await form.getByRole('button', { name: w.lodge }).click();
      await expect(defendant.getByTestId('opinion-saved')).toBeVisible();

      for (const person of [
        defendant,
        await personPage(browser, base, locale, data.plaintiff.email, data.plaintiff.password),
        await personPage(browser, base, locale, demoEmail('judge')),
      ]) {
        await person.goto(`/cases/${data.caseId}/exhibits/${data.exhibitId}`);
        const late = person.getByTestId('opinion').filter({ has: person.getByTestId('late-mark') });
        await expect(late).toHaveCount(1);
        await expect(late).toContainText(w.late);
        await expect(person.locator('[data-testid="opinion"][data-late="false"]')).toHaveCount(1);

        // The custody log says the same to each of them: the objection is marked late, with the
        // deadline it missed, its three positions and its reasons; the opinion on time is not.
        await person.goto(`/cases/${data.caseId}/custody?kind=exchange`);
        const lodged = person
          .getByTestId('custody-log-table')
          .locator('[data-action="exhibit.opinion_lodged"]')
          .filter({ has: person.getByTestId('late-mark') });
        await expect(lodged).toHaveCount(1);
        await expect(lodged.getByTestId('late-mark')).toHaveText(`⚠ ${w.late}`);
        await expect(lodged.getByTestId('exchange-late')).toContainText(w.lateDetail);
        await expect(lodged.getByTestId('exchange-line')).toHaveText(w.opinionLine);
        await expect(lodged.getByTestId('exchange-positions')).toHaveText(w.positions);
        await lodged.getByTestId('exchange-texts').locator('summary').click();
        await expect(lodged.getByTestId('exchange-texts')).toContainText(w.lateObjection);
        await expect(
          person.locator('[data-action="exhibit.opinion_lodged"]').filter({ hasNot: person.getByTestId('late-mark') }),
        ).toHaveCount(1);
        await person.context().close();
      }
      await clerk.context().close();
    });
  });
}
