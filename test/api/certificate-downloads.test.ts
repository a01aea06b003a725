/**
 * The certificate download routes through their handlers, on the real database; only the session
 * lookup is replaced. GET /api/v1/certificates/{id}/pdf and GET /api/v1/cases/{id}/certificates.zip:
 * 401 without a session, 404 outside the case, the file with its headers for the case's people,
 * the check URL under NEXTAUTH_URL; HEAD records nothing.
 */
import { randomUUID } from 'node:crypto';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GET as getZipRoute, HEAD as headZipRoute } from '@/app/api/v1/cases/[caseId]/certificates.zip/route';
import { GET as getPdfRoute, HEAD as headPdfRoute } from '@/app/api/v1/certificates/[id]/pdf/route';
import type { Actor } from '@/lib/auth/actor';
import { getCurrentUser } from '@/lib/auth/session';
import {
  buildCourtroom,
  type CertifiedExhibit,
  certifiedExhibit,
  type Room,
} from '@/lib/certificates/certificate-downloads.testing';
import type { CertificatesManifest } from '@/lib/certificates/get-case-certificates-zip';
import { revokeCertificate } from '@/lib/certificates/revoke-certificate';
import { getPool } from '@/lib/db/pool';
import { documented } from './openapi-check';

// Every answer these tests receive is checked against the served OpenAPI document.
const getZip = documented('GET', '/cases/{caseId}/certificates.zip', getZipRoute);
const headZip = documented('HEAD', '/cases/{caseId}/certificates.zip', headZipRoute);
const getPdf = documented('GET', '/certificates/{id}/pdf', getPdfRoute);
const headPdf = documented('HEAD', '/certificates/{id}/pdf', headPdfRoute);

vi.mock('@/lib/auth/session', () => ({ getCurrentUser: vi.fn() }));

const PUBLIC = 'https://verity.court.example';
const savedUrl = process.env.NEXTAUTH_URL;
let room: Room;
let certified: CertifiedExhibit;
let signedIn: Actor | null;

beforeAll(async () => {
  process.env.NEXTAUTH_URL = PUBLIC;
  room = await buildCourtroom();
  certified = await certifiedExhibit(room);
});

