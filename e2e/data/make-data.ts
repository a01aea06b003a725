/**
 * Test data for one spec, made through the portal's own domain functions with random identities,
 * printed as one line of JSON. Run by e2e/data/data.ts in the e2e server's environment
 * (`tsx --conditions=react-server e2e/data/make-data.ts <command> …`), so that a spec makes what it
 * needs rather than depending on the shared demo data or on what other specs left behind.
 *
 * - `long-case`: a case full of long real-world text — a depositor organisation and a depositor
 *   with long names, a deposit with a long title and file name, a case with a long number, title
 *   and cause of action, two parties with long names and e-mail addresses, the demo judge
 *   assigned, a hash-only exhibit naming the deposit (consistent), the judge's long determination
 *   and the court's certificate for the exhibit.
 * - `user [litigant|judge|clerk]`: an account of its own (a litigant by default: to be refused a wrong
 *   password without locking anyone else; a judge to sign in through the court's identity system).
 * - `reset-link <e-mail>`: the link of the newest password-reset e-mail queued to that address
 *   (the mail outbox; delivery is not needed to follow it).
 * - `case <n> [empty]`: a case like demo case n (prisma/seed/demo-data.ts) — the same people and,
 *   unless `empty`, the same exhibits, uploaded and hashed as the seed does — under a new number.
 * - `exchange-case [filled]` (issue #17): a case of the demo court with a plaintiff and a defendant of
 *   its own (long names), the demo judge, a hash-only exhibit of each side (long titles); `filled`
 *   adds an evidence exchange with long text: a deadline that has passed, the defendant's late
 *   opinion (every aspect disputed, the defendant's exhibit as counter-evidence), the plaintiff's
 *   reply and the judge's determination answering it.
 * - `deposit-history <n>`: a depositor organisation with a long name, one of its depositors, n
 *   deposits with long titles made from the portal (their titles kept), and a depositor of another
 *   organisation (issue #17's deposit history).
 * - `certificate <exhibit id>`: the demo clerk issues the exhibit's certificate; its ID, number and
 *   the check code printed on its PDF.
 * - `named-file <file name>` (issue #21): a case like demo case 0 without its exhibits, and a file exhibit
 *   of 2 KiB random bytes under that file name, submitted by the demo litigant.
 * - `custody-events <case id>` (issue #21): the actions of the case's custody log, oldest first.
 * - `clear-lookup-limit`: forgets the wrong certificate lookups counted against any address (every
 *   e2e request comes from 127.0.0.1, so the lookup specs start from a clean count).
 * - `witness-alarm` (issue #18): the log shows two histories to a real witness (lib/witness, its own
 *   directory and port): first another checkpoint of the log's newest size, signed with the log's key
 *   (what a log showing a split view signs), which the witness cosigns; then the log's cosigner asks
 *   it for the real one (lib/witnessing `cosignWithWitness`), the witness refuses, and the cosigner
 *   stores the alarm with its evidence, as it would for a configured witness. The alarm stays in the
 *   e2e server's database (append-only): every later view of /ledger shows it.
 */
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Actor } from '@/lib/auth/actor';
import { addCaseMember } from '@/lib/cases/add-case-member';
import { createCase } from '@/lib/cases/create-case';
import { certificateCheckCode } from '@/lib/certificates/format/check-code';
import { getCertificateFile } from '@/lib/certificates/get-certificate-file';
import { issueCertificate } from '@/lib/certificates/issue-certificate';
import { closeDb, getDb } from '@/lib/db/client';
import type { CaseRole } from '@/lib/db/generated/enums';
import { closePool } from '@/lib/db/pool';
import { createDepositorOrg } from '@/lib/depositors/create-depositor-org';
import { appendToUpload } from '@/lib/evidence/append-to-upload';
import { createUpload } from '@/lib/evidence/create-upload';
import { lodgeOpinion } from '@/lib/exchange/lodge-opinion';
import { replyToOpinion } from '@/lib/exchange/reply-to-opinion';
import { setExchangeDeadline } from '@/lib/exchange/set-exchange-deadline';
import { recordDetermination } from '@/lib/exhibits/record-determination';
import { submitFileExhibit, submitHashOnlyExhibit } from '@/lib/exhibits/submit-exhibit';
import { depositFromBrowser } from '@/lib/ledger/deposit-from-browser';
import { latestCheckpoint } from '@/lib/ledger/latest-checkpoint';
import { logSigner } from '@/lib/ledger/log-signer';
import { formatCheckpoint, parseCosignerVerifierKey } from '@/lib/tlog';
import { addCheckpointBody, post } from '@/lib/witness/witness.testing';
import { addLog, initWitness } from '@/lib/witness/witness-directory';
import { startWitnessServer } from '@/lib/witness/witness-server';
import { cosignWithWitness } from '@/lib/witnessing/cosign-with-witness';
import { DEMO_CASES, DEMO_DEPOSITOR, DEMO_EXHIBITS } from '@/prisma/seed/demo-data';
import { submitDemoExhibit } from '@/prisma/seed/seed-demo-exhibits';
import { buildUser, toActor } from '@/test/builders';
import { deployEvidenceAnchor } from '../../lib/anchor/evm/deploy-evidence-anchor';
import { EvmAnchorClient } from '../../lib/anchor/evm/evm-anchor-client';
import type { CaseLikeDemo, DepositHistoryData, ExchangeCase, LongData, MadeUser, NamedFileCase } from './data';

