import { afterAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { closePool, withTransaction } from '@/lib/db/pool';
import { tag } from '@/test/builders';
import { queueMail } from './queue-mail';

afterAll(() => closePool());

const reset = (link = 'https://court.example/reset/abc') => ({
  name: '张三',
  link,
  expiresAt: '2026-12-06T12:30:00.000Z',
});

describe('queueMail', () => {
  it('writes a queued row in the caller’s transaction, the address lower-cased', async () => {
    const to = `Person-${tag()}@Example.COM`;
    const { id } = await withTransaction((c) =>
      queueMail(c, { to, locale: 'en', template: 'password-reset', params: reset() }),
    );
    const row = await getDb().mailOutbox.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      recipient: to.toLowerCase(),
      locale: 'en',
      template: 'password-reset',
      params: reset(),
      status: 'queued',
      attempts: 0,
      sentAt: null,
    });
  });

  it('leaves no row when the transaction rolls back', async () => {
    const to = `rollback-${tag()}@example.com`;
    await expect(
      withTransaction(async (c) => {
        await queueMail(c, { to, locale: 'zh-CN', template: 'password-reset', params: reset() });
        throw new Error('the reset it announced was not saved');
      }),
    ).rejects.toThrow('not saved');
    expect(await getDb().mailOutbox.count({ where: { recipient: to } })).toBe(0);
  });

  it('refuses a malformed address, an unknown language and wrong parameters with VALIDATION_FAILED', async () => {
    const ok = { to: `ok-${tag()}@example.com`, locale: 'en' as const, template: 'password-reset' as const };
    const attempts: unknown[] = [
      { ...ok, to: 'not an address', params: reset() },
      { ...ok, to: `${'x'.repeat(250)}@example.com`, params: reset() },
      { ...ok, locale: 'fr', params: reset() },
      { ...ok, params: reset('javascript:alert(1)') },
      { ...ok, params: { ...reset(), extra: 'field' } },
      { ...ok, params: { name: '张三' } },
      { ...ok, template: 'invitation', params: reset() },
    ];
    for (const mail of attempts) {
      await expect(withTransaction((c) => queueMail(c, mail as Parameters<typeof queueMail>[1]))).rejects.toMatchObject(
        { code: 'VALIDATION_FAILED' },
      );
    }
    expect(await getDb().mailOutbox.count({ where: { recipient: ok.to } })).toBe(0);
  });
});
