/**
 * Issue #5 acceptance: the authorisation matrix over HTTP. Every page and route handler in app/
 * that touches cases, exhibits, stored files, uploads, the docket, deposits or accounts, asked by
 * every demo account and by someone signed out, with the answer the policy gives
 * (lib/cases/access.ts: a case you may not see does not exist for you — 404, never 403; an action
 * your role lacks on a case you see is 403; a page for one role is 403 for the others).
 *
 * Case A is （2026）京0491民初1234号 (litigant@ plaintiff, defendant@ defendant, judge@, clerk@);
 * case B is （2026）京0491民初1235号 (defendant@ plaintiff, judge@, clerk@; litigant@ is a stranger
 * to it). Their IDs and their exhibits' IDs are read from the links a member of both sees.
 *
 * Server actions have no URL: the domain functions behind them are in
 * lib/cases/authorization-matrix.test.ts, with the database-level proof that nothing the custody
 * log recorded can be deleted.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { APIRequestContext, APIResponse, Browser } from '@playwright/test';
import { DEMO_CASES, DEMO_EXHIBITS } from '../../prisma/seed/demo-data';
import { test as base, demoEmail, expect, signInOverHttp } from '../fixtures';

const WHO = ['anonymous', 'litigant', 'defendant', 'judge', 'clerk', 'admin', 'depositor'] as const;
type Who = (typeof WHO)[number];

/** A redirect (307) to the sign-in page, which comes back to the page afterwards. */
const SIGN_IN = 'sign-in';
type Answer = 200 | 201 | 204 | 401 | 403 | 404 | 405 | typeof SIGN_IN;

/** The upload routes' CSRF header (lib/evidence/upload-protocol.ts UPLOAD_CSRF_HEADER). */
const CSRF = { 'X-Verity-Upload': '1' };
const NO_CSRF = `without ${Object.keys(CSRF)[0]}`;
const CROSS_SITE = 'Sec-Fetch-Site: cross-site';
const NO_API_KEY = 'session cookie, no API key';

type Row = readonly [route: string, answers: readonly Answer[], note?: string];

/*
 * Placeholders: {A}, {B} the two demo cases; {eA}, {eB} a file exhibit of each (the seeded
 * contract and chat export); {X} a UUID that names nothing; {D} a deposit on the public ledger;
 * {U} an upload litigant@ (plaintiff) makes to case A just before the request, {UB} one
 * defendant@ makes to case B.
 */

