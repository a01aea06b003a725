/**
 * Data for the e2e/lists specs, made through the portal's domain functions in the e2e server's
 * environment (like e2e/data/make-data.ts) and printed as one line of JSON, with random identities:
 *
 * - `custody`: a case of the demo court with long real-world text (number, title, cause, two
 *   parties with long names, the demo judge), one exhibit with a long title, and 85 more custody
 *   entries on fixed Beijing-time days: 40 views by the plaintiff on 2026-03-02, 40 by the judge
 *   on 2026-03-03, 5 downloads by the defendant on 2026-03-04.
 * - `exhibits`: a case of the demo court whose new plaintiff has submitted 30 hash-only exhibits.
 * - `docket`: a new litigant who is the plaintiff of 30 cases numbered （2026）京0491民初<base><nn>号
 *   (nn = 00…29; 27–29 closed), the defendant of case 07 having a long name of their own.
 *
 *   tsx --conditions=react-server e2e/lists/make-lists-data.ts custody|exhibits|docket
 */
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { addCaseMember } from '@/lib/cases/add-case-member';
import { createCase } from '@/lib/cases/create-case';
import { updateCase } from '@/lib/cases/update-case';
import { closeDb, getDb } from '@/lib/db/client';
import { closePool } from '@/lib/db/pool';
import { submitHashOnlyExhibit } from '@/lib/exhibits/submit-exhibit';
import { buildUser, toActor } from '@/test/builders';

export interface ListsPerson {
  email: string;
  name: string;
  password: string;
}

export interface CustodyData {
  caseId: string;
  caseNumber: string;
  caseTitle: string;
  exhibitId: string;
  exhibitTitle: string;
  plaintiff: ListsPerson;
  defendant: ListsPerson;
  /** A litigant of no case here. */
  outsider: ListsPerson;
  judgeName: string;
  /** Entries of the case when made. */
  total: number;
}

export interface ExhibitsData {
  caseId: string;
  caseNumber: string;
  plaintiff: ListsPerson;
}

export interface DocketData {
  base: string;
  numbers: string[];
  litigant: ListsPerson;
  defendant: ListsPerson;
}

const person = (u: Awaited<ReturnType<typeof buildUser>>): ListsPerson => ({
  email: u.user.email,
  name: u.user.name,
  password: u.password,
});

async function clerkActor() {
  return toActor(await getDb().user.findUniqueOrThrow({ where: { email: 'clerk@demo.verity' } }));
}

async function custody(): Promise<CustodyData> {
  const tag = randomUUID().slice(0, 8);
  const clerk = await clerkActor();
  const judge = toActor(await getDb().user.findUniqueOrThrow({ where: { email: 'judge@demo.verity' } }));
  const plaintiff = await buildUser({
    role: 'litigant',
    name: `北京某某网络科技有限公司法定代表人欧阳娜娜 Maximilian Wolfeschlegelsteinhausenbergerdorff ${tag}`,
  });
  const defendant = await buildUser({
    role: 'litigant',
    name: `上海某某信息技术有限公司委托诉讼代理人司马相如 Konstantinos Papadopoulos-Alexandropoulos ${tag}`,
  });
  const outsider = await buildUser({ role: 'litigant', name: `局外人 Outsider ${tag}` });
  const caseNumber = `（2026）京0491民初${randomInt(10_000_000, 99_999_999)}号`;
  const caseTitle = `北京某某网络科技有限公司诉上海某某信息技术有限公司侵害作品信息网络传播权及不正当竞争纠纷 Beijing_Some_Network_Technology_Co_Ltd_v_Shanghai ${tag}`;
  const created = await createCase(clerk, {
    caseNumber,
    title: caseTitle,
    causeOfAction: '侵害作品信息网络传播权纠纷、不正当竞争纠纷',
  });
  await addCaseMember(clerk, created.id, { userId: plaintiff.user.id, role: 'plaintiff' });
  await addCaseMember(clerk, created.id, { userId: defendant.user.id, role: 'defendant' });
  await addCaseMember(clerk, created.id, { userId: judge.id, role: 'judge' });
  const bytes = randomBytes(256);
  const exhibitTitle = `采购合同（双方签字盖章扫描件，含全部附件及补充协议）Purchase_contract_with_all_annexes_and_supplementary_agreements_${tag}`;
  const exhibit = await submitHashOnlyExhibit(plaintiff.actor, created.id, {
    title: exhibitTitle,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    sm3: createHash('sm3').update(bytes).digest('hex'),
  });
  const at = (day: string, i: number) => new Date(Date.parse(`${day}T09:00:00+08:00`) + i * 60_000);
  for (let i = 0; i < 40; i++) {
    await recordAuditEvent({
      action: 'exhibit.viewed',
      actorId: plaintiff.user.id,
      caseId: created.id,
      subjectId: exhibit.id,
      at: at('2026-03-02', i),
    });
  }
  for (let i = 0; i < 40; i++) {
    await recordAuditEvent({
      action: 'exhibit.viewed',
      actorId: judge.id,
      caseId: created.id,
      subjectId: exhibit.id,
      at: at('2026-03-03', i),
    });
  }
  for (let i = 0; i < 5; i++) {
    await recordAuditEvent({
      action: 'exhibit.downloaded',
      actorId: defendant.user.id,
      caseId: created.id,
      subjectId: exhibit.id,
      at: at('2026-03-04', i),
    });
  }
  const total = await getDb().auditEvent.count({ where: { caseId: created.id } });
  return {
    caseId: created.id,
    caseNumber,
    caseTitle,
    exhibitId: exhibit.id,
    exhibitTitle,
    plaintiff: person(plaintiff),
    defendant: person(defendant),
    outsider: person(outsider),
    judgeName: judge.name,
    total,
  };
}

