/**
 * The browser client against the real route handlers (app/api/v1/…/uploads), called in-process
 * through a fetch that routes to them; only the session lookup is replaced. Dropped connections
 * are simulated by handing the server half a body that then fails, as a reset socket does.
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { POST as createUpload } from '@/app/api/v1/cases/[caseId]/uploads/route';
import {
  DELETE as deleteUpload,
  GET as getUpload,
  HEAD as headUpload,
  PATCH as patchUpload,
} from '@/app/api/v1/uploads/[id]/route';
import type { Actor } from '@/lib/auth/actor';
import { getCurrentUser } from '@/lib/auth/session';
import { getPool } from '@/lib/db/pool';
import { documented } from '@/test/api/openapi-check';
import { buildCase, buildUser } from '@/test/builders';
import { buildUploader, digestsOf } from './evidence.testing';
import { isUploadError, type UploadProgress, uploadFile } from './upload-client';

vi.mock('@/lib/auth/session', () => ({ getCurrentUser: vi.fn() }));

// Every answer of the route handlers is checked against the served OpenAPI document.
const createRoute = documented('POST', '/cases/{caseId}/uploads', createUpload);
const patchRoute = documented('PATCH', '/uploads/{id}', patchUpload);
const headRoute = documented('HEAD', '/uploads/{id}', headUpload);
const getRoute = documented('GET', '/uploads/{id}', getUpload);
const deleteRoute = documented('DELETE', '/uploads/{id}', deleteUpload);

let uploader: Awaited<ReturnType<typeof buildUploader>>;
let signedIn: Actor | null;

beforeAll(async () => {
  uploader = await buildUploader();
});

beforeEach(() => {
  signedIn = uploader.actor;
  vi.mocked(getCurrentUser).mockImplementation(async () => signedIn);
});

const BASE = 'http://verity.test';

type Hook = (request: Request, upload: { id: string; offset: number }) => Promise<Response | undefined> | undefined;

/** A fetch that serves the upload routes in-process; `hook` may answer a PATCH itself. */
function serverFetch(hook?: Hook): typeof fetch & { calls: string[] } {
  const calls: string[] = [];
  const impl = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    calls.push(`${request.method} ${url.pathname}`);
    const create = url.pathname.match(/^\/api\/v1\/cases\/([^/]+)\/uploads$/);
    if (create && request.method === 'POST') {
      return createRoute(request, { params: Promise.resolve({ caseId: decodeURIComponent(create[1] ?? '') }) });
    }
    const one = url.pathname.match(/^\/api\/v1\/uploads\/([^/]+)$/);
    if (!one) return new Response('no route', { status: 404 });
    const context = { params: Promise.resolve({ id: decodeURIComponent(one[1] ?? '') }) };
    switch (request.method) {
      case 'PATCH': {
        const answer = await hook?.(request, {
          id: one[1] ?? '',
          offset: Number(request.headers.get('upload-offset')),
        });
        return answer ?? patchRoute(request, context);
      }
      case 'HEAD':
        return headRoute(request, context);
      case 'GET':
        return getRoute(request, context);
      case 'DELETE':
        return deleteRoute(request, context);
    }
    return new Response('method', { status: 405 });
  };
  return Object.assign(impl as typeof fetch, { calls });
}

function file(bytes: Uint8Array, name = 'evidence.mp4'): File {
  return new File([new Uint8Array(bytes)], name, { type: 'video/mp4' });
}

async function uploadRow(id: string) {
  return (await getPool().query('SELECT status, received FROM uploads WHERE id = $1', [id])).rows[0];
}