async function demoActor(email: string): Promise<Actor> {
  return toActor(await getDb().user.findUniqueOrThrow({ where: { email } }));
}

type Made = Awaited<ReturnType<typeof buildUser>>;

function person(u: Made): MadeUser {
  return { email: u.user.email, name: u.user.name, password: u.password };
}

/** Two litigants of their own with long real-world names and e-mail addresses, to be a case's parties. */
async function longParties(tag: string): Promise<{ plaintiff: Made; defendant: Made }> {
  const [plaintiff, defendant] = await Promise.all([
    buildUser({
      role: 'litigant',
      name: `北京某某网络科技有限公司法定代表人欧阳娜娜 Maximilian Wolfeschlegelsteinhausenbergerdorff ${tag}`,
      email: `legal.representative.plaintiff.${tag}@beijing-some-network-technology-company-limited.example.com`,
    }),
    buildUser({
      role: 'litigant',
      name: `上海某某信息技术有限公司委托诉讼代理人司马相如 Konstantinos Papadopoulos-Alexandropoulos ${tag}`,
      email: `litigation.agent.defendant.${tag}@shanghai-some-information-technology-co-ltd.example.com`,
    }),
  ]);
  return { plaintiff, defendant };
}

/**
 * A case on the demo court's docket, opened by the demo clerk under a new random number, with
 * `members` (their parties, a judge) added: the one "case with two parties" every builder here
 * starts from. Returns the number as stored (full-width brackets).
 */
async function openCase(
  details: { title: string; causeOfAction: string },
  members: ReadonlyArray<{ userId: string; role: CaseRole }>,
): Promise<{ caseId: string; caseNumber: string }> {
  const clerk = await demoActor('clerk@demo.verity');
  const created = await createCase(clerk, {
    caseNumber: `（2026）京0491民初${randomInt(10_000_000, 99_999_999)}号`,
    ...details,
  });
  for (const member of members) {
    if (member.role === 'clerk' && member.userId === clerk.id) continue; // already its clerk
    await addCaseMember(clerk, created.id, member);
  }
  return { caseId: created.id, caseNumber: created.caseNumber };
}

