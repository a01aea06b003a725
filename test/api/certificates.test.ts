/**
 * The certificate API through its route handlers, on the real database (only the session lookup
 * is replaced): the court key in both forms; the signed file — which names people in full — only
 * to the people of the case or with the check code (header or query), refused otherwise without a
 * name in the answer; the status, public, with the clerks' names masked; clean 404s.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GET as getCertificateRoute } from '@/app/api/v1/certificates/[id]/route';
import { GET as getStatusRoute } from '@/app/api/v1/certificates/[id]/status/route';
import { GET as getCourtKeyRoute } from '@/app/api/v1/certificates/key/route';
import { GET as getLogKeyRoute } from '@/app/api/v1/log/key/route';
import type { Actor } from '@/lib/auth/actor';
import { addressKey } from '@/lib/auth/client-address';
import { getCurrentUser } from '@/lib/auth/session';
import { certificateSigningBytes } from '@/lib/certificates/format/canonical';
import { certificateCheckCode, formatCheckCode } from '@/lib/certificates/format/check-code';
import { verifyCertificate } from '@/lib/certificates/format/verify-certificate';
import { getCertificateFile } from '@/lib/certificates/get-certificate-file';
import { issueCertificate } from '@/lib/certificates/issue-certificate';
import { maskPersonName } from '@/lib/certificates/mask-person-name';
import { revokeCertificate } from '@/lib/certificates/revoke-certificate';
import { getDb } from '@/lib/db/client';
import { buildCourtroom, depositSealed, digestsOf, randomEvidence } from '@/lib/exhibits/exhibits.testing';
import { submitHashOnlyExhibit } from '@/lib/exhibits/submit-exhibit';
import { canonicalJson } from '@/lib/ledger/statement/canonical-json';
import { documented } from './openapi-check';

// Every answer these tests receive is checked against the served OpenAPI document.
const getCertificate = documented('GET', '/certificates/{id}', getCertificateRoute);
const getStatus = documented('GET', '/certificates/{id}/status', getStatusRoute);
const getCourtKey = documented('GET', '/certificates/key', getCourtKeyRoute);
const getLogKey = documented('GET', '/log/key', getLogKeyRoute);

vi.mock('@/lib/auth/session', () => ({ getCurrentUser: vi.fn() }));

const context = (id: string) => ({ params: Promise.resolve({ id }) });
/** Each test file's requests come from an address of its own, so its wrong codes count only here. */
const ADDRESS = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.7`;
const request = (path: string, headers: Record<string, string> = {}) =>
  new Request(`http://verity.test/api/v1/certificates/${path}`, {
    headers: { 'x-forwarded-for': ADDRESS, ...headers },
  });

let signedIn: Actor | null = null;
beforeEach(() => {
  signedIn = null;
  vi.mocked(getCurrentUser).mockImplementation(async () => signedIn);
});

async function clearWrongCodes() {
  await getDb().loginThrottle.deleteMany({ where: { key: `certificate-lookup:${addressKey(ADDRESS)}` } });
}

let room: Awaited<ReturnType<typeof buildCourtroom>>;
let certificateId: string;
let bytes: Uint8Array;
/** The exact bytes the route serves: the canonical JSON of the file as filed. */
let filed: string;
let code: string;

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
  const file = await getCertificateFile(certificateId);
  if (!file) throw new Error('the certificate was not filed');
  filed = canonicalJson(file);
  code = certificateCheckCode(file.body);
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

/** Someone else's code: the same alphabet and length, one character changed. */
const wrongCode = () => (code.startsWith('2') ? `3${code.slice(1)}` : `2${code.slice(1)}`);

/** Every name the signed body carries in full, none of which a refusal may contain. */
const names = () => [room.plaintiff.user.name, room.clerk.user.name];

