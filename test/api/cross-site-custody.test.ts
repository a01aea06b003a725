/**
 * Issue #21, findings 4 and 6, through the route handlers on the real database (only the session
 * lookup is replaced, as in certificate-downloads.test.ts). A GET that records a custody event —
 * an exhibit's file, a certificate's PDF, a case's certificates.zip — records it only when the
 * browser says the request came from the portal's own pages (Sec-Fetch-Site same-origin) or from
 * the person's own navigation (none); another site's request gets a 403 page with a button and
 * records nothing, and the button's address (with its token, for browsers that send no
 * Sec-Fetch-Site) then works. Exhibit downloads keep names with ' ( ) * in them.
 */
import { randomUUID } from 'node:crypto';
import { parse } from 'content-disposition';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GET as getZipRoute } from '@/app/api/v1/cases/[caseId]/certificates.zip/route';
import { GET as getPdfRoute } from '@/app/api/v1/certificates/[id]/pdf/route';
import { GET as getFileRoute } from '@/app/api/v1/exhibits/[exhibitId]/file/route';
import type { Actor } from '@/lib/auth/actor';
import { getCurrentUser } from '@/lib/auth/session';
import { type CertifiedExhibit, certifiedExhibit } from '@/lib/certificates/certificate-downloads.testing';
import { getPool } from '@/lib/db/pool';
import { appendToUpload } from '@/lib/evidence/append-to-upload';
import { createUpload } from '@/lib/evidence/create-upload';
import { buildCourtroom, digestsOf, randomEvidence } from '@/lib/exhibits/exhibits.testing';
import { submitFileExhibit } from '@/lib/exhibits/submit-exhibit';
import { documented } from './openapi-check';

const getFile = documented('GET', '/exhibits/{exhibitId}/file', getFileRoute);
const getPdf = documented('GET', '/certificates/{id}/pdf', getPdfRoute);
const getZip = documented('GET', '/cases/{caseId}/certificates.zip', getZipRoute);

vi.mock('@/lib/auth/session', () => ({ getCurrentUser: vi.fn() }));

type Room = Awaited<ReturnType<typeof buildCourtroom>>;
const NAME = "O'Brien (final) *signed* 证据.pdf";
const savedSecret = process.env.NEXTAUTH_SECRET;
let room: Room;
let certified: CertifiedExhibit;
let fileExhibitId: string;
let signedIn: Actor | null;

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET = 'a test secret of at least thirty-two characters';
  room = await buildCourtroom();
  certified = await certifiedExhibit(room);
  const bytes = randomEvidence(1024);
  const upload = await createUpload(room.plaintiff.actor, room.caseA.id, {
    fileName: NAME,
    mediaType: 'application/pdf',
    size: bytes.byteLength,
    ...digestsOf(bytes),
  });
  await appendToUpload(
    room.plaintiff.actor,
    upload.id,
    0,
    (async function* () {
      yield bytes;
    })(),
  );
  fileExhibitId = (await submitFileExhibit(room.plaintiff.actor, room.caseA.id, { uploadId: upload.id, title: NAME }))
    .id;
});

afterAll(() => {
  if (savedSecret === undefined) delete process.env.NEXTAUTH_SECRET;
  else process.env.NEXTAUTH_SECRET = savedSecret;
});

beforeEach(() => {
  signedIn = room.defendant.actor;
  vi.mocked(getCurrentUser).mockImplementation(async () => signedIn);
});

/** Requests the way a browser sends them: `site` is Sec-Fetch-Site (null: not sent). */
function request(path: string, site: string | null, extra: Record<string, string> = {}): Request {
  const headers: Record<string, string> = { ...extra };
  if (site !== null) headers['sec-fetch-site'] = site;
  return new Request(`http://10.0.0.7:3000${path}`, { headers });
}

async function events(action: string, subjectId: string, actorId: string): Promise<number> {
  const { rows } = await getPool().query(
    'SELECT 1 FROM audit_events WHERE action = $1 AND subject_id = $2 AND actor_id = $3',
    [action, subjectId, actorId],
  );
  return rows.length;
}