/** Pages: GET, redirects not followed. */
// biome-ignore format: the policy reads as a table, one column per person
const PAGES: readonly Row[] = [
  //                                      anonymous litigant defendant judge clerk admin depositor
  ['GET /home',                            [SIGN_IN,  200,     200,      200,  200,  200,  200]],
  ['GET /cases/{A}',                       [SIGN_IN,  200,     200,      200,  200,  404,  404]],
  ['GET /cases/{B}',                       [SIGN_IN,  404,     200,      200,  200,  404,  404]],
  ['GET /cases/{X}',                       [SIGN_IN,  404,     404,      404,  404,  404,  404]],
  ['GET /cases/{A}/exhibits/{eA}',         [SIGN_IN,  200,     200,      200,  200,  404,  404]],
  ['GET /cases/{B}/exhibits/{eB}',         [SIGN_IN,  404,     200,      200,  200,  404,  404]],
  ['GET /cases/{A}/exhibits/{eB}',         [SIGN_IN,  404,     404,      404,  404,  404,  404], 'exhibit of the other case'],
  ['GET /cases/{A}/exhibits/{X}',          [SIGN_IN,  404,     404,      404,  404,  404,  404]],
  // Issue #17: the custody log page, for whoever may see the case; a malformed filter is the
  // page's error summary (200) for them, and still nothing (404) for anyone else.
  ['GET /cases/{A}/custody',               [SIGN_IN,  200,     200,      200,  200,  404,  404]],
  ['GET /cases/{B}/custody',               [SIGN_IN,  404,     200,      200,  200,  404,  404]],
  ['GET /cases/{X}/custody',               [SIGN_IN,  404,     404,      404,  404,  404,  404]],
  ['GET /cases/{A}/custody?kind=bogus',    [SIGN_IN,  200,     200,      200,  200,  404,  404]],
  ['GET /cases/{B}/custody?from=2026-02-30', [SIGN_IN, 404,    200,      200,  200,  404,  404]],
  ['GET /home?status=bogus&page=x',        [SIGN_IN,  200,     200,      200,  200,  200,  200]],
  // The docket: for clerks (of the case's court) only; a role check first, so 403 for anyone else.
  ['GET /cases/{A}/manage',                [SIGN_IN,  403,     403,      403,  200,  403,  403]],
  ['GET /cases/{B}/manage',                [SIGN_IN,  403,     403,      403,  200,  403,  403]],
  ['GET /cases/{X}/manage',                [SIGN_IN,  403,     403,      403,  404,  403,  403]],
  ['GET /cases/new',                       [SIGN_IN,  403,     403,      403,  200,  403,  403]],
  ['GET /deposit',                         [SIGN_IN,  403,     403,      403,  403,  403,  200]],
  // Issue #17: a depositor organisation's own deposit history.
  ['GET /deposit/history',                 [SIGN_IN,  403,     403,      403,  403,  403,  200]],
  ['GET /admin/users',                     [SIGN_IN,  403,     403,      403,  403,  200,  403]],
  ['GET /admin/sign-in',                   [SIGN_IN,  403,     403,      403,  403,  200,  403]],
  // The administration pages (issue #16): for administrators only; never a case's content.
  ['GET /admin/users/invite',              [SIGN_IN,  403,     403,      403,  403,  200,  403]],
  ['GET /admin/users/{X}',                 [SIGN_IN,  403,     403,      403,  403,  404,  403]],
  ['GET /admin/invitations',               [SIGN_IN,  403,     403,      403,  403,  200,  403]],
  ['GET /admin/depositors',                [SIGN_IN,  403,     403,      403,  403,  200,  403]],
  ['GET /admin/depositors/{X}',            [SIGN_IN,  403,     403,      403,  403,  404,  403]],
  ['GET /admin/court',                     [SIGN_IN,  403,     403,      403,  403,  200,  403]],
  // Issue #16: each person's own notifications; outgoing e-mail and the local mailbox for admins.
  ['GET /notifications',                   [SIGN_IN,  200,     200,      200,  200,  200,  200]],
  ['GET /admin/mail',                      [SIGN_IN,  403,     403,      403,  403,  200,  403]],
  ['GET /admin/mail/mailbox',              [SIGN_IN,  403,     403,      403,  403,  200,  403]],
];