async function exhibits(): Promise<ExhibitsData> {
  const tag = randomUUID().slice(0, 8);
  const clerk = await clerkActor();
  const plaintiff = await buildUser({ role: 'litigant', name: `证据很多的原告 Many Exhibits ${tag}` });
  const caseNumber = `（2026）京0491民初${randomInt(10_000_000, 99_999_999)}号`;
  const created = await createCase(clerk, { caseNumber, title: `证据分页 ${tag}`, causeOfAction: '著作权权属纠纷' });
  await addCaseMember(clerk, created.id, { userId: plaintiff.user.id, role: 'plaintiff' });
  for (let i = 1; i <= 30; i++) {
    const bytes = randomBytes(64);
    await submitHashOnlyExhibit(plaintiff.actor, created.id, {
      title: `侵权网页截图 第 ${i} 张 Screenshot_of_the_infringing_page_number_${i}_${tag}`,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      sm3: createHash('sm3').update(bytes).digest('hex'),
    });
  }
  return { caseId: created.id, caseNumber, plaintiff: person(plaintiff) };
}

async function docket(): Promise<DocketData> {
  const tag = randomUUID().slice(0, 8);
  const clerk = await clerkActor();
  const base = String(randomInt(100_000, 999_999));
  const litigant = await buildUser({ role: 'litigant', name: `案件很多的当事人 Many Cases ${tag}` });
  const defendant = await buildUser({
    role: 'litigant',
    name: `深圳某某电子商务有限公司 Shenzhen_Some_E-Commerce_Co_Ltd_${tag}`,
  });
  const numbers: string[] = [];
  for (let i = 0; i < 30; i++) {
    const caseNumber = `（2026）京0491民初${base}${String(i).padStart(2, '0')}号`;
    const created = await createCase(clerk, {
      caseNumber,
      title: `买卖合同纠纷 第 ${i} 件 ${tag}`,
      causeOfAction: '买卖合同纠纷',
    });
    await addCaseMember(clerk, created.id, { userId: litigant.user.id, role: 'plaintiff' });
    if (i === 7) await addCaseMember(clerk, created.id, { userId: defendant.user.id, role: 'defendant' });
    if (i >= 27) await updateCase(clerk, created.id, { status: 'closed' });
    numbers.push(caseNumber);
  }
  return { base, numbers, litigant: person(litigant), defendant: person(defendant) };
}

function run(command: string | undefined): Promise<unknown> {
  if (command === 'custody') return custody();
  if (command === 'exhibits') return exhibits();
  if (command === 'docket') return docket();
  throw new Error(`unknown command ${command ?? '(none)'}: custody, exhibits, docket`);
}

run(process.argv[2])
  .then(async (data) => {
    await Promise.all([closeDb(), closePool()]);
    process.stdout.write(`${JSON.stringify(data)}\n`, () => process.exit(0));
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
