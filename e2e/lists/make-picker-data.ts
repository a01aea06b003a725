/**
 * Data for issue #17's "every list paginated" specs (e2e/lists/person-picker.spec.ts,
 * e2e/lists/case-certificates.spec.ts, e2e/responsive/manage-and-certificates.spec.ts), made
 * through the portal's domain functions in the e2e server's environment and printed as one line
 * of JSON, with random identities:
 *
 * - `people`: a case of the demo court (long title, two parties with long names) and 45 active
 *   litigants named `当事人 <tag> NN …` with long names, plus three targets (`zh`, `en`, `noJs`),
 *   one litigant per test to find and add, and a judge of another court named with the tag (never
 *   offered).
 * - `certificates`: a case whose plaintiff submitted 23 hash-only exhibits with long titles, each
 *   certified by the demo clerk (23 certificates, 20 a page), the first one's verification history
 *   13 entries long (10 a page).
 *
 * - `keys`: a depositor organisation with a long name, 27 API keys and 27 signing keys with long
 *   labels (25 a page each), made by the demo administrator.
 *
 *   tsx --conditions=react-server e2e/lists/make-picker-data.ts people|certificates|keys
 */
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { addCaseMember } from '@/lib/cases/add-case-member';
import { createCase } from '@/lib/cases/create-case';
import { issueCertificate } from '@/lib/certificates/issue-certificate';
import { closeDb, getDb } from '@/lib/db/client';
import { closePool } from '@/lib/db/pool';
import { createApiKey } from '@/lib/depositors/create-api-key';
import { createDepositorOrg } from '@/lib/depositors/create-depositor-org';
import { registerDepositorKey } from '@/lib/depositors/register-depositor-key';
import { ed25519PublicKey } from '@/lib/depositors/testing';
import { recheckOnServer } from '@/lib/exhibits/record-verification';
import { submitHashOnlyExhibit } from '@/lib/exhibits/submit-exhibit';
import { buildCourt, buildUser, toActor } from '@/test/builders';

export interface PickerPerson {
  name: string;
  email: string;
}

export interface PeopleData {
  tag: string;
  caseId: string;
  caseNumber: string;
  /** How many litigants carry the tag (more than one search shows). */
  many: number;
  targets: { zh: PickerPerson; en: PickerPerson; noJs: PickerPerson };
  foreignJudge: PickerPerson;
}

export interface CertificatesData {
  caseId: string;
  caseNumber: string;
  plaintiff: { email: string; password: string; name: string };
  /** Certificate numbers, oldest first. */
  numbers: string[];
  /** The exhibit with the long verification history. */
  exhibitId: string;
  historyTotal: number;
}

const LONG_ZH = '北京某某网络科技有限公司法定代表人欧阳娜娜';
const LONG_EN = 'Maximilian Wolfeschlegelsteinhausenbergerdorff';

async function demo(email: string) {
  return toActor(await getDb().user.findUniqueOrThrow({ where: { email } }));
}

async function people(): Promise<PeopleData> {
  const tag = randomUUID().slice(0, 8);
  const clerk = await demo('clerk@demo.verity');
  const caseNumber = `（2026）京0491民初${randomInt(10_000_000, 99_999_999)}号`;
  const created = await createCase(clerk, {
    caseNumber,
    title: `北京某某网络科技有限公司诉上海某某信息技术有限公司侵害作品信息网络传播权纠纷 Beijing_Some_Network_Technology_Co_Ltd_v_Shanghai_Some_Information_Technology_Co_Ltd ${tag}`,
    causeOfAction: '侵害作品信息网络传播权纠纷',
  });
  const plaintiff = await buildUser({ role: 'litigant', name: `${LONG_ZH} ${LONG_EN} 原告 ${tag}` });
  const defendant = await buildUser({
    role: 'litigant',
    name: `上海某某信息技术有限公司委托诉讼代理人司马相如 Konstantinos Papadopoulos-Alexandropoulos ${tag}`,
  });
  await addCaseMember(clerk, created.id, { userId: plaintiff.user.id, role: 'plaintiff' });
  await addCaseMember(clerk, created.id, { userId: defendant.user.id, role: 'defendant' });
  const many = 45;
  await getDb().user.createMany({
    data: Array.from({ length: many }, (_, i) => ({
      email: `many.litigants.with.a.rather.long.address.${tag}.${String(i).padStart(2, '0')}@example-law-firm.example.com`,
      name: `当事人 ${tag} ${String(i).padStart(2, '0')} ${LONG_ZH} ${LONG_EN}`,
      role: 'litigant' as const,
      passwordHash: 'no-sign-in',
    })),
  });
  const target = async (label: string): Promise<PickerPerson> => {
    const u = await buildUser({
      role: 'litigant',
      name: `目标当事人 ${label} ${tag} 司马欧阳 ${LONG_EN}`,
      email: `target-${label.toLowerCase()}-${tag}@example.com`,
    });
    return { name: u.user.name, email: u.user.email };
  };
  const foreign = await buildUser({
    role: 'judge',
    courtId: (await buildCourt()).id,
    name: `当事人 ${tag} 外院审判员 Foreign Judge`,
  });
  return {
    tag,
    caseId: created.id,
    caseNumber,
    many,
    targets: { zh: await target('ZH'), en: await target('EN'), noJs: await target('NOJS') },
    foreignJudge: { name: foreign.user.name, email: foreign.user.email },
  };
}