async function longCase(): Promise<LongData> {
  const tag = randomUUID().slice(0, 8);
  const [clerk, judge, admin] = await Promise.all(
    ['clerk@demo.verity', 'judge@demo.verity', 'admin@demo.verity'].map(demoActor),
  );
  if (!clerk || !judge || !admin) throw new Error('the demo clerk, judge and admin are needed');

  const org = await createDepositorOrg(admin, {
    name: `北京市某某公证处电子数据保全与区块链存证服务中心 Beijing Notary Office Electronic Data Preservation and Blockchain Evidence Centre ${tag}`,
  });
  const depositor = await buildUser({
    role: 'depositor',
    depositorOrgId: org.id,
    name: '欧阳·阿卜杜热合曼·买买提明 Ouyang Abdurahman Memetimin-Konstantinopoulos',
    email: `evidence.preservation.department.${tag}@beijing-notary-office-blockchain-evidence-centre.example.com`,
  });
  const { plaintiff, defendant } = await longParties(tag);

  // The file is never stored: its digests stand for it, as on the deposit page.
  const bytes = randomBytes(4096);
  const digests = {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    sm3: createHash('sm3').update(bytes).digest('hex'),
  };
  const fileName = `Screenshot_2026-05-20_100233_www.infringing-site.example.com_works_2026_05_20_chapter-0001_full-resolution_notarised_capture_${tag}.png`;
  const title = `侵权网页截图（公证保全，完整分辨率）Notarised_capture_of_https://www.infringing-site.example.com/works/2026/05/20/chapter-0001?utm_source=evidence&ref=${tag}`;
  const { receipts } = await depositFromBrowser(depositor.actor, {
    deposits: [{ digests, title, file: { name: fileName, size: bytes.length } }],
  });
  const deposit = receipts[0];
  if (!deposit) throw new Error('no receipt');

  const { caseId, caseNumber } = await openCase(
    {
      title: `北京某某网络科技有限公司诉上海某某信息技术有限公司、深圳某某电子商务有限公司侵害作品信息网络传播权及不正当竞争纠纷 Beijing_Some_Network_Technology_Co_Ltd_v_Shanghai_Some_Information_Technology_Co_Ltd ${tag}`,
      causeOfAction:
        '侵害作品信息网络传播权纠纷、不正当竞争纠纷、计算机软件著作权许可使用合同纠纷 Infringement_of_the_right_of_communication',
    },
    [
      { userId: plaintiff.user.id, role: 'plaintiff' },
      { userId: defendant.user.id, role: 'defendant' },
      { userId: judge.id, role: 'judge' },
    ],
  );

  const exhibit = await submitHashOnlyExhibit(plaintiff.actor, caseId, {
    title,
    fileName,
    size: bytes.length,
    ...digests,
    claimedDepositId: deposit.id,
  });
  await recordDetermination(judge, exhibit.id, {
    outcome: 'accepted',
    reasoning: `经核验，该电子数据的哈希值与存证记录一致，且收录证明可在存证链签名状态下验证，可以认定该电子数据上链后未经篡改。参见 https://www.infringing-site.example.com/works/2026/05/20/chapter-0001/notarised-capture-original-bytes-${tag}.png 及存证编号 ${deposit.id}。`,
  });
  const certificate = await issueCertificate(clerk, exhibit.id);

  return {
    caseId,
    caseNumber,
    exhibitId: exhibit.id,
    depositId: deposit.id,
    certificateId: certificate.id,
    certificateNumber: certificate.number,
    certificateCheckCode: await longCertificateCode(certificate.id),
    fileName,
    title,
    digests,
    orgName: org.name,
    depositor: person(depositor),
    plaintiff: person(plaintiff),
    defendant: person(defendant),
  };
}

const USER_NAMES = { litigant: '测试当事人 Test Party', judge: '测试法官 Test Judge', clerk: '测试书记员 Test Clerk' };

async function user(role: string | undefined): Promise<MadeUser> {
  if (role !== undefined && role !== 'judge' && role !== 'clerk' && role !== 'litigant') {
    throw new Error(`user: the role must be litigant, judge or clerk, not ${role}`);
  }
  const made = await buildUser({
    role: role ?? 'litigant',
    name: `${USER_NAMES[role ?? 'litigant']} ${randomUUID().slice(0, 8)}`,
  });
  return { email: made.user.email, name: made.user.name, password: made.password };
}

async function caseLikeDemo(index: number, withExhibits: boolean): Promise<CaseLikeDemo> {
  const demo = DEMO_CASES[index];
  if (!demo) throw new Error(`no demo case ${index}`);
  const members = await Promise.all(
    demo.members.map(async (m) => ({ userId: (await demoActor(m.email)).id, role: m.role })),
  );
  const { caseId, caseNumber } = await openCase(
    { title: `${demo.title}（${randomUUID().slice(0, 8)}）`, causeOfAction: demo.causeOfAction },
    members,
  );
  const exhibits: CaseLikeDemo['exhibits'] = [];
  if (withExhibits) {
    const org = await getDb().depositorOrg.findUniqueOrThrow({ where: { name: DEMO_DEPOSITOR.name } });
    for (const exhibit of DEMO_EXHIBITS.filter((e) => e.caseNumber === demo.caseNumber)) {
      const submitted = await submitDemoExhibit(caseId, exhibit, org.id);
      exhibits.push({ ...submitted, title: exhibit.title, file: exhibit.file });
    }
  }
  return { caseId, caseNumber, exhibits };
}

