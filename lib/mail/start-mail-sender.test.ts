/** The server process's sender: it delivers on its own, runs never overlap, stop waits for the run. */
import { afterAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { closePool, withTransaction } from '@/lib/db/pool';
import { tag } from '@/test/builders';
import { queueMail } from './queue-mail';
import { startMailSender } from './start-mail-sender';
import type { MailTransport, OutgoingMessage } from './transport';

afterAll(() => closePool());

/** A transport that takes `delayMs` per message and records what it was given. */
function slowTransport(delayMs: number) {
  const sent: OutgoingMessage[] = [];
  let active = 0;
  let maxActive = 0;
  let closed = false;
  const transport: MailTransport = {
    kind: 'test',
    async send(message) {
      active++;
      maxActive = Math.max(maxActive, active);
      await new Promise((r) => setTimeout(r, delayMs));
      active--;
      sent.push(message);
      return { status: 'accepted' };
    },
    async close() {
      closed = true;
    },
  };
  return { transport, sent, maxActive: () => maxActive, closed: () => closed };
}

async function queueSome(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { id } = await withTransaction((c) =>
      queueMail(c, {
        to: `tick-${tag()}@example.com`,
        locale: 'en',
        template: 'notification',
        params: { name: 'N', summary: 'S', link: 'https://verity.court.example/x' },
      }),
    );
    ids.push(id);
  }
  return ids;
}

describe('startMailSender', () => {
  it('delivers queued mail by itself, one run at a time, and stop waits for the run in progress', async () => {
    const onlyIds = await queueSome(3);
    const t = slowTransport(150);
    const sender = startMailSender({ transport: t.transport, intervalMs: 50, onlyIds });
    // Ticks every 50 ms while a run takes ~450 ms: runs must not overlap.
    await new Promise((r) => setTimeout(r, 100));
    await sender.runNow();
    await sender.stop();
    expect(t.closed()).toBe(true);
    expect(t.maxActive()).toBe(1);
    expect(t.sent.map((m) => m.id).sort()).toEqual([...onlyIds].sort());
    const rows = await getDb().mailOutbox.findMany({ where: { id: { in: onlyIds } } });
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
  });
});