describe('uploadFile against the route handlers', () => {
  it('uploads in slices, reports progress, and returns the server digests', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const progress: UploadProgress[] = [];
    const fetch = serverFetch();
    const result = await uploadFile(file(bytes), {
      caseId: uploader.caseId,
      ...digestsOf(bytes),
      chunkSize: 1024 * 1024,
      fetch,
      baseUrl: BASE,
      onProgress: (p) => progress.push(p),
    });
    expect(result).toMatchObject({ size: bytes.length, ...digestsOf(bytes) });
    expect(fetch.calls.filter((c) => c.startsWith('PATCH'))).toHaveLength(4);
    expect(progress.map((p) => p.bytesSent)).toEqual([0, 1, 2, 3].map((i) => i * 1024 * 1024).concat(bytes.length));
    expect(progress.at(-1)?.percent).toBe(100);
    expect(await uploadRow(result.id)).toMatchObject({ status: 'complete' });
  });

  it('resumes from the offset the server recorded after a connection drops mid-slice', async () => {
    const bytes = randomBytes(2 * 1024 * 1024);
    let dropped = 0;
    const offsets: number[] = [];
    const fetch = serverFetch(async (request, upload) => {
      offsets.push(upload.offset);
      if (dropped > 0 || upload.offset !== 1024 * 1024) return undefined;
      dropped++;
      // The server gets 300 000 bytes of the slice, then the socket resets.
      const body = new Uint8Array(await request.arrayBuffer()).subarray(0, 300_000);
      let pulls = 0;
      const broken = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pulls++ === 0) controller.enqueue(body);
          else controller.error(new Error('aborted'));
        },
      });
      await patchRoute(
        new Request(request.url, {
          method: 'PATCH',
          headers: request.headers,
          body: broken,
          duplex: 'half',
        } as RequestInit),
        {
          params: Promise.resolve({ id: upload.id }),
        },
      );
      throw new TypeError('fetch failed');
    });
    const result = await uploadFile(file(bytes), {
      caseId: uploader.caseId,
      ...digestsOf(bytes),
      chunkSize: 1024 * 1024,
      retryDelayMs: 10,
      fetch,
      baseUrl: BASE,
    });
    expect(result).toMatchObject(digestsOf(bytes));
    expect(dropped).toBe(1);
    // The slice after the drop starts where the server's kept bytes end.
    expect(offsets).toEqual([0, 1024 * 1024, 1024 * 1024 + 300_000]);
    const afterDrop = fetch.calls.slice(fetch.calls.findIndex((c) => c.startsWith('HEAD')));
    expect(afterDrop[0]).toMatch(/^HEAD /);
    expect(afterDrop.slice(1).every((c) => c.startsWith('PATCH'))).toBe(true);
  });

  it('waits and retries when the person has too many PATCHes in flight (429); a full store (507) is not retried', async () => {
    const bytes = randomBytes(64 * 1024);
    let limited = 0;
    const fetch = serverFetch(async () => {
      if (limited++ > 0) return undefined;
      return Response.json(
        { error: { code: 'RATE_LIMITED', message: 'You are already sending 4 uploads at once.' } },
        { status: 429, headers: { 'Retry-After': '5' } },
      );
    });
    const options = { caseId: uploader.caseId, ...digestsOf(bytes), retryDelayMs: 10, fetch, baseUrl: BASE };
    await expect(uploadFile(file(bytes), options)).resolves.toMatchObject(digestsOf(bytes));
    expect(limited).toBeGreaterThan(1);

    const full = serverFetch(async () =>
      Response.json(
        {
          error: {
            code: 'INSUFFICIENT_STORAGE',
            message: 'The server’s evidence store is full.',
            details: { offset: 0 },
          },
        },
        { status: 507 },
      ),
    );
    const error = await uploadFile(file(bytes), { ...options, fetch: full }).catch((e: unknown) => e);
    expect(isUploadError(error, 'REFUSED')).toBe(true);
    expect(error).toMatchObject({
      serverCode: 'INSUFFICIENT_STORAGE',
      message: 'The server’s evidence store is full.',
    });
    expect(full.calls.filter((c) => c.startsWith('PATCH'))).toHaveLength(1);
  });

  it('refuses a lying client with DIGEST_MISMATCH', async () => {
    const a = randomBytes(100_000);
    const b = randomBytes(100_000);
    const error = await uploadFile(file(b), {
      caseId: uploader.caseId,
      ...digestsOf(a),
      fetch: serverFetch(),
      baseUrl: BASE,
    }).catch((e: unknown) => e);
    expect(isUploadError(error, 'DIGEST_MISMATCH')).toBe(true);
    expect((error as Error).message).toContain('does not match');
  });

  it('cancels: the request stops, the upload is deleted, the promise rejects with AbortError', async () => {
    const bytes = randomBytes(3 * 1024 * 1024);
    const controller = new AbortController();
    let id = '';
    const fetch = serverFetch((_request, upload) => {
      id = upload.id;
      if (upload.offset >= 1024 * 1024) controller.abort();
      return undefined;
    });
    const error = await uploadFile(file(bytes), {
      caseId: uploader.caseId,
      ...digestsOf(bytes),
      chunkSize: 1024 * 1024,
      signal: controller.signal,
      fetch,
      baseUrl: BASE,
    }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
    expect(fetch.calls.at(-1)).toBe(`DELETE /api/v1/uploads/${id}`);
    expect(await uploadRow(id)).toBeUndefined();
  });

  it('gives typed errors: too large, forbidden, signed out', async () => {
    const bytes = randomBytes(100);
    const options = { caseId: uploader.caseId, ...digestsOf(bytes), fetch: serverFetch(), baseUrl: BASE };
    process.env.VERITY_MAX_UPLOAD_BYTES = '99';
    try {
      const tooLarge = await uploadFile(file(bytes), options).catch((e: unknown) => e);
      expect(isUploadError(tooLarge, 'PAYLOAD_TOO_LARGE')).toBe(true);
    } finally {
      delete process.env.VERITY_MAX_UPLOAD_BYTES;
    }
    const judge = (await buildUser({ role: 'judge', courtId: uploader.courtId })).actor;
    const judged = await buildCase(uploader.courtId, [{ userId: judge.id, role: 'judge' }]);
    signedIn = judge;
    const forbidden = await uploadFile(file(bytes), { ...options, caseId: judged.id }).catch((e: unknown) => e);
    expect(isUploadError(forbidden, 'FORBIDDEN')).toBe(true);
    expect(isUploadError(await uploadFile(file(bytes), options).catch((e: unknown) => e), 'NOT_FOUND')).toBe(true);
    signedIn = null;
    expect(isUploadError(await uploadFile(file(bytes), options).catch((e: unknown) => e), 'UNAUTHENTICATED')).toBe(
      true,
    );
  });
});

