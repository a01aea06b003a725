/**
 * Issue #21, findings 4 and 6, in a real browser. A page on another origin (a second local server,
 * `localhost` where the portal is `127.0.0.1`: another site) links to an exhibit's download and
 * to the exhibit's page; the signed-in person's browser follows the links with the session cookie
 * (SameSite=Lax), and the portal answers a page with a button instead, recording nothing in the
 * custody log. The button then works and records one event. The download keeps its name, with
 * ' ( ) % ; spaces, Chinese and an emoji in it (RFC 6266/8187 Content-Disposition).
 */
import { custodyActions, makeNamedFileCase, type NamedFileCase } from '../data/data';
import { expect, test } from '../fixtures';
import { type OtherSite, startOtherSite } from './other-site';

const NAME = "起诉状 O'Brien (final) 100%; v2 📎.pdf";

// One worker: the case is made once (a process of its own, seconds under load), and each reading
// of the custody log is one too.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

let made: NamedFileCase;
let otherSite: OtherSite;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  made = await makeNamedFileCase(NAME);
  otherSite = await startOtherSite();
});

test.afterAll(async () => {
  await otherSite?.close();
});

const viaOtherSite = (portalUrl: string) => otherSite.linkingTo(portalUrl);
const count = (actions: string[], action: string) => actions.filter((a) => a === action).length;

test('a download linked from another site records nothing until the person presses the button', async ({
  page,
  signInAs,
  baseURL,
}) => {
  await signInAs('litigant');
  const before = count(await custodyActions(made.caseId), 'exhibit.downloaded');

  await page.goto(viaOtherSite(`${baseURL}/api/v1/exhibits/${made.exhibitId}/file`));
  await page.locator('#go').click();
  const confirm = page.getByTestId('custody-confirm');
  await expect(confirm).toBeVisible();
  await expect(confirm).toHaveAttribute('data-site', 'cross-site');
  expect(count(await custodyActions(made.caseId), 'exhibit.downloaded')).toBe(before);

  const downloading = page.waitForEvent('download');
  await page.getByTestId('custody-confirm-button').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(NAME);
  expect(count(await custodyActions(made.caseId), 'exhibit.downloaded')).toBe(before + 1);
});

test('the exhibit page linked from another site shows a button, then the page', async ({ page, signInAs, baseURL }) => {
  await signInAs('litigant');
  const before = count(await custodyActions(made.caseId), 'exhibit.viewed');

  await page.goto(viaOtherSite(`${baseURL}/cases/${made.caseId}/exhibits/${made.exhibitId}`));
  await page.locator('#go').click();
  await expect(page.getByTestId('custody-confirm')).toHaveAttribute('data-site', 'cross-site');
  await expect(page.getByTestId('exhibit-page')).toHaveCount(0);
  expect(count(await custodyActions(made.caseId), 'exhibit.viewed')).toBe(before);

  await page.getByTestId('custody-confirm-button').click();
  await expect(page.getByTestId('exhibit-page')).toBeVisible();
  expect(count(await custodyActions(made.caseId), 'exhibit.viewed')).toBe(before + 1);

  // From the portal's own page the download goes straight through, under its own name.
  const downloading = page.waitForEvent('download');
  await page.getByTestId('download-exhibit').click();
  expect((await downloading).suggestedFilename()).toBe(NAME);
});

test('a typed address or bookmark (Sec-Fetch-Site: none) opens the exhibit at once', async ({ page, signInAs }) => {
  await signInAs('litigant');
  await page.goto(`/cases/${made.caseId}/exhibits/${made.exhibitId}`);
  await expect(page.getByTestId('exhibit-page')).toBeVisible();
});