describe('GET /api/v1/certificates/{id}', () => {
  it('serves the case’s people the certificate as filed (canonical JSON), with its status; it verifies with the published keys', async () => {
    signedIn = room.plaintiff.actor;
    const response = await getCertificate(request(certificateId), context(certificateId));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('verity-certificate-status')).toBe('valid');
    const text = await response.text();
    expect(text).toBe(filed);
    const file = JSON.parse(text);
    expect(canonicalJson(file)).toBe(text);
    expect(new TextDecoder().decode(certificateSigningBytes(file.body))).toBe(canonicalJson(file.body));
    expect(text).toContain(room.plaintiff.user.name);

    const courtPublicKey = (await (await getCourtKey(request('key'))).text()).trim();
    const logVerifierKey = (await (await getLogKey()).text()).trim();
    const check = verifyCertificate(text, { courtPublicKey, logVerifierKey, fileDigests: digestsOf(bytes) });
    expect(check.checks.filter((c) => !c.ok)).toEqual([]);

    // The judge and the clerk of the case too.
    for (const actor of [room.judge.actor, room.clerk.actor]) {
      signedIn = actor;
      const again = await getCertificate(request(certificateId), context(certificateId));
      expect(again.status).toBe(200);
      expect(await again.text()).toBe(filed);
    }
  });

  it('refuses an anonymous reader without a code: 403 CHECK_CODE_REQUIRED, no name in the answer', async () => {
    const response = await getCertificate(request(certificateId), context(certificateId));
    expect(response.status).toBe(403);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'CHECK_CODE_REQUIRED' } });
    for (const name of names()) expect(text).not.toContain(name);
    expect(text).not.toContain(room.caseA.caseNumber);
  });

  it('refuses a signed-in stranger (another case’s party, another court’s clerk) without a code', async () => {
    for (const actor of [room.stranger.actor, room.otherClerk.actor, room.otherJudge.actor]) {
      signedIn = actor;
      const response = await getCertificate(request(certificateId), context(certificateId));
      expect(response.status).toBe(403);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'CHECK_CODE_REQUIRED' } });
      for (const name of names()) expect(text).not.toContain(name);
    }
  });

  it('serves anyone who gives the right code, in the header or the query, as printed or as typed: the exact bytes', async () => {
    await clearWrongCodes();
    for (const given of [code, formatCheckCode(code), ` ${code.toLowerCase()} `]) {
      const byHeader = await getCertificate(
        request(certificateId, { 'verity-check-code': given }),
        context(certificateId),
      );
      expect(byHeader.status).toBe(200);
      expect(byHeader.headers.get('cache-control')).toBe('private, no-store');
      expect(await byHeader.text()).toBe(filed);
    }
    const byQuery = await getCertificate(
      request(`${certificateId}?code=${encodeURIComponent(formatCheckCode(code))}`),
      context(certificateId),
    );
    expect(byQuery.status).toBe(200);
    expect(await byQuery.text()).toBe(filed);
    // A signed-in stranger with the code is served too: the code is what counts.
    signedIn = room.stranger.actor;
    const stranger = await getCertificate(
      request(certificateId, { 'verity-check-code': code }),
      context(certificateId),
    );
    expect(await stranger.text()).toBe(filed);
  });

  it('refuses a wrong or malformed code: 403 CHECK_CODE_WRONG, no name in the answer; the header wins over the query', async () => {
    await clearWrongCodes();
    for (const headers of [{ 'verity-check-code': wrongCode() }, { 'verity-check-code': 'abc' }]) {
      const response = await getCertificate(request(certificateId, headers), context(certificateId));
      expect(response.status).toBe(403);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'CHECK_CODE_WRONG' } });
      for (const name of names()) expect(text).not.toContain(name);
    }
    const byQuery = await getCertificate(request(`${certificateId}?code=${wrongCode()}`), context(certificateId));
    expect(byQuery.status).toBe(403);
    const both = await getCertificate(
      request(`${certificateId}?code=${code}`, { 'verity-check-code': wrongCode() }),
      context(certificateId),
    );
    expect(both.status).toBe(403);
  });

  it('counts wrong codes per address with the lookup’s limit: locked out after 10, right codes included', async () => {
    await clearWrongCodes();
    for (let i = 0; i < 10; i++) {
      const wrong = await getCertificate(
        request(certificateId, { 'verity-check-code': wrongCode() }),
        context(certificateId),
      );
      expect(wrong.status).toBe(403);
    }
    const locked = await getCertificate(request(certificateId, { 'verity-check-code': code }), context(certificateId));
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await locked.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    // Another address is not held back; the case's people are never asked for a code.
    const elsewhere = await getCertificate(
      request(certificateId, { 'verity-check-code': code, 'x-forwarded-for': `${ADDRESS.slice(0, -1)}8` }),
      context(certificateId),
    );
    expect(elsewhere.status).toBe(200);
    signedIn = room.defendant.actor;
    expect((await getCertificate(request(certificateId), context(certificateId))).status).toBe(200);
    await clearWrongCodes();
  });

  it('says revoked in the header once revoked, still served to those allowed; the status carries the reason, names masked', async () => {
    await revokeCertificate(room.clerk.actor, certificateId, { reason: 'issued for the wrong exhibit' });
    signedIn = room.plaintiff.actor;
    const party = await getCertificate(request(certificateId), context(certificateId));
    expect(party.status).toBe(200);
    expect(party.headers.get('verity-certificate-status')).toBe('revoked');
    expect(await party.text()).toBe(filed);
    signedIn = null;
    const withCode = await getCertificate(
      request(certificateId, { 'verity-check-code': code }),
      context(certificateId),
    );
    expect(withCode.status).toBe(200);
    expect(withCode.headers.get('verity-certificate-status')).toBe('revoked');
    expect(await withCode.text()).toBe(filed);
    const refused = await getCertificate(request(certificateId), context(certificateId));
    expect(refused.status).toBe(403);

    const status = await getStatus(request(`${certificateId}/status`), context(certificateId));
    expect(status.status).toBe(200);
    expect(status.headers.get('cache-control')).toBe('no-cache');
    const text = await status.text();
    expect(JSON.parse(text)).toMatchObject({
      state: 'revoked',
      certificate: {
        id: certificateId,
        caseNumber: room.caseA.caseNumber,
        issuer: maskPersonName(room.clerk.user.name),
      },
      revocation: { reason: 'issued for the wrong exhibit', by: maskPersonName(room.clerk.user.name) },
    });
    for (const name of names()) expect(text).not.toContain(name);
  });

  it('answers 404 with a JSON error (file, code or not) and { state: "unknown" } (status) for other IDs', async () => {
    for (const id of [randomUUID(), 'not-a-uuid']) {
      for (const headers of [{}, { 'verity-check-code': code }] as Record<string, string>[]) {
        const response = await getCertificate(request(id, headers), context(id));
        expect(response.status).toBe(404);
        expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
      }
      const status = await getStatus(request(`${id}/status`), context(id));
      expect(status.status).toBe(404);
      expect(await status.json()).toEqual({ state: 'unknown' });
    }
  });
});