async function exchangeCase(filled: boolean): Promise<ExchangeCase> {
  const tag = randomUUID().slice(0, 8);
  const [clerk, judge] = await Promise.all(['clerk@demo.verity', 'judge@demo.verity'].map(demoActor));
  if (!clerk || !judge) throw new Error('the demo clerk and judge are needed');
  const { plaintiff, defendant } = await longParties(tag);
  const { caseId, caseNumber } = await openCase(
    {
      title: `北京某某网络科技有限公司诉上海某某信息技术有限公司侵害作品信息网络传播权纠纷（质证）${tag}`,
      causeOfAction: '侵害作品信息网络传播权纠纷',
    },
    [
      { userId: plaintiff.user.id, role: 'plaintiff' },
      { userId: defendant.user.id, role: 'defendant' },
      { userId: judge.id, role: 'judge' },
    ],
  );
  const digests = () => {
    const bytes = randomBytes(1024);
    return {
      sha256: createHash('sha256').update(bytes).digest('hex'),
      sm3: createHash('sm3').update(bytes).digest('hex'),
    };
  };
  const exhibitTitle = `侵权网页截图（公证保全）Notarised_capture_of_https://www.infringing-site.example.com/works/2026/05/20/chapter-0001?ref=${tag}`;
  const counterExhibitTitle = `被告网站服务器访问日志（2026年5月）Server_access_log_of_www.defendant-site.example.com_${tag}`;
  const exhibit = await submitHashOnlyExhibit(plaintiff.actor, caseId, { title: exhibitTitle, ...digests() });
  const counter = await submitHashOnlyExhibit(defendant.actor, caseId, {
    title: counterExhibitTitle,
    ...digests(),
  });
  if (filled) {
    await setExchangeDeadline(clerk, caseId, { date: '2026-01-05' });
    const url = `https://www.infringing-site.example.com/works/2026/05/20/chapter-0001/notarised-capture-original-bytes-${tag}.png`;
    const opinion = await lodgeOpinion(defendant.actor, exhibit.id, {
      authenticity: 'dispute',
      authenticityReasons: `截图所示页面的时间戳（2026-05-20 10:02:33）与公证书记载的取证时间（2026-05-20 14:30）不一致，且页面地址 ${url} 在取证时已无法访问，不能证明截图反映了当时页面的真实内容。The timestamp shown does not match the notarial certificate.`,
      legality: 'dispute',
      legalityReasons: '取证过程未对取证设备进行清洁性检查，取证程序不符合《电子数据存证规范》第 5.2 条的要求。',
      relevance: 'dispute',
      relevanceReasons: `涉案作品并非被告上传，与被告无关；被告网站的访问日志（见反驳证据）显示该地址从未被访问。${url}`,
      counterExhibitId: counter.id,
    });
    await replyToOpinion(plaintiff.actor, opinion.id, {
      reasons: `时间差系公证书记载北京时间、截图显示服务器所在时区（UTC+4）所致，换算后一致；取证设备清洁性检查见公证书第 3 页。${url}`,
    });
    await recordDetermination(judge, exhibit.id, {
      outcome: 'accepted',
      reasoning: `被告关于真实性的质证意见不能成立：时间差已由原告合理说明，且电子数据的哈希值与存证记录一致，可以认定该电子数据上链后未经篡改，但有相反证据足以推翻的除外。${url}`,
      answers: [opinion.id],
    });
  }
  return {
    caseId,
    caseNumber,
    exhibitId: exhibit.id,
    exhibitTitle,
    counterExhibitId: counter.id,
    counterExhibitTitle,
    plaintiff: person(plaintiff),
    defendant: person(defendant),
  };
}

async function resetLink(email: string): Promise<{ link: string | null }> {
  const mail = await getDb().mailOutbox.findFirst({
    where: { recipient: email.toLowerCase(), template: 'password-reset' },
    orderBy: { createdAt: 'desc' },
  });
  return { link: (mail?.params as { link?: string } | undefined)?.link ?? null };
}

/** The check code printed on a certificate (the visitor's page needs it for its own check). */
async function longCertificateCode(id: string): Promise<string> {
  const file = await getCertificateFile(id);
  if (!file) throw new Error(`certificate ${id} was not filed`);
  return certificateCheckCode(file.body);
}

