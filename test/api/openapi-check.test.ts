/**
 * The answer check itself (openapi-check.ts): it passes what the document describes and fails
 * what it does not — a renamed receipt member, a member more, a status, a content type or a body
 * the document does not list — so the API tests that use it cannot pass on an undocumented answer.
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as postDepositsRoute } from '@/app/api/v1/deposits/route';
import { bearer, buildApiKey } from '@/lib/depositors/testing';
import { checkAnswer } from './openapi-check';

let receipt: Record<string, unknown>;

beforeAll(async () => {
  const { key } = await buildApiKey();
  const response = await postDepositsRoute(
    new Request('http://verity.test/api/v1/deposits', {
      method: 'POST',
      headers: { authorization: bearer(key), 'content-type': 'application/json' },
      body: JSON.stringify({ digests: { sha256: randomBytes(32).toString('hex') }, title: 'contract' }),
    }),
  );
  expect(response.status).toBe(201);
  receipt = (await response.json()) as Record<string, unknown>;
});

const json = (value: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(value), { status, headers: { 'content-type': type } });

describe('checkAnswer', () => {
  it('passes a real receipt as the 201 of POST /deposits and the 200 of GET /deposits/{id}', async () => {
    await checkAnswer('POST', '/deposits', json(receipt, 201));
    await checkAnswer('GET', '/deposits/{id}', json(receipt));
    await checkAnswer('GET', '/deposits', json({ deposits: [receipt] }));
  });

  it('fails a receipt with a renamed or an added member, or a wrong type', async () => {
    const { leafIndex, ...rest } = receipt;
    await expect(checkAnswer('POST', '/deposits', json({ ...rest, leafPosition: leafIndex }, 201))).rejects.toThrow(
      /required property 'leafIndex'/,
    );
    await expect(checkAnswer('GET', '/deposits/{id}', json({ ...receipt, note: 'x' }))).rejects.toThrow(
      /additional properties \(note\)/,
    );
    await expect(checkAnswer('GET', '/deposits/{id}', json({ ...receipt, leafIndex: '3' }))).rejects.toThrow(
      /must be integer/,
    );
    await expect(
      checkAnswer('GET', '/deposits', json({ deposits: [{ ...receipt, status: 'sealed', treeSize: 0 }] })),
    ).rejects.toThrow(/does not match/);
  });

  it('fails a sealed receipt as a 202, an error body with another status’s code, and an undocumented status', async () => {
    await expect(checkAnswer('POST', '/deposits', json(receipt, 202))).rejects.toThrow(/does not match/);
    const notFound = { error: { code: 'NOT_FOUND', message: 'No deposit has the ID x.' } };
    await checkAnswer('GET', '/deposits/{id}', json(notFound, 404));
    await expect(checkAnswer('GET', '/deposits/{id}', json(notFound, 422))).rejects.toThrow(/does not match/);
    await expect(checkAnswer('GET', '/deposits/{id}', json(notFound, 418))).rejects.toThrow(/no such status/);
  });

  it('fails an undescribed content type, a body where none is described, and an unknown operation', async () => {
    await expect(checkAnswer('GET', '/deposits/{id}', json(receipt, 200, 'text/plain'))).rejects.toThrow(
      /content type "text\/plain" is not described/,
    );
    await expect(checkAnswer('HEAD', '/uploads/{id}', new Response('x', { status: 200 }))).rejects.toThrow(
      /describes no body/,
    );
    await expect(checkAnswer('PUT', '/deposits', json(receipt))).rejects.toThrow(/no such operation/);
  });
});
