/** The admin's views of mail: the outbox (search, status, pages) and the local mailbox. */
import { afterAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { closePool, getPool, withTransaction } from '@/lib/db/pool';
import { buildUser, tag } from '@/test/builders';
import { listMailbox } from './list-mailbox';
import { listOutbox, OUTBOX_PAGE_SIZE } from './list-outbox';
import { createMailboxTransport } from './mailbox-transport';
import { queueMail } from './queue-mail';
import { sendDueMail } from './send-due-mail';

afterAll(() => closePool());

async function queue(to: string, name = 'Wang Wu', locale: 'en' | 'zh-CN' = 'en') {
  return withTransaction((c) =>
    queueMail(c, {
      to,
      locale,
      template: 'notification',
      params: { name, summary: 'The plaintiff submitted exhibit 3.', link: 'https://verity.court.example/cases/x' },
    }),
  );
}

describe('listOutbox', () => {
  it('lists newest first, a page at a time, searched by part of the recipient and by status', async () => {
    const admin = await buildUser({ role: 'admin' });
    const t = tag();
    const ids: string[] = [];
    for (let i = 0; i < OUTBOX_PAGE_SIZE + 3; i++) ids.push((await queue(`p${i}-${t}@example.com`)).id);
    // One second apart, in the order queued (two inserts may share a millisecond).
    await getPool().query(
      `UPDATE mail_outbox o SET created_at = now() - make_interval(secs => 100 - q.n)
         FROM unnest($1::uuid[]) WITH ORDINALITY AS q(id, n) WHERE o.id = q.id`,
      [ids],
    );
    await getDb().mailOutbox.update({ where: { id: ids[0] }, data: { status: 'failed', lastError: '550 no' } });

    const first = await listOutbox(admin.actor, { recipient: t.toUpperCase() });
    expect(first.total).toBe(OUTBOX_PAGE_SIZE + 3);
    expect(first.pages).toBe(2);
    expect(first.entries).toHaveLength(OUTBOX_PAGE_SIZE);
    expect(first.entries[0]?.recipient).toBe(`p${OUTBOX_PAGE_SIZE + 2}-${t}@example.com`);
    const second = await listOutbox(admin.actor, { recipient: t, page: '2' } as never);
    expect(second.entries.map((e) => e.id)).toEqual(ids.slice(0, 3).reverse());
    // No parameters (links) in what the admin sees.
    expect(Object.keys(second.entries[0] ?? {})).not.toContain('params');

    const failed = await listOutbox(admin.actor, { recipient: t, status: 'failed' });
    expect(failed.entries).toEqual([expect.objectContaining({ id: ids[0], status: 'failed', lastError: '550 no' })]);
    // LIKE wildcards typed by the admin are matched literally.
    expect((await listOutbox(admin.actor, { recipient: `%${t}` })).total).toBe(0);
    expect((await listOutbox(admin.actor, { recipient: `p_-${t}` })).total).toBe(0);
  });

  it('is for admins only, and refuses a malformed query', async () => {
    for (const role of ['clerk', 'judge', 'litigant'] as const) {
      const user = await buildUser({ role });
      await expect(listOutbox(user.actor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(listMailbox(user.actor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    const admin = await buildUser({ role: 'admin' });
    await expect(listOutbox(admin.actor, { status: 'lost' as never })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(listOutbox(admin.actor, { page: 0 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('the local mailbox', () => {
  it('stores each delivered mail once, as rendered, for the admin to read', async () => {
    const admin = await buildUser({ role: 'admin' });
    const t = tag();
    const { id } = await queue(`box-${t}@example.com`, '<i>张三</i>', 'zh-CN');
    const transport = createMailboxTransport();
    expect(await sendDueMail({ transport, onlyIds: [id] })).toMatchObject({ sent: 1 });
    expect(await getDb().mailOutbox.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'sent' });

    const box = await listMailbox(admin.actor, { recipient: `box-${t}` });
    expect(box.total).toBe(1);
    expect(box.messages[0]).toMatchObject({ id, recipient: `box-${t}@example.com` });
    expect(box.messages[0]?.subject).toBe('Verity 通知：The plaintiff submitted exhibit 3.');
    expect(box.messages[0]?.text).toContain('<i>张三</i>，您好：');
    const stored = await getDb().mailboxMessage.findUniqueOrThrow({ where: { outboxId: id } });
    expect(stored.htmlBody).toContain('&#60;i&#62;张三&#60;/i&#62;');

    // Delivered again (a sender stopped between storing and marking sent): still one message.
    expect(
      await transport.send({ id, to: `box-${t}@example.com`, subject: 's', text: 't', html: 'h', locale: 'en' }),
    ).toEqual({ status: 'accepted' });
    expect((await listMailbox(admin.actor, { recipient: `box-${t}` })).total).toBe(1);
  });
});