/** Route handlers: JSON answers (401 for no session), redirects not followed. */
// biome-ignore format: the policy reads as a table, one column per person
const ROUTES: readonly Row[] = [
  //                                      anonymous litigant defendant judge clerk admin depositor
  ['GET /api/v1/exhibits/{eA}/file',       [401,      200,     200,      200,  200,  404,  404]],
  ['GET /api/v1/exhibits/{eB}/file',       [401,      404,     200,      200,  200,  404,  404]],
  ['GET /api/v1/exhibits/{X}/file',        [401,      404,     404,      404,  404,  404,  404]],
  // Next.js answers HEAD with the GET handler: the same checks.
  ['HEAD /api/v1/exhibits/{eA}/file',      [401,      200,     200,      200,  200,  404,  404]],
  ['HEAD /api/v1/exhibits/{eB}/file',      [401,      404,     200,      200,  200,  404,  404]],
  // Certificates as PDFs (issue #6): for the people of the case; a certificate's PDF follows its case
  // (e2e/certificates/clerk-issues.spec.ts asks with a real certificate).
  ['GET /api/v1/cases/{A}/certificates.zip',  [401,      200,     200,      200,  200,  404,  404]],
  ['GET /api/v1/cases/{B}/certificates.zip',  [401,      404,     200,      200,  200,  404,  404]],
  ['GET /api/v1/cases/{X}/certificates.zip',  [401,      404,     404,      404,  404,  404,  404]],
  ['HEAD /api/v1/cases/{A}/certificates.zip', [401,      200,     200,      200,  200,  404,  404]],
  ['GET /api/v1/certificates/{X}/pdf',        [401,      404,     404,      404,  404,  404,  404]],
  // The signed file (names in full): the case's people or the check code; an unknown ID is 404 for all
  // (test/api/certificates.test.ts asks with a real certificate, with and without its code).
  ['GET /api/v1/certificates/{X}',            [404,      404,     404,      404,  404,  404,  404]],
  // Exhibits are never deleted: there is no handler to ask, whoever asks.
  ['DELETE /api/v1/exhibits/{eA}/file',    [405,      405,     405,      405,  405,  405,  405]],
  ['DELETE /api/v1/exhibits/{eA}',         [404,      404,     404,      404,  404,  404,  404]],
  // Uploads: parties of an open case start them; nobody but the uploader sees or touches one.
  ['POST /api/v1/cases/{A}/uploads',       [401,      201,     201,      403,  403,  404,  404]],
  ['POST /api/v1/cases/{B}/uploads',       [401,      404,     201,      403,  403,  404,  404]],
  ['POST /api/v1/cases/{X}/uploads',       [401,      404,     404,      404,  404,  404,  404]],
  ['POST /api/v1/cases/{A}/uploads',       [403,      403,     403,      403,  403,  403,  403], NO_CSRF],
  ['POST /api/v1/cases/{A}/uploads',       [403,      403,     403,      403,  403,  403,  403], CROSS_SITE],
  ['GET /api/v1/uploads/{U}',              [401,      200,     404,      404,  404,  404,  404]],
  ['HEAD /api/v1/uploads/{U}',             [401,      200,     404,      404,  404,  404,  404]],
  ['PATCH /api/v1/uploads/{U}',            [401,      204,     404,      404,  404,  404,  404]],
  ['DELETE /api/v1/uploads/{U}',           [401,      204,     404,      404,  404,  404,  404]],
  ['GET /api/v1/uploads/{UB}',             [401,      404,     200,      404,  404,  404,  404]],
  ['PATCH /api/v1/uploads/{UB}',           [401,      404,     204,      404,  404,  404,  404]],
  ['DELETE /api/v1/uploads/{UB}',          [401,      404,     204,      404,  404,  404,  404]],
  ['GET /api/v1/uploads/{X}',              [401,      404,     404,      404,  404,  404,  404]],
  // The ledger: written with an API key only (a portal session is not one), read by anyone.
  ['POST /api/v1/deposits',                [401,      401,     401,      401,  401,  401,  401], NO_API_KEY],
  ['GET /api/v1/deposits/{D}',             [200,      200,     200,      200,  200,  200,  200]],
  // Issue #17: receipt files and deposit certificates of the depositor's own organisation ({D} is the
  // demo depositor's); other roles 403, a deposit that is not the organisation's 404.
  ['GET /deposit/receipt/{D}',             [401,      403,     403,      403,  403,  403,  200]],
  ['GET /deposit/receipt/{X}',             [401,      403,     403,      403,  403,  403,  404]],
  ['GET /deposit/certificate?id={D}',      [401,      403,     403,      403,  403,  403,  200]],
  ['GET /deposit/certificate?id={X}',      [401,      403,     403,      403,  403,  403,  404]],
];

interface Ids {
  A: string;
  B: string;
  eA: string;
  eB: string;
  D: string;
  X: string;
}

interface World {
  ids: Ids;
  as: (who: Who) => APIRequestContext;
}

const CASE_A = DEMO_CASES[0];
const CASE_B = DEMO_CASES[1];
const EXHIBIT_A = DEMO_EXHIBITS[0];
const EXHIBIT_B = DEMO_EXHIBITS[3];

/** What a refusal must never show: the demo cases' numbers and titles and their exhibits' titles. */
const SECRETS = [...DEMO_CASES.flatMap((c) => [c.caseNumber, c.title]), ...DEMO_EXHIBITS.map((e) => e.title)];