async function depositHistory(count: number): Promise<DepositHistoryData> {
  const tag = randomUUID().slice(0, 8);
  const admin = await demoActor('admin@demo.verity');
  const org = await createDepositorOrg(admin, {
    name: `北京市海淀区某某网络科技股份有限公司知识产权与电子数据存证部 Beijing Haidian Some Network Technology Co., Ltd. Intellectual Property Department ${tag}`,
  });
  const depositor = await buildUser({
    role: 'depositor',
    depositorOrgId: org.id,
    name: `存证专员 ${tag}`,
  });
  const other = await buildUser({ role: 'depositor', name: `其他机构存证专员 ${tag}` });
  const deposits = Array.from({ length: count }, (_, i) => {
    const bytes = randomBytes(256);
    return {
      digests: {
        sha256: createHash('sha256').update(bytes).digest('hex'),
        sm3: createHash('sm3').update(bytes).digest('hex'),
      },
      title: `作品著作权许可使用合同及补充协议（第 ${i + 1} 号，最终签署版本）Licence_and_supplementary_agreement_final_signed_version_No_${i + 1}_${tag}`,
      file: { name: `licence-${i + 1}-${tag}.pdf`, size: bytes.length },
    };
  });
  const { receipts } = await depositFromBrowser(depositor.actor, { deposits });
  return {
    orgName: org.name,
    depositor: person(depositor),
    other: person(other),
    deposits: receipts.map((r, i) => ({
      id: r.id,
      title: deposits[i]?.title ?? '',
      sha256: deposits[i]?.digests.sha256 ?? '',
      sm3: deposits[i]?.digests.sm3 ?? '',
    })),
  };
}

async function certificate(exhibitId: string): Promise<{ id: string; number: string; checkCode: string }> {
  const { id, number } = await issueCertificate(await demoActor('clerk@demo.verity'), exhibitId);
  const file = await getCertificateFile(id);
  if (!file) throw new Error(`certificate ${id} was not stored`);
  return { id, number, checkCode: certificateCheckCode(file.body) };
}

async function clearLookupLimit(): Promise<{ cleared: number }> {
  return {
    cleared: await getDb()
      .loginThrottle.deleteMany({ where: { key: { startsWith: 'certificate-lookup:' } } })
      .then((r) => r.count),
  };
}

/**
 * Issue #19: a second EvidenceAnchor contract on the e2e server's demo chain, made to hold another
 * root for `size` — what a certificate whose anchor was moved would point to.
 */
async function rogueAnchor(
  size: string,
): Promise<{ contract: string; transactionHash: string; blockNumber: number; blockHash: string }> {
  const rpcUrl = process.env.VERITY_ANCHOR_RPC_URL ?? '';
  const chainId = Number(process.env.VERITY_ANCHOR_CHAIN_ID);
  const signerKey = process.env.VERITY_ANCHOR_SIGNER_KEY as `0x${string}`;
  if (!rpcUrl || !signerKey) throw new Error('the e2e server runs no demo chain');
  const contract = await deployEvidenceAnchor({ rpcUrl, chainId, signerKey });
  const client = new EvmAnchorClient({ rpcUrl, chainId, contract, signerKey, confirmations: 1, pollingIntervalMs: 50 });
  const landed = await client.anchor(BigInt(size), new Uint8Array(32).fill(0x5a));
  return {
    contract: contract.toLowerCase(),
    transactionHash: landed.transactionHash,
    blockNumber: Number(landed.blockNumber),
    blockHash: landed.blockHash,
  };
}

