/**
 * Issue #21, finding 8: no cache may serve a revoked certificate as valid. Every answer that
 * carries a certificate's status — the signed file (`Verity-Certificate-Status`), the public
 * status, the PDF — is either never stored (`no-store`) or stored only to be revalidated on every
 * use (`no-cache`, RFC 9111 §5.2.2.4) with a validator, whose revalidation after a revocation
 * gets the revoked state at once. Through the route handlers on the real database.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GET as getPdfRoute } from '@/app/api/v1/certificates/[id]/pdf/route';
import { GET as getCertificateRoute } from '@/app/api/v1/certificates/[id]/route';
import { GET as getStatusRoute } from '@/app/api/v1/certificates/[id]/status/route';
import type { Actor } from '@/lib/auth/actor';
import { getCurrentUser } from '@/lib/auth/session';
import {
  buildCourtroom,
  type CertifiedExhibit,
  certifiedExhibit,
  type Room,
} from '@/lib/certificates/certificate-downloads.testing';
import { revokeCertificate } from '@/lib/certificates/revoke-certificate';
import { documented } from './openapi-check';

const getCertificate = documented('GET', '/certificates/{id}', getCertificateRoute);
const getStatus = documented('GET', '/certificates/{id}/status', getStatusRoute);
const getPdf = documented('GET', '/certificates/{id}/pdf', getPdfRoute);

vi.mock('@/lib/auth/session', () => ({ getCurrentUser: vi.fn() }));

let room: Room;
let signedIn: Actor | null;

beforeAll(async () => {
  room = await buildCourtroom();
});
beforeEach(() => {
  signedIn = room.plaintiff.actor;
  vi.mocked(getCurrentUser).mockImplementation(async () => signedIn);
});

const context = (id: string) => ({ params: Promise.resolve({ id }) });
const request = (path: string, headers: Record<string, string> = {}) =>
  new Request(`http://verity.test/api/v1/certificates/${path}`, {
    headers: { 'sec-fetch-site': 'same-origin', ...headers },
  });

/** Cache-Control directives, lower case, without values. */
function directives(response: Response): Set<string> {
  return new Set(
    (response.headers.get('cache-control') ?? '')
      .split(',')
      .map((d) => d.trim().split('=')[0]?.toLowerCase() ?? '')
      .filter(Boolean),
  );
}

/** What RFC 9111 lets a shared cache do with it: never store, or store and revalidate every time with a validator. */
function neverServedStale(response: Response): boolean {
  const d = directives(response);
  if (d.has('no-store')) return true;
  const validator = response.headers.get('etag') ?? response.headers.get('last-modified');
  return d.has('no-cache') && validator !== null && !d.has('immutable');
}

async function revoked(certificate: CertifiedExhibit) {
  await revokeCertificate(room.clerk.actor, certificate.certificateId, { reason: 'the wrong exhibit' });
}

describe('every answer that carries a certificate’s status', () => {
  it('is never served stale by a cache: the signed file, the status and the PDF', async () => {
    const certificate = await certifiedExhibit(room, 'cached');
    const id = certificate.certificateId;
    const answers = [
      await getCertificate(request(id), context(id)),
      await getStatus(request(`${id}/status`), context(id)),
      await getPdf(request(`${id}/pdf`), context(id)),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(neverServedStale(answer), answer.headers.get('cache-control') ?? '(none)').toBe(true);
      expect(directives(answer).has('public')).toBe(false);
      await answer.arrayBuffer();
    }
    // The signed file and the PDF name people: never stored at all, not even by the browser.
    expect(directives(answers[0] as Response)).toEqual(new Set(['private', 'no-store']));
    expect(directives(answers[2] as Response)).toEqual(new Set(['private', 'no-store']));
  });
});

describe('GET /api/v1/certificates/{id}/status revalidation', () => {
  it('answers 304 while the state is the same, and the revoked state as soon as it is revoked', async () => {
    const certificate = await certifiedExhibit(room, 'revalidated');
    const id = certificate.certificateId;
    const first = await getStatus(request(`${id}/status`), context(id));
    expect(first.status).toBe(200);
    expect(((await first.json()) as { state: string }).state).toBe('valid');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);

    // What a shared cache asks before reusing its copy.
    const same = await getStatus(request(`${id}/status`, { 'if-none-match': etag }), context(id));
    expect(same.status).toBe(304);
    expect(same.headers.get('etag')).toBe(etag);
    expect(same.headers.get('cache-control')).toBe('no-cache');
    expect(await same.text()).toBe('');
    for (const list of [`W/${etag}`, `"other", ${etag}`, '*']) {
      expect((await getStatus(request(`${id}/status`, { 'if-none-match': list }), context(id))).status).toBe(304);
    }

    await revoked(certificate);
    const after = await getStatus(request(`${id}/status`, { 'if-none-match': etag }), context(id));
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(((await after.json()) as { state: string }).state).toBe('revoked');
  });

  it('answers an unknown ID 404 even with If-None-Match', async () => {
    const id = crypto.randomUUID();
    const response = await getStatus(request(`${id}/status`, { 'if-none-match': '*' }), context(id));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ state: 'unknown' });
  });
});
