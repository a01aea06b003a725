/**
 * The certificate API through its route handlers, on the real database: the court key in both
 * forms, the file as filed with its status header, the status, and clean 404s.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as getCertificateRoute } from '@/app/api/v1/certificates/[id]/route';
import { GET as getStatusRoute } from '@/app/api/v1/certificates/[id]/status/route';
import { GET as getCourtKeyRoute } from '@/app/api/v1/certificates/key/route';
import { GET as getLogKeyRoute } from '@/app/api/v1/log/key/route';
import { certificateSigningBytes } from '@/lib/certificates/format/canonical';
import { verifyCertificate } from '@/lib/certificates/format/verify-certificate';
import { issueCertificate } from '@/lib/certificates/issue-certificate';
import { revokeCertificate } from '@/lib/certificates/revoke-certificate';
import { buildCourtroom, depositSealed, digestsOf, randomEvidence } from '@/lib/exhibits/exhibits.testing';
import { submitHashOnlyExhibit } from '@/lib/exhibits/submit-exhibit';
import { canonicalJson } from '@/lib/ledger/statement/canonical-json';
import { documented } from './openapi-check';

// Every answer these tests receive is checked against the served OpenAPI document.
const getCertificate = documented('GET', '/certificates/{id}', getCertificateRoute);
const getStatus = documented('GET', '/certificates/{id}/status', getStatusRoute);
const getCourtKey = documented('GET', '/certificates/key', getCourtKeyRoute);
const getLogKey = documented('GET', '/log/key', getLogKeyRoute);

const context = (id: string) => ({ params: Promise.resolve({ id }) });
const request = (path: string, headers: Record<string, string> = {}) =>
  new Request(`http://verity.test/api/v1/certificates/${path}`, { headers });

let room: Awaited<ReturnType<typeof buildCourtroom>>;
let certificateId: string;
let bytes: Uint8Array;

beforeAll(async () => {
  room = await buildCourtroom();
  bytes = randomEvidence();
  const depositId = await depositSealed(bytes);
  const exhibit = await submitHashOnlyExhibit(room.plaintiff.actor, room.caseA.id, {
    title: 'contract',
    ...digestsOf(bytes),
    claimedDepositId: depositId,
  });
  certificateId = (await issueCertificate(room.clerk.actor, exhibit.id)).id;
});

describe('GET /api/v1/certificates/key', () => {
  it('serves the court key as base64 text, and as JSON on request', async () => {
    const text = await getCourtKey(request('key'));
    expect(text.headers.get('content-type')).toMatch(/^text\/plain/);
    const key = (await text.text()).trim();
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
    const json = await getCourtKey(request('key', { accept: 'application/json' }));
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await json.json()).toEqual({
      algorithm: 'ed25519',
      keyId: expect.stringMatching(/^[0-9a-f]{8}$/),
      publicKey: key,
    });
  });
});

describe('GET /api/v1/certificates/{id}', () => {
  it('serves the certificate as filed (canonical JSON), with its status; it verifies with the published keys', async () => {
    const response = await getCertificate(request(certificateId), context(certificateId));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    expect(response.headers.get('verity-certificate-status')).toBe('valid');
    const text = await response.text();
    const file = JSON.parse(text);
    expect(canonicalJson(file)).toBe(text);
    expect(new TextDecoder().decode(certificateSigningBytes(file.body))).toBe(canonicalJson(file.body));

    const courtPublicKey = (await (await getCourtKey(request('key'))).text()).trim();
    const logVerifierKey = (await (await getLogKey()).text()).trim();
    const check = verifyCertificate(text, { courtPublicKey, logVerifierKey, fileDigests: digestsOf(bytes) });
    expect(check.checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('says revoked in the header once revoked; the status carries the reason', async () => {
    await revokeCertificate(room.clerk.actor, certificateId, { reason: 'issued for the wrong exhibit' });
    const response = await getCertificate(request(certificateId), context(certificateId));
    expect(response.headers.get('verity-certificate-status')).toBe('revoked');
    const status = await getStatus(request(`${certificateId}/status`), context(certificateId));
    expect(status.status).toBe(200);
    expect(status.headers.get('cache-control')).toBe('no-cache');
    expect(await status.json()).toMatchObject({
      state: 'revoked',
      certificate: { id: certificateId, caseNumber: room.caseA.caseNumber },
      revocation: { reason: 'issued for the wrong exhibit', by: room.clerk.user.name },
    });
  });

  it('answers 404 with a JSON error (file) and { state: "unknown" } (status) for other IDs', async () => {
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const response = await getCertificate(request(id), context(id));
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
      const status = await getStatus(request(`${id}/status`), context(id));
      expect(status.status).toBe(404);
      expect(await status.json()).toEqual({ state: 'unknown' });
    }
  });
});
