/**
 * Data the admin specs make for themselves, through the portal's own code, in the e2e server's
 * environment (run by admin.data.ts: `tsx --conditions=react-server e2e/admin/make-admin-data.ts
 * <command> …`), printed as one line of JSON:
 *
 * - `court-admin`: a court of its own (random code) and its one administrator, so that the specs
 *   change nothing of the demo court's;
 * - `setup-token`: a setup link's token, as `npm start` issues on an empty database (the e2e
 *   database has the demo court, so the spec asks for the token directly);
 * - `mail-link <address>`: the link of the newest invitation mail queued to the address;
 * - `docket`: a court of its own with a clerk, an open case with nobody on it, and a litigant account.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { issueSetupToken } from '@/lib/court/setup-links';
import { closeDb, getDb } from '@/lib/db/client';
import { closePool, getPool, withTransaction } from '@/lib/db/pool';
import { buildUser } from '@/test/builders';

async function courtAdmin() {
  const tag = randomUUID().slice(0, 8);
  const court = await getDb().court.create({
    data: { code: `E2E-${tag.toUpperCase()}`, nameZh: `测试法院${tag}`, nameEn: `Test Court ${tag}` },
  });
  const password = `pw-${randomBytes(12).toString('hex')}`;
  const { user } = await buildUser({
    role: 'admin',
    courtId: court.id,
    password,
    name: `管理员 Admin ${tag}`,
    email: `admin-${tag}@e2e.example`,
  });
  return { courtId: court.id, courtCode: court.code, email: user.email, name: user.name, password, tag };
}

async function docket() {
  const tag = randomUUID().slice(0, 8);
  const court = await getDb().court.create({
    data: { code: `E2E-${tag.toUpperCase()}`, nameZh: `测试法院${tag}`, nameEn: `Test Court ${tag}` },
  });
  const password = `pw-${randomBytes(12).toString('hex')}`;
  const { user: clerk } = await buildUser({
    role: 'clerk',
    courtId: court.id,
    password,
    email: `clerk-${tag}@e2e.example`,
  });
  const { user: litigant } = await buildUser({
    role: 'litigant',
    name: `当事人 Party ${tag}`,
    email: `party-${tag}@e2e.example`,
  });
  const theCase = await getDb().case.create({
    data: { courtId: court.id, caseNumber: `（2026）测0491民初${tag}号`, title: '测试案件', causeOfAction: '测试案由' },
  });
  return {
    caseId: theCase.id,
    clerkEmail: clerk.email,
    password,
    litigantEmail: litigant.email,
    litigantName: litigant.name,
    tag,
  };
}

async function mailLink(address: string) {
  const { rows } = await getPool().query<{ link: string }>(
    `SELECT params->>'link' AS link FROM mail_outbox WHERE recipient = $1 AND template = 'invitation'
      ORDER BY created_at DESC LIMIT 1`,
    [address],
  );
  if (!rows[0]) throw new Error(`no invitation mail to ${address}`);
  return { link: rows[0].link };
}

function run(command: string | undefined, args: string[]): Promise<unknown> {
  switch (command) {
    case 'court-admin':
      return courtAdmin();
    case 'setup-token':
      return withTransaction(async (client) => ({ token: await issueSetupToken(client) }));
    case 'docket':
      return docket();
    case 'mail-link':
      return mailLink(args[0] ?? '');
    default:
      throw new Error(`unknown command ${command ?? '(none)'}: court-admin, setup-token, mail-link <address>`);
  }
}

run(process.argv[2], process.argv.slice(3))
  .then(async (data) => {
    await Promise.all([closeDb(), closePool()]);
    process.stdout.write(`${JSON.stringify(data)}\n`, () => process.exit(0));
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