const ROUTES = [
  {
    name: 'an exhibit’s file',
    action: 'exhibit.downloaded',
    path: () => `/api/v1/exhibits/${fileExhibitId}/file`,
    subject: () => fileExhibitId,
    call: (r: Request) => getFile(r, { params: Promise.resolve({ exhibitId: fileExhibitId }) }),
    button: '下载此证据',
  },
  {
    name: 'a certificate’s PDF',
    action: 'certificate.downloaded',
    path: () => `/api/v1/certificates/${certified.certificateId}/pdf`,
    subject: () => certified.certificateId,
    call: (r: Request) => getPdf(r, { params: Promise.resolve({ id: certified.certificateId }) }),
    button: '下载此核验证书（PDF）',
  },
  {
    name: 'a case’s certificates.zip',
    action: 'certificate.downloaded',
    path: () => `/api/v1/cases/${room.caseA.id}/certificates.zip`,
    subject: () => certified.certificateId,
    call: (r: Request) => getZip(r, { params: Promise.resolve({ caseId: room.caseA.id }) }),
    button: '下载本案的核验证书（ZIP）',
  },
];

describe.each(ROUTES)('GET $name', (route) => {
  it.each(['cross-site', 'same-site'])('Sec-Fetch-Site: %s — the button page, no custody event', async (site) => {
    const actor = room.defendant.actor;
    const before = await events(route.action, route.subject(), actor.id);
    const response = await route.call(request(route.path(), site));
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('content-disposition')).toBeNull();
    // Nothing but its text, its inline style and the link may run or load on it.
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
    );
    const html = await response.text();
    expect(html).toContain(`data-site="${site}"`);
    expect(html).toContain(route.button);
    const href = /<a href="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(href.replaceAll('&#38;', '&').split('?')[0]).toBe(route.path());
    expect(await events(route.action, route.subject(), actor.id)).toBe(before);
  });

  it('Sec-Fetch-Site: same-origin or none — served, one custody event each', async () => {
    const actor = room.judge.actor;
    signedIn = actor;
    const before = await events(route.action, route.subject(), actor.id);
    for (const site of ['same-origin', 'none']) {
      const response = await route.call(request(route.path(), site));
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
    expect(await events(route.action, route.subject(), actor.id)).toBe(before + 2);
  });

  it('no Sec-Fetch-Site: the button page, whose link (with its token) is then served', async () => {
    const actor = room.clerk.actor;
    signedIn = actor;
    const before = await events(route.action, route.subject(), actor.id);
    const first = await route.call(request(route.path(), null));
    expect(first.status).toBe(403);
    const html = await first.text();
    const href = (/<a href="([^"]+)"/.exec(html)?.[1] ?? '').replaceAll('&#38;', '&');
    expect(href).toMatch(/\?confirm=\d+\.[A-Za-z0-9_-]{43}$/);
    expect(await events(route.action, route.subject(), actor.id)).toBe(before);
    // Another person cannot use this person's button.
    signedIn = room.plaintiff.actor;
    expect((await route.call(request(href, null))).status).toBe(403);
    signedIn = actor;
    const second = await route.call(request(href, null));
    expect(second.status).toBe(200);
    await second.arrayBuffer();
    expect(await events(route.action, route.subject(), actor.id)).toBe(before + 1);
  });

  it('the page is in the reader’s language (NEXT_LOCALE)', async () => {
    const response = await route.call(request(route.path(), 'cross-site', { cookie: 'a=b; NEXT_LOCALE=en' }));
    const html = await response.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Did you mean to open this?');
  });

  it('answers someone outside the case 404, as before, not the button page', async () => {
    signedIn = room.stranger.actor;
    for (const site of ['cross-site', null]) expect((await route.call(request(route.path(), site))).status).toBe(404);
  });

  it('still answers 401 without a session, before any page', async () => {
    signedIn = null;
    expect((await route.call(request(route.path(), 'cross-site'))).status).toBe(401);
  });
});

describe('exhibit download names (finding 6)', () => {
  it("keeps ' ( ) * and Chinese in the name a browser saves", async () => {
    const response = await getFile(request(`/api/v1/exhibits/${fileExhibitId}/file`, 'same-origin'), {
      params: Promise.resolve({ exhibitId: fileExhibitId }),
    });
    await response.arrayBuffer();
    const header = response.headers.get('content-disposition') ?? '';
    expect(parse(header)).toEqual({ type: 'attachment', parameters: { filename: NAME } });
    expect(header).toContain("filename*=UTF-8''O%27Brien%20%28final%29%20%2Asigned%2A%20");
  });

  it('an unknown exhibit is still a 404 for a same-origin request', async () => {
    const id = randomUUID();
    const response = await getFile(request(`/api/v1/exhibits/${id}/file`, 'same-origin'), {
      params: Promise.resolve({ exhibitId: id }),
    });
    expect(response.status).toBe(404);
  });
});
