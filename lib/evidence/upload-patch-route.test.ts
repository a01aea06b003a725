/**
 * Upload PATCHes answered by the front server itself (upload-patch-route.ts) on a real socket:
 * signed in by the real session cookie (next-auth's JWE with a `user_sessions` row), the same
 * answers as the Next.js route, and issue #21's limits seen from a client: 429 with Retry-After,
 * a stalled body ended with 408 and its bytes kept, a full disk answered 507 while the rest serves.
 * The upstream (Next.js) is a closed port: nothing here may reach it.
 */
import { randomBytes } from 'node:crypto';
import { rm, symlink } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { encode } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession } from '@/lib/auth/open-session';
import { getPool } from '@/lib/db/pool';
import { startFrontServer } from '@/lib/front/front-server';
import { evidenceConfig } from './config';
import { createUpload } from './create-upload';
import { buildUploader, digestsOf, randomFile } from './evidence.testing';
import { getUploadStatus } from './get-upload-status';
import { partPath } from './store-layout';

let front: http.Server;
let port: number;

beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString('base64');
  front = await startFrontServer({ port: 0, host: '127.0.0.1', upstream: { host: '127.0.0.1', port: 9 } });
  port = (front.address() as AddressInfo).port;
});

afterAll(async () => {
  front.closeAllConnections();
  await new Promise((resolve) => front.close(resolve));
});