afterAll(() => {
  if (savedUrl === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = savedUrl;
});

beforeEach(() => {
  signedIn = room.plaintiff.actor;
  vi.mocked(getCurrentUser).mockImplementation(async () => signedIn);
});

/** As the case page's links are followed (cross-site requests: cross-site-custody.test.ts). */
const FROM_THE_PORTAL = { 'sec-fetch-site': 'same-origin' };
const pdfRequest = (id: string, method = 'GET') =>
  [
    new Request(`http://10.0.0.7:3000/api/v1/certificates/${id}/pdf`, { method, headers: FROM_THE_PORTAL }),
    { params: Promise.resolve({ id }) },
  ] as const;
const zipRequest = (caseId: string, method = 'GET') =>
  [
    new Request(`http://10.0.0.7:3000/api/v1/cases/${caseId}/certificates.zip`, { method, headers: FROM_THE_PORTAL }),
    { params: Promise.resolve({ caseId }) },
  ] as const;

async function downloadEvents(certificateId: string): Promise<number> {
  const { rows } = await getPool().query(
    "SELECT 1 FROM audit_events WHERE subject_id = $1 AND action = 'certificate.downloaded'",
    [certificateId],
  );
  return rows.length;
}

describe('GET /api/v1/certificates/{id}/pdf', () => {
  it('serves the case’s people the PDF as an attachment named by its number, with its status and digest', async () => {
    for (const who of [room.plaintiff, room.defendant, room.judge, room.clerk]) {
      signedIn = who.actor;
      const response = await getPdf(...pdfRequest(certified.certificateId));
      expect(response.status).toBe(200);
      expect(Object.fromEntries(response.headers)).toMatchObject({
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="${certified.number}.pdf"; filename*=UTF-8''${certified.number}.pdf`,
        'verity-certificate-status': 'valid',
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      });
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(response.headers.get('content-length')).toBe(String(bytes.length));
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const digest = (await import('node:crypto')).createHash('sha256').update(bytes).digest('base64');
      expect(response.headers.get('repr-digest')).toBe(`sha-256=:${digest}:`);
      // The QR code and link name the public origin, not the host the request reached.
      expect(bytes.includes(`${PUBLIC}/certificates/${certified.certificateId}`)).toBe(true);
      expect(bytes.includes('10.0.0.7')).toBe(false);
    }
  });

  it('answers 401 without a session and 404 outside the case or for unknown IDs', async () => {
    signedIn = null;
    expect((await getPdf(...pdfRequest(certified.certificateId))).status).toBe(401);
    for (const who of [room.stranger, room.otherClerk, room.admin]) {
      signedIn = who.actor;
      const response = await getPdf(...pdfRequest(certified.certificateId));
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No such certificate.' } });
    }
    signedIn = room.clerk.actor;
    for (const id of [randomUUID(), 'nope']) expect((await getPdf(...pdfRequest(id))).status).toBe(404);
  });

  it('HEAD: the same answers, no body, no custody event', async () => {
    const fresh = await certifiedExhibit(room, 'head');
    const ok = await headPdf(...pdfRequest(fresh.certificateId, 'HEAD'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-disposition')).toBe(
      `attachment; filename="${fresh.number}.pdf"; filename*=UTF-8''${fresh.number}.pdf`,
    );
    expect(await ok.text()).toBe('');
    signedIn = room.stranger.actor;
    expect((await headPdf(...pdfRequest(fresh.certificateId, 'HEAD'))).status).toBe(404);
    expect(await downloadEvents(fresh.certificateId)).toBe(0);
  });

  it('says revoked in the header once revoked', async () => {
    const fresh = await certifiedExhibit(room, 'to revoke');
    await revokeCertificate(room.clerk.actor, fresh.certificateId, { reason: 'wrong file' });
    const response = await getPdf(...pdfRequest(fresh.certificateId));
    expect(response.headers.get('verity-certificate-status')).toBe('revoked');
  });
});

describe('GET /api/v1/cases/{caseId}/certificates.zip', () => {
  it('serves the case’s people a ZIP whose manifest hashes match its files', async () => {
    signedIn = room.defendant.actor;
    const response = await getZip(...zipRequest(room.caseA.id));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    const disposition = response.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(
      /^attachment; filename="certificates\.zip"; filename\*=UTF-8''[A-Za-z0-9%._~!$&+^`|#-]+$/,
    );
    expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? '')).toBe(`${room.caseA.caseNumber}-certificates.zip`);
    const entries = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as CertificatesManifest;
    expect(manifest.files.length).toBeGreaterThan(0);
    const { createHash } = await import('node:crypto');
    for (const f of manifest.files) {
      expect(
        createHash('sha256')
          .update(entries[f.name] as Uint8Array)
          .digest('hex'),
      ).toBe(f.sha256);
      expect(f.checkUrl).toBe(`${PUBLIC}/certificates/${f.certificateId}`);
    }
  });

  it('answers 401 without a session, 404 outside the case; HEAD checks access only', async () => {
    signedIn = null;
    expect((await getZip(...zipRequest(room.caseA.id))).status).toBe(401);
    for (const who of [room.stranger, room.otherClerk, room.admin]) {
      signedIn = who.actor;
      expect((await getZip(...zipRequest(room.caseA.id))).status).toBe(404);
      expect((await headZip(...zipRequest(room.caseA.id, 'HEAD'))).status).toBe(404);
    }
    signedIn = room.judge.actor;
    expect((await getZip(...zipRequest(randomUUID()))).status).toBe(404);
    const head = await headZip(...zipRequest(room.caseA.id, 'HEAD'));
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('application/zip');
  });
});