async function certificates(): Promise<CertificatesData> {
  const tag = randomUUID().slice(0, 8);
  const clerk = await demo('clerk@demo.verity');
  const judge = await demo('judge@demo.verity');
  const plaintiff = await buildUser({ role: 'litigant', name: `${LONG_ZH} ${LONG_EN} ${tag}` });
  const caseNumber = `（2026）京0491民初${randomInt(10_000_000, 99_999_999)}号`;
  const created = await createCase(clerk, {
    caseNumber,
    title: `证书分页 Certificates_in_pages ${tag}`,
    causeOfAction: '著作权权属纠纷',
  });
  await addCaseMember(clerk, created.id, { userId: plaintiff.user.id, role: 'plaintiff' });
  await addCaseMember(clerk, created.id, { userId: judge.id, role: 'judge' });
  const numbers: string[] = [];
  let exhibitId = '';
  for (let i = 1; i <= 23; i++) {
    const bytes = randomBytes(64);
    const exhibit = await submitHashOnlyExhibit(plaintiff.actor, created.id, {
      title: `侵权网页截图 第 ${i} 张 Screenshot_of_the_infringing_page_number_${i}_${tag}`,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      sm3: createHash('sm3').update(bytes).digest('hex'),
    });
    if (i === 1) {
      exhibitId = exhibit.id;
      for (let k = 0; k < 12; k++) await recheckOnServer(judge, exhibit.id);
    }
    numbers.push((await issueCertificate(clerk, exhibit.id)).number);
  }
  const historyTotal = await getDb().verification.count({ where: { exhibitId } });
  return {
    caseId: created.id,
    caseNumber,
    plaintiff: { email: plaintiff.user.email, password: plaintiff.password, name: plaintiff.user.name },
    numbers,
    exhibitId,
    historyTotal,
  };
}

export interface KeysData {
  orgId: string;
  orgName: string;
  /** API keys and signing keys, each. */
  count: number;
}

async function keys(): Promise<KeysData> {
  const tag = randomUUID().slice(0, 8);
  const admin = await demo('admin@demo.verity');
  const org = await createDepositorOrg(admin, {
    name: `北京某某公证处电子数据存证平台 Beijing_Some_Notary_Office_Electronic_Evidence_Platform ${tag}`,
  });
  const count = 27;
  for (let i = 0; i < count; i++) {
    const label = `第 ${i} 号 取证系统接口密钥 Evidence_collection_system_integration_key_number_${i}_${tag}`;
    await createApiKey(admin, { orgId: org.id, label });
    await registerDepositorKey(admin, { orgId: org.id, algorithm: 'ed25519', publicKey: ed25519PublicKey(), label });
  }
  return { orgId: org.id, orgName: org.name, count };
}

async function run(command: string | undefined): Promise<unknown> {
  if (command === 'people') return people();
  if (command === 'certificates') return certificates();
  if (command === 'keys') return keys();
  throw new Error(`unknown command ${command ?? '(none)'}: people, certificates, keys`);
}

run(process.argv[2])
  .then(async (data) => {
    await Promise.all([closeDb(), closePool()]);
    // The ledger's sequencer keeps a timer; exit once the line is written.
    process.stdout.write(`${JSON.stringify(data)}\n`, () => process.exit(0));
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
