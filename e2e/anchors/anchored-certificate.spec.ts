/**
 * Issue #19 acceptance, through the browser: the e2e server runs the demo chain (anvil) and the
 * demo time-stamping authority like `npm start`, anchoring every 2 s. On the exhibit page of a case
 * of this spec's own, the page says where the deposit is anchored ("anchored on … in block N",
 * "timestamped by … : the deposit existed no later than this"), read back from the chain in the
 * browser. A certificate the clerk issues then shows the chain, block and TSA time in its PDF, and
 * the offline checker (`npx verity verify-certificate`) passes with `--rpc` against the local chain
 * and the TSA root pinned, says "not checked" without `--rpc`, and fails when the anchor names a
 * second contract made to hold another root for the same size (a certificate re-signed with the
 * court's key: even the court cannot move an anchor).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ZCertificateFile } from '../../lib/certificates/format/certificate-body';
import { signCertificate } from '../../lib/certificates/format/sign-certificate';
import { extractAttachedCertificate } from '../../lib/certificates/pdf/pdf-attachment';
import { createCaseLikeDemo, createRogueAnchor, e2eServerEnv } from '../data/data';
import { demoEmail, expect, seriousA11yViolations, signInOverHttp, test } from '../fixtures';
import { chooseFiles, demoFile, fileRow, openVerifyPage, sealedDeposit } from '../verify/verify.helpers';

test.describe.configure({ mode: 'serial' });

let dir: string;

test.beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'verity-e2e-anchors-'));
});

test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function checker(...args: string[]): { status: number | null; output: string } {
  const run = spawnSync('npx', ['verity', 'verify-certificate', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

for (const locale of ['zh-CN', 'en'] as const) {
  test(`the exhibit page says where the deposit is anchored, checked in the browser (${locale})`, async ({
    page,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const made = await createCaseLikeDemo(0);
    const exhibit = made.exhibits.find((e) => e.verdict === 'consistent');
    if (!exhibit) throw new Error('the demo case has no consistent exhibit');
    await page.context().addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL ?? '' }]);
    await signInOverHttp(page.request, demoEmail('judge'));
    // Anchoring runs every 2 s: reload until the deposit's checkpoint is anchored and time-stamped.
    await expect(async () => {
      await page.goto(`/cases/${made.caseId}/exhibits/${exhibit.id}`);
      await expect(page.getByTestId('anchors')).toHaveAttribute('data-state', 'checked', { timeout: 5_000 });
    }).toPass({ timeout: 90_000 });
    const chain = page.getByTestId('anchor-chain');
    await expect(chain).toHaveAttribute('data-checked', 'true');
    await expect(chain).toContainText(locale === 'en' ? /Anchored on .+ in block \d+ at/ : /已锚定于.+第 \d+ 号区块/);
    await expect(chain).toContainText(locale === 'en' ? 'local demo chain' : '本地演示链');
    await expect(page.getByTestId('anchor-timestamp')).toContainText(
      locale === 'en'
        ? /Timestamped by .*Verity Demo TSA.* at .+: the deposit existed no later than this/
        : /由.*Verity Demo TSA.*签发——该存证不晚于此时已经存在/,
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
}

test('/verify says where a consistent file’s deposit is anchored, read back from the chain under the page’s CSP', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const file = demoFile(0);
  await sealedDeposit(page.request, file.sha256);
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await expect(async () => {
    await openVerifyPage(page);
    await chooseFiles(page, file.path);
    const row = fileRow(page, file.name);
    await expect(row).toHaveAttribute('data-verdict', 'consistent', { timeout: 20_000 });
    await expect(row.getByTestId('anchors')).toHaveAttribute('data-state', 'checked', { timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  const row = fileRow(page, file.name);
  await expect(row.getByTestId('anchor-chain')).toHaveAttribute('data-checked', 'true');
  await expect(row.getByTestId('anchor-chain')).toContainText(/已锚定于.+第 \d+ 号区块/);
  await expect(row.getByTestId('anchor-timestamp')).toContainText('该存证不晚于此时已经存在');
  expect(violations).toEqual([]);
});

test('a certificate issued after anchoring shows chain, block and TSA time, and the offline checker reads the chain', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const env = await e2eServerEnv();
  const rpc = env.VERITY_ANCHOR_RPC_URL ?? '';
  const rootFile = env.VERITY_TSA_ROOTS ?? '';
  expect(rpc).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const made = await createCaseLikeDemo(0);
  const exhibit = made.exhibits.find((e) => e.verdict === 'consistent');
  if (!exhibit) throw new Error('the demo case has no consistent exhibit');
  await signInOverHttp(page.request, demoEmail('clerk'));
  await expect(async () => {
    await page.goto(`/cases/${made.caseId}/exhibits/${exhibit.id}`);
    await expect(page.getByTestId('anchors')).toHaveAttribute('data-state', 'checked', { timeout: 5_000 });
  }).toPass({ timeout: 90_000 });

  const section = page.getByTestId('exhibit-certificates');
  await section.getByTestId('issue-certificate-button').click();
  const issued = section.getByTestId('certificate-issued');
  await expect(issued).toBeVisible({ timeout: 30_000 });
  const id = (await issued.getAttribute('data-certificate-id')) ?? '';
  // As the portal's own page asks (Playwright's API requests send no fetch metadata).
  const response = await page.request.get(`/api/v1/certificates/${id}/pdf`, {
    headers: { 'sec-fetch-site': 'same-origin' },
  });
  expect(response.status()).toBe(200);
  const pdf = path.join(dir, 'anchored.pdf');
  await writeFile(pdf, Buffer.from(await response.body()));

  const file = ZCertificateFile.parse(
    JSON.parse(new TextDecoder().decode(await extractAttachedCertificate(await readFile(pdf)))),
  );
  const anchor = file.body.anchor;
  if (!anchor?.evm || !anchor.timestamp)
    throw new Error(`the certificate carries no chain anchor and token: ${JSON.stringify(anchor)}`);
  // What a person reads: the chain, its block and the authority's time, in both languages.
  const text = spawnSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
  expect(text).toContain(`第${anchor.evm.blockNumber}号区块`);
  expect(text).toContain(`block${anchor.evm.blockNumber}`);
  expect(text).toContain('区块链锚定');
  expect(text).toContain('可信时间戳');
  expect(text).toContain('VerityDemoTSA');
  expect(text).toContain('thedepositexistednolaterthanthis');

  const keys = { court: path.join(dir, 'court.key'), log: path.join(dir, 'log.key') };
  await writeFile(keys.court, await (await page.request.get('/api/v1/certificates/key')).text());
  await writeFile(keys.log, await (await page.request.get('/api/v1/log/key')).text());
  const pinned = ['--court-key', keys.court, '--log-key', keys.log, '--tsa-root', rootFile];

  const read = checker(pdf, ...pinned, '--rpc', rpc);
  expect(read.status, read.output).toBe(0);
  expect(read.output).toMatch(/✓ anchor_checkpoint/);
  expect(read.output).toMatch(/✓ anchor_timestamp: time-stamped by .*Verity Demo TSA/);
  expect(read.output).toMatch(/✓ anchor_chain: anchored on .* in block \d+, read back from/);
  expect(read.output).toMatch(/Anchored on .* in block \d+ at .*, read back from the chain\./);
  expect(read.output).toMatch(/Timestamped by .* at .*: the deposit existed no later than this\./);

  const offline = checker(pdf, ...pinned);
  expect(offline.status, offline.output).toBe(0);
  expect(offline.output).toMatch(/– anchor_chain: not checked/);

  // A second contract made to hold another root for the anchored size, named by a certificate the
  // court re-signed: the signature holds, the chain does not.
  const landed = await createRogueAnchor(anchor.evm.treeSize);
  const forged = structuredClone(file.body);
  if (!forged.anchor?.evm) throw new Error('unreachable');
  forged.anchor.evm = {
    ...forged.anchor.evm,
    contract: landed.contract,
    transactionHash: landed.transactionHash,
    blockNumber: landed.blockNumber,
    blockHash: landed.blockHash,
  };
  const resigned = signCertificate(forged, new Uint8Array(Buffer.from(env.VERITY_COURT_SIGNER_KEY ?? '', 'base64')));
  const forgedFile = path.join(dir, 'forged.json');
  await writeFile(forgedFile, JSON.stringify(resigned));
  const refused = checker(forgedFile, ...pinned, '--rpc', rpc);
  expect(refused.status, refused.output).toBe(1);
  expect(refused.output).toMatch(/✓ signature/);
  expect(refused.output).toMatch(/✗ anchor_chain: the chain does not hold this anchor: .*root/i);
});