/** One signed-in request context per person (signing in costs an Argon2 hash: once per worker). */
const test = base.extend<Record<never, never>, { world: World }>({
  world: [
    async ({ playwright, browser }, use, workerInfo) => {
      const baseURL = workerInfo.project.use.baseURL;
      const contexts = new Map<Who, APIRequestContext>();
      for (const who of WHO) {
        // As the portal's own pages ask: the custody-recording GETs answer a request that says
        // nothing of where it came from with a button page (lib/auth/check-custody-request.ts).
        const context = await playwright.request.newContext({
          baseURL,
          extraHTTPHeaders: { 'sec-fetch-site': 'same-origin' },
        });
        if (who !== 'anonymous') await signInOverHttp(context, demoEmail(who));
        contexts.set(who, context);
      }
      const as = (who: Who) => contexts.get(who) as APIRequestContext;
      await use({ ids: await readIds(browser, baseURL, as('anonymous')), as });
      await Promise.all([...contexts.values()].map((c) => c.dispose()));
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

/** The IDs, from the links defendant@ (on both cases) sees, and the ledger's public lookup. */
async function readIds(browser: Browser, baseURL: string | undefined, anonymous: APIRequestContext): Promise<Ids> {
  if (!CASE_A || !CASE_B || !EXHIBIT_A || !EXHIBIT_B) throw new Error('the demo data has changed');
  const context = await browser.newContext({ baseURL });
  try {
    await signInOverHttp(context.request, demoEmail('defendant'));
    const page = await context.newPage();
    const lastSegment = async (href: string | null) => href?.split('/').pop() ?? '';
    // The docket is searched and paged (issue #17): search for each demo case by its number.
    const caseId = async (number: string) => {
      await page.goto(`/home?number=${encodeURIComponent(number)}`);
      return page.getByTestId('case-link').first().getAttribute('href').then(lastSegment);
    };
    const A = await caseId(CASE_A.caseNumber);
    const B = await caseId(CASE_B.caseNumber);
    const exhibitId = async (caseId: string, title: string) => {
      await page.goto(`/cases/${caseId}`);
      return lastSegment(
        await page.getByTestId('exhibit-link').filter({ hasText: title }).first().getAttribute('href'),
      );
    };
    const eA = await exhibitId(A, EXHIBIT_A.title);
    const eB = await exhibitId(B, EXHIBIT_B.title);

    const contract = await readFile(path.resolve('prisma/seed/files', EXHIBIT_A.file));
    const sha256 = createHash('sha256').update(contract).digest('hex');
    const found = (await (await anonymous.get(`/api/v1/deposits?sha256=${sha256}`)).json()) as {
      deposits: Array<{ id: string }>;
    };
    const ids = { A, B, eA, eB, D: found.deposits[0]?.id ?? '', X: randomUUID() };
    for (const [name, id] of Object.entries(ids)) {
      if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error(`could not read the ID of ${name}: ${JSON.stringify(id)}`);
    }
    return ids;
  } finally {
    await context.close();
  }
}

/** A new 16-byte file as the upload routes expect it declared (lib/evidence/upload.schema.ts). */
function newFile() {
  const bytes = randomBytes(16);
  return {
    bytes,
    declared: {
      fileName: 'matrix.bin',
      mediaType: 'application/octet-stream',
      size: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      sm3: createHash('sm3').update(bytes).digest('hex'),
    },
  };
}

async function startUpload(context: APIRequestContext, caseId: string): Promise<string> {
  const response = await context.post(`/api/v1/cases/${caseId}/uploads`, { headers: CSRF, data: newFile().declared });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** The request a row describes, with what its route expects (headers, a body). */
function send(context: APIRequestContext, method: string, url: string, note?: string): Promise<APIResponse> {
  const options = { method, maxRedirects: 0 } as const;
  if (method === 'POST' && url.endsWith('/uploads')) {
    const headers = note === NO_CSRF ? {} : note === CROSS_SITE ? { ...CSRF, 'Sec-Fetch-Site': 'cross-site' } : CSRF;
    return context.fetch(url, { ...options, headers, data: newFile().declared });
  }
  if (method === 'PATCH' && url.startsWith('/api/v1/uploads/')) {
    const headers = { ...CSRF, 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': '0' };
    return context.fetch(url, { ...options, headers, data: newFile().bytes.subarray(0, 1) });
  }
  if (method === 'DELETE' && url.startsWith('/api/v1/uploads/')) {
    return context.fetch(url, { ...options, headers: CSRF });
  }
  if (method === 'POST' && url === '/api/v1/deposits') {
    const sha256 = randomBytes(32).toString('hex');
    return context.fetch(url, { ...options, data: { digests: { sha256 }, title: 'authorisation matrix' } });
  }
  return context.fetch(url, options);
}

async function expectAnswer(response: APIResponse, expected: Answer, method: string, url: string): Promise<void> {
  const what = `${method} ${url}`;
  if (expected === SIGN_IN) {
    expect(response.status(), what).toBe(307);
    expect(response.headers().location, what).toBe(`/sign-in?callbackUrl=${encodeURIComponent(url)}`);
    return;
  }
  const body = method === 'HEAD' ? '' : await response.text();
  expect(response.status(), `${what}: ${body.slice(0, 300)}`).toBe(expected);
  if (expected >= 400) {
    // A refusal says nothing about the case or exhibit it names.
    for (const secret of SECRETS) expect(body, `${what} shows "${secret}"`).not.toContain(secret);
  }
}

for (const [route, answers, note] of [...PAGES, ...ROUTES]) {
  const [method = '', template = ''] = route.split(' ');
  WHO.forEach((who, i) => {
    const expected = answers[i] as Answer;
    test(`${route}${note ? ` (${note})` : ''} as ${who}: ${expected}`, async ({ world }) => {
      const { ids } = world;
      // An upload made a moment ago by its owner, for the rows about one upload.
      const owner = template.includes('{U}') ? 'litigant' : template.includes('{UB}') ? 'defendant' : null;
      const uploadId = owner ? await startUpload(world.as(owner), owner === 'litigant' ? ids.A : ids.B) : '';
      try {
        const url = template
          .replace('{UB}', uploadId)
          .replace('{U}', uploadId)
          .replace(/\{(A|B|eA|eB|D|X)\}/g, (_, key: keyof Ids) => ids[key]);
        const response = await send(world.as(who), method, url, note);
        await expectAnswer(response, expected, method, url);

        if (expected === 200 && url.endsWith('/file')) {
          expect(response.headers()['content-disposition']).toMatch(/^attachment;/);
        }
        if (expected === 200 && template.startsWith('/cases/{')) {
          const shown = template.startsWith('/cases/{A}') ? CASE_A : CASE_B;
          expect(await response.text()).toContain(shown?.caseNumber);
        }
        if (expected === 201) {
          // Started for this test only: cancelled again.
          const location = response.headers().location ?? '';
          expect(location).toMatch(/^\/api\/v1\/uploads\/[0-9a-f-]{36}$/);
          expect((await world.as(who).delete(location, { headers: CSRF })).status()).toBe(204);
        }
        if (owner) {
          // Nobody but the owner changed the upload: it is still there, no byte added.
          const after = await world.as(owner).get(`/api/v1/uploads/${uploadId}`);
          if (method === 'DELETE' && expected === 204) {
            expect(after.status()).toBe(404);
          } else {
            expect(after.status()).toBe(200);
            const { offset } = (await after.json()) as { offset: number };
            expect(offset).toBe(method === 'PATCH' && expected === 204 ? 1 : 0);
          }
        }
      } finally {
        if (owner) await world.as(owner).delete(`/api/v1/uploads/${uploadId}`, { headers: CSRF });
      }
    });
  });
}

test('the exhibits nobody could delete are all still there, and download as before', async ({ world }) => {
  for (const exhibitId of [world.ids.eA, world.ids.eB]) {
    const response = await world.as('judge').get(`/api/v1/exhibits/${exhibitId}/file`);
    expect(response.status()).toBe(200);
    const digest = createHash('sha256')
      .update(await response.body())
      .digest('base64');
    expect(response.headers()['repr-digest']).toBe(`sha-256=:${digest}:`);
  }
});
