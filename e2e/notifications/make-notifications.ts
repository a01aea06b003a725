/**
 * Data for the notifications specs, made through the portal's domain functions in the e2e
 * server's environment (like e2e/data/make-data.ts) and printed as one line of JSON: a new case
 * of the demo court with two new parties; the plaintiff submits `count` exhibits, so the
 * defendant has `count` unread notifications (and as many notification e-mails, in the local
 * mailbox of the e2e server, which has no SMTP server).
 *
 *   tsx --conditions=react-server e2e/notifications/make-notifications.ts <count>
 */
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { addCaseMember } from '@/lib/cases/add-case-member';
import { createCase } from '@/lib/cases/create-case';
import { closeDb, getDb } from '@/lib/db/client';
import { closePool } from '@/lib/db/pool';
import { submitHashOnlyExhibit } from '@/lib/exhibits/submit-exhibit';
import { buildUser, toActor } from '@/test/builders';

export interface NotificationsData {
  caseId: string;
  caseNumber: string;
  defendant: { email: string; name: string; password: string };
  count: number;
}

async function make(count: number): Promise<NotificationsData> {
  const tag = randomUUID().slice(0, 8);
  const clerk = toActor(await getDb().user.findUniqueOrThrow({ where: { email: 'clerk@demo.verity' } }));
  const plaintiff = await buildUser({ role: 'litigant', name: `原告 Plaintiff ${tag}` });
  const defendant = await buildUser({ role: 'litigant', name: `被告 Defendant ${tag}` });
  const caseNumber = `（2026）京0491民初${randomInt(10_000_000, 99_999_999)}号`;
  const created = await createCase(clerk, {
    caseNumber,
    title: `通知测试 Notifications ${tag}`,
    causeOfAction: '合同纠纷',
  });
  await addCaseMember(clerk, created.id, { userId: plaintiff.user.id, role: 'plaintiff' });
  await addCaseMember(clerk, created.id, { userId: defendant.user.id, role: 'defendant' });
  for (let i = 0; i < count; i++) {
    const bytes = randomBytes(64);
    await submitHashOnlyExhibit(plaintiff.actor, created.id, {
      title: `exhibit ${i + 1}`,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      sm3: createHash('sm3').update(bytes).digest('hex'),
    });
  }
  return {
    caseId: created.id,
    caseNumber,
    defendant: { email: defendant.user.email, name: defendant.user.name, password: defendant.password },
    count,
  };
}

make(Number(process.argv[2] ?? '3'))
  .then(async (data) => {
    await Promise.all([closeDb(), closePool()]);
    process.stdout.write(`${JSON.stringify(data)}\n`, () => process.exit(0));
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