describe('storage quotas through the routes and the client', () => {
  it("answers a person's full quota with 413 and a case's with 409, and the client says so at once", async () => {
    const own = await buildUploader();
    signedIn = own.actor;
    const first = randomBytes(6000);
    const second = randomBytes(5000);
    const fetch_ = serverFetch();
    const options = (bytes: Uint8Array) => ({ caseId: own.caseId, ...digestsOf(bytes), fetch: fetch_, baseUrl: BASE });
    vi.stubEnv('VERITY_PERSON_QUOTA_BYTES', '10000');
    try {
      await uploadFile(file(first), options(first));
      const person = await uploadFile(file(second), options(second)).catch((e: unknown) => e);
      expect(isUploadError(person, 'QUOTA_EXCEEDED')).toBe(true);
      expect(person).toMatchObject({
        status: 413,
        serverCode: 'PAYLOAD_TOO_LARGE',
        details: { quota: 'person', usedBytes: 6000, allowedBytes: 10000, fileBytes: 5000 },
      });
      expect((person as Error).message).toMatch(/hold 5\.9 KiB of the 9\.8 KiB you may use/);

      vi.stubEnv('VERITY_PERSON_QUOTA_BYTES', '');
      vi.stubEnv('VERITY_CASE_QUOTA_BYTES', '10000');
      const kase = await uploadFile(file(second), options(second)).catch((e: unknown) => e);
      expect(isUploadError(kase, 'QUOTA_EXCEEDED')).toBe(true);
      expect(kase).toMatchObject({
        status: 409,
        serverCode: 'CONFLICT',
        details: { quota: 'case', usedBytes: 6000, allowedBytes: 10000, fileBytes: 5000 },
      });
      // Refused at the POST, which is not retried: a second POST would start a second upload.
      expect(fetch_.calls.filter((c) => c.startsWith('POST'))).toHaveLength(3);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('the upload routes', () => {
  it('refuse state-changing requests without X-Verity-Upload, or marked cross-site (CSRF)', async () => {
    const params = Promise.resolve({ caseId: uploader.caseId });
    const json = { 'content-type': 'application/json' };
    const body = JSON.stringify({ fileName: 'a', mediaType: 'text/plain', size: 1, ...digestsOf(Buffer.from('a')) });
    const bare = await createRoute(new Request(`${BASE}/x`, { method: 'POST', headers: json, body }), { params });
    expect(bare.status).toBe(403);
    const crossSite = await createRoute(
      new Request(`${BASE}/x`, {
        method: 'POST',
        headers: { ...json, 'x-verity-upload': '1', 'sec-fetch-site': 'cross-site' },
        body,
      }),
      { params },
    );
    expect(crossSite.status).toBe(403);
    const created = await createRoute(
      new Request(`${BASE}/x`, { method: 'POST', headers: { ...json, 'x-verity-upload': '1' }, body }),
      { params },
    );
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(created.headers.get('location')).toBe(`/api/v1/uploads/${id}`);
    const context = { params: Promise.resolve({ id }) };
    const patch = (headers: Record<string, string>) =>
      patchRoute(new Request(`${BASE}/x`, { method: 'PATCH', headers, body: 'a' }), context);
    expect((await patch({ 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' })).status).toBe(403);
    expect((await deleteRoute(new Request(`${BASE}/x`, { method: 'DELETE' }), context)).status).toBe(403);
    const wrongType = await patch({ 'content-type': 'text/plain', 'upload-offset': '0', 'x-verity-upload': '1' });
    expect(wrongType.status).toBe(415);
    const wrongOffset = await patch({
      'content-type': 'application/offset+octet-stream',
      'upload-offset': '1',
      'x-verity-upload': '1',
    });
    expect(wrongOffset.status).toBe(409);
    expect(wrongOffset.headers.get('upload-offset')).toBe('0');
    expect(await wrongOffset.json()).toMatchObject({ error: { code: 'CONFLICT', details: { offset: 0 } } });
    const done = await patch({
      'content-type': 'application/offset+octet-stream',
      'upload-offset': '0',
      'x-verity-upload': '1',
    });
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ id, status: 'complete', size: 1, ...digestsOf(Buffer.from('a')) });
    const head = await headRoute(new Request(`${BASE}/x`, { method: 'HEAD' }), context);
    expect(
      Object.fromEntries(
        ['upload-offset', 'upload-length', 'upload-status', 'cache-control'].map((h) => [h, head.headers.get(h)]),
      ),
    ).toEqual({
      'upload-offset': '1',
      'upload-length': '1',
      'upload-status': 'complete',
      'cache-control': 'no-store',
    });
  });
});