/** See `witness-alarm` above: a real witness, shown two histories of the e2e server's log. */
async function witnessAlarm(): Promise<{ witnessName: string; alarm: string; treeSize: string }> {
  const tag = randomUUID().slice(0, 8);
  const log = logSigner();
  const dir = await mkdtemp(path.join(tmpdir(), 'verity-e2e-witness-'));
  const [verifierKey] = await initWitness(dir, { name: `witness.e2e.example/${tag}`, algorithms: ['ed25519'] });
  if (!verifierKey) throw new Error('the witness made no key');
  await addLog(dir, log.verifierKey);
  const server = await startWitnessServer(dir, { port: 0 });
  try {
    const real = await latestCheckpoint();
    const other = log.signCheckpoint(
      formatCheckpoint({ origin: log.origin, size: real.treeSize, rootHash: randomBytes(32) }),
    );
    const shown = await post(server.url, addCheckpointBody(0, [], other));
    if (shown.status !== 200)
      throw new Error(`the witness did not cosign the other history: ${shown.status} ${shown.text}`);
    const witness = {
      name: `端到端测试见证机构 E2E Test Witness ${tag}`,
      verifierKey,
      url: server.url,
      key: parseCosignerVerifierKey(verifierKey),
    };
    const outcome = await cosignWithWitness(
      witness,
      { treeSize: real.treeSize, note: real.note },
      { lastSize: 0n, logVerifierKey: log.verifierKey, timeoutMs: 5000 },
    );
    if (outcome.kind !== 'alarm')
      throw new Error(
        `expected an alarm, got ${JSON.stringify(outcome, (_, v) => (typeof v === 'bigint' ? String(v) : v))}`,
      );
    return { witnessName: witness.name, alarm: outcome.alarm, treeSize: real.treeSize.toString() };
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function namedFile(fileName: string): Promise<NamedFileCase> {
  const { caseId } = await caseLikeDemo(0, false);
  const litigant = await demoActor('litigant@demo.verity');
  const bytes = randomBytes(2048);
  const upload = await createUpload(litigant, caseId, {
    fileName,
    mediaType: 'application/pdf',
    size: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    sm3: createHash('sm3').update(bytes).digest('hex'),
  });
  await appendToUpload(
    litigant,
    upload.id,
    0,
    (async function* () {
      yield new Uint8Array(bytes);
    })(),
  );
  const exhibit = await submitFileExhibit(litigant, caseId, { uploadId: upload.id, title: `named file ${fileName}` });
  return { caseId, exhibitId: exhibit.id, fileName };
}

async function custodyEvents(caseId: string): Promise<{ actions: string[] }> {
  const rows = await getDb().auditEvent.findMany({
    where: { caseId },
    orderBy: { seq: 'asc' },
    select: { action: true },
  });
  return { actions: rows.map((r) => r.action) };
}

function run(command: string | undefined, args: string[]): Promise<unknown> {
  switch (command) {
    case 'long-case':
      return longCase();
    case 'user':
      return user(args[0]);
    case 'case':
      return caseLikeDemo(Number(args[0] ?? '0'), args[1] !== 'empty');
    case 'reset-link':
      return resetLink(args[0] ?? '');
    case 'exchange-case':
      return exchangeCase(args[0] === 'filled');
    case 'deposit-history':
      return depositHistory(Number(args[0] ?? '3'));
    case 'certificate':
      return certificate(args[0] ?? '');
    case 'named-file':
      return namedFile(args[0] ?? '');
    case 'custody-events':
      return custodyEvents(args[0] ?? '');
    case 'clear-lookup-limit':
      return clearLookupLimit();
    case 'witness-alarm':
      return witnessAlarm();
    case 'rogue-anchor':
      return rogueAnchor(args[0] ?? '');
    default:
      throw new Error(
        `unknown command ${command ?? '(none)'}: long-case, user [role], reset-link <e-mail>, case <n> [empty], exchange-case [filled], deposit-history <n>, certificate <exhibit id>, named-file <name>, custody-events <case id>, clear-lookup-limit, witness-alarm, rogue-anchor <tree size>`,
      );
  }
}

if (process.send) {
  // Forked by e2e/data/data.ts as its Playwright worker's data server: one process answers every
  // request of that worker (a fresh process per request spent seconds of CPU loading the portal's
  // modules, minutes over the suite). Requests run as they come, as separate processes did.
  const send = process.send.bind(process);
  process.on('message', (message: { id: number; args: string[] }) => {
    run(message.args[0], message.args.slice(1)).then(
      (data) => send({ id: message.id, data }),
      (error: unknown) =>
        send({ id: message.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
  // The worker gone (its channel closed): nothing more will be asked.
  process.on('disconnect', () => {
    void Promise.all([closeDb(), closePool()]).finally(() => process.exit(0));
  });
} else {
  run(process.argv[2], process.argv.slice(3))
    .then(async (data) => {
      await Promise.all([closeDb(), closePool()]);
      // The ledger's sequencer keeps a timer; exit once the line is written.
      process.stdout.write(`${JSON.stringify(data)}\n`, () => process.exit(0));
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