/** A signed-in litigant with an open case, and their session cookie as the browser sends it. */
async function signedIn() {
  const uploader = await buildUploader();
  const sid = await openSession(uploader.actor.id);
  const jwe = await encode({
    token: { sub: uploader.actor.id, sid, role: 'litigant' },
    secret: process.env.NEXTAUTH_SECRET as string,
  });
  return { ...uploader, cookie: `other=1; next-auth.session-token=${jwe}` };
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A PATCH whose body is `chunks` sent one after another; `stall` leaves the body unfinished. */
function patch(
  id: string,
  offset: number,
  chunks: Uint8Array[],
  headers: Record<string, string>,
  options: { stall?: boolean; contentLength?: number } = {},
): { answer: Promise<Answer>; request: http.ClientRequest } {
  const request = http.request({
    host: '127.0.0.1',
    port,
    method: 'PATCH',
    path: `/api/v1/uploads/${id}`,
    agent: false,
    headers: {
      'content-type': 'application/offset+octet-stream',
      'upload-offset': String(offset),
      'x-verity-upload': '1',
      ...(options.contentLength !== undefined ? { 'content-length': String(options.contentLength) } : {}),
      ...headers,
    },
  });
  const answer = new Promise<Answer>((resolve, reject) => {
    request.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    request.on('error', reject);
  });
  for (const chunk of chunks) request.write(chunk);
  if (!options.stall) request.end();
  return { answer, request };
}

describe('PATCH /api/v1/uploads/{id} on the front server', () => {
  it('stores a file sent in two PATCHes, signed in by the session cookie', async () => {
    const person = await signedIn();
    const { bytes, declare } = randomFile(3 * 1024 * 1024 + 7);
    const upload = await createUpload(person.actor, person.caseId, declare);
    const first = await patch(upload.id, 0, [bytes.subarray(0, 2 * 1024 * 1024)], { cookie: person.cookie }).answer;
    expect(first.status).toBe(204);
    expect(first.headers['upload-offset']).toBe(String(2 * 1024 * 1024));
    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.headers['x-content-type-options']).toBe('nosniff');
    const done = await patch(upload.id, 2 * 1024 * 1024, [bytes.subarray(2 * 1024 * 1024)], { cookie: person.cookie })
      .answer;
    expect(done.status).toBe(200);
    expect(JSON.parse(done.body)).toEqual({
      id: upload.id,
      status: 'complete',
      size: bytes.length,
      ...digestsOf(bytes),
    });
  });

  it('refuses a request without a standing session or the CSRF header, and someone else’s upload', async () => {
    const person = await signedIn();
    const stranger = await signedIn();
    const { bytes, declare } = randomFile(1024);
    const upload = await createUpload(person.actor, person.caseId, declare);
    const anonymous = await patch(upload.id, 0, [bytes], {}).answer;
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.body).error.code).toBe('UNAUTHENTICATED');
    const forged = await patch(upload.id, 0, [bytes], { cookie: 'next-auth.session-token=eyJhbGciOiJkaXIi.x.y.z.w' })
      .answer;
    expect(forged.status).toBe(401);
    const noHeader = await patch(upload.id, 0, [bytes], { cookie: person.cookie, 'x-verity-upload': '' }).answer;
    expect(noHeader.status).toBe(403);
    const theirs = await patch(upload.id, 0, [bytes], { cookie: stranger.cookie }).answer;
    expect(theirs.status).toBe(404);
    expect((await getUploadStatus(person.actor, upload.id)).offset).toBe(0);
  });

  it('answers 429 with Retry-After beyond the PATCHes one person may have in flight', async () => {
    process.env.VERITY_UPLOADS_PER_PERSON = '1';
    try {
      const person = await signedIn();
      const a = randomFile(4096);
      const b = randomFile(4096);
      const [first, second] = [
        await createUpload(person.actor, person.caseId, a.declare),
        await createUpload(person.actor, person.caseId, b.declare),
      ];
      const slow = patch(first.id, 0, [a.bytes.subarray(0, 10)], { cookie: person.cookie }, { stall: true });
      // The first PATCH holds its place once its lease is in the row.
      await expect
        .poll(
          async () =>
            (await getPool().query('SELECT lease_token FROM uploads WHERE id = $1', [first.id])).rows[0]?.lease_token,
          { timeout: 5000 },
        )
        .toBeTruthy();
      const refused = await patch(second.id, 0, [b.bytes], { cookie: person.cookie }).answer;
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(JSON.parse(refused.body).error.message).toContain('1 uploads at once');
      slow.request.end(a.bytes.subarray(10));
      expect((await slow.answer).status).toBe(200);
      expect((await patch(second.id, 0, [b.bytes], { cookie: person.cookie }).answer).status).toBe(200);
    } finally {
      delete process.env.VERITY_UPLOADS_PER_PERSON;
    }
  });

  it('ends a stalled body with 408, keeps its bytes, and closes the connection', async () => {
    process.env.VERITY_UPLOAD_IDLE_SECONDS = '0.3';
    try {
      const person = await signedIn();
      const { bytes, declare } = randomFile(100_000);
      const upload = await createUpload(person.actor, person.caseId, declare);
      const started = Date.now();
      const slow = patch(upload.id, 0, [bytes.subarray(0, 40_000)], { cookie: person.cookie }, { stall: true });
      const answer = await slow.answer;
      expect(Date.now() - started).toBeLessThan(4000);
      expect(answer.status).toBe(408);
      expect(answer.headers['upload-offset']).toBe('40000');
      expect(answer.headers.connection).toBe('close');
      expect(JSON.parse(answer.body).error.code).toBe('REQUEST_TIMEOUT');
      expect((await getUploadStatus(person.actor, upload.id)).offset).toBe(40_000);
      const rest = await patch(upload.id, 40_000, [bytes.subarray(40_000)], { cookie: person.cookie }).answer;
      expect(rest.status).toBe(200);
    } finally {
      delete process.env.VERITY_UPLOAD_IDLE_SECONDS;
    }
  });

  it('answers 507 with a plain message when the store is full, and keeps serving', async () => {
    const person = await signedIn();
    const { bytes, declare } = randomFile(512 * 1024);
    const upload = await createUpload(person.actor, person.caseId, declare);
    const part = partPath(evidenceConfig().dir, upload.id);
    await rm(part);
    await symlink('/dev/full', part); // every write: ENOSPC from the kernel
    const full = await patch(upload.id, 0, [bytes], { cookie: person.cookie }).answer;
    expect(full.status).toBe(507);
    expect(full.headers['upload-offset']).toBe('0');
    expect(JSON.parse(full.body).error).toMatchObject({ code: 'INSUFFICIENT_STORAGE' });
    expect(JSON.parse(full.body).error.message).toContain('evidence store is full');

    const other = randomFile(2048);
    const otherUpload = await createUpload(person.actor, person.caseId, other.declare);
    expect((await patch(otherUpload.id, 0, [other.bytes], { cookie: person.cookie }).answer).status).toBe(200);
    const checkpoint = await fetch(`http://127.0.0.1:${port}/api/v1/log/checkpoint`);
    expect(checkpoint.status).toBe(200);

    await rm(part);
    expect((await patch(upload.id, 0, [bytes], { cookie: person.cookie }).answer).status).toBe(200);
  });
});
