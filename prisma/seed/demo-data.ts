/**
 * The demo court, its people and cases. Demo only: the shared password is published in
 * README.md, so never seed these into a real court's database (VERITY_DEMO=false).
 */
import type { CaseRole, Role } from '../../lib/db/generated/client';

export const DEMO_PASSWORD = 'verity-demo-2026';

export const DEMO_COURT = {
  code: 'DEMO-0491',
  nameZh: '示范互联网法院',
  nameEn: 'Demo Internet Court',
} as const;

export interface DemoUser {
  email: string;
  name: string;
  role: Role;
}

export const DEMO_USERS = [
  { email: 'litigant@demo.verity', name: '张明 Zhang Ming', role: 'litigant' },
  { email: 'defendant@demo.verity', name: '李华 Li Hua', role: 'litigant' },
  { email: 'judge@demo.verity', name: '王审判员 Judge Wang', role: 'judge' },
  { email: 'clerk@demo.verity', name: '赵书记员 Clerk Zhao', role: 'clerk' },
  { email: 'admin@demo.verity', name: '系统管理员 Administrator', role: 'admin' },
  // Belongs to DEMO_DEPOSITOR (below), not to the court: deposits evidence digests from the portal.
  { email: 'depositor@demo.verity', name: '孙存证员 Depositor Sun', role: 'depositor' },
] as const satisfies readonly DemoUser[];

export type DemoEmail = (typeof DEMO_USERS)[number]['email'];

export interface DemoCase {
  caseNumber: string;
  title: string;
  causeOfAction: string;
  members: ReadonlyArray<{ email: DemoEmail; role: CaseRole }>;
}

export const DEMO_CASES: readonly DemoCase[] = [
  {
    caseNumber: '（2026）京0491民初1234号',
    title: '张明诉李华著作权侵权纠纷',
    causeOfAction: '侵害作品信息网络传播权纠纷',
    members: [
      { email: 'litigant@demo.verity', role: 'plaintiff' },
      { email: 'defendant@demo.verity', role: 'defendant' },
      { email: 'judge@demo.verity', role: 'judge' },
      { email: 'clerk@demo.verity', role: 'clerk' },
    ],
  },
  {
    caseNumber: '（2026）京0491民初1235号',
    title: '李华诉某电商平台网络购物合同纠纷',
    causeOfAction: '网络购物合同纠纷',
    members: [
      { email: 'defendant@demo.verity', role: 'plaintiff' },
      { email: 'judge@demo.verity', role: 'judge' },
      { email: 'clerk@demo.verity', role: 'clerk' },
    ],
  },
];

/** The demo depositor organisation: an evidence-capture platform writing to the ledger. */
export const DEMO_DEPOSITOR = { name: '示范电子数据存证平台 Demo Evidence Platform' } as const;

/**
 * The demo depositor's API key (demo only, published in README.md). Its secret is fixed so the
 * documentation can show it; only its HMAC, under this installation's pepper, is stored.
 */
export const DEMO_API_KEY = 'vrt_demodemodemo_rW5Fj_JMb29TTzL_1nnDl2vjixm_pzPQZJpdrgNJzv4';

/** Small real files under prisma/seed/files, deposited by the demo depositor. */
export const DEMO_FILES = [
  { file: 'contract-DEMO-2026-0301.pdf', title: '作品著作权许可使用合同 DEMO-2026-0301' },
  { file: 'capture-2026-05-20-infringing-page.png', title: '侵权网页截图 2026-05-20' },
  { file: 'chat-export-2026-04.txt', title: '聊天记录导出 2026-04' },
] as const;

/**
 * The demo cases' exhibits. Case 1234: the deposited contract as submitted (consistent), the
 * deposited capture with one byte changed and its deposit named (tampered), and a statement
 * that was never deposited (not found). Case 1235: the deposited chat export (consistent).
 */
export const DEMO_EXHIBITS = [
  {
    caseNumber: '（2026）京0491民初1234号',
    by: 'litigant@demo.verity',
    file: 'contract-DEMO-2026-0301.pdf',
    title: '作品著作权许可使用合同',
    claimsDepositOf: 'contract-DEMO-2026-0301.pdf',
    flipByteAt: null,
  },
  {
    caseNumber: '（2026）京0491民初1234号',
    by: 'defendant@demo.verity',
    file: 'capture-2026-05-20-infringing-page.png',
    title: '侵权网页截图（被告提交的副本）',
    claimsDepositOf: 'capture-2026-05-20-infringing-page.png',
    flipByteAt: 1000,
  },
  {
    caseNumber: '（2026）京0491民初1234号',
    by: 'litigant@demo.verity',
    file: 'witness-statement-2026-06.txt',
    title: '证人书面证言',
    claimsDepositOf: null,
    flipByteAt: null,
  },
  // The other case, so that its people and the first case's people can be told apart.
  {
    caseNumber: '（2026）京0491民初1235号',
    by: 'defendant@demo.verity',
    file: 'chat-export-2026-04.txt',
    title: '聊天记录（2026年4月）',
    claimsDepositOf: 'chat-export-2026-04.txt',
    flipByteAt: null,
  },
] as const satisfies ReadonlyArray<{
  caseNumber: string;
  by: DemoEmail;
  file: string;
  title: string;
  claimsDepositOf: (typeof DEMO_FILES)[number]['file'] | null;
  flipByteAt: number | null;
}>;

/**
 * The demo case's evidence exchange (质证, issue #17): the clerk has set the deadline for opinions
 * (`deadlineInDays` after the day it is seeded, Beijing time); the defendant objects to the
 * authenticity of the plaintiff's contract (the consistent exhibit) with reasons; the plaintiff
 * replies; the judge's determination admits the exhibit in art. 16's words, answering the objection.
 */
export const DEMO_EXCHANGE = {
  caseNumber: '（2026）京0491民初1234号',
  exhibitTitle: '作品著作权许可使用合同',
  clerk: 'clerk@demo.verity',
  objector: 'defendant@demo.verity',
  replier: 'litigant@demo.verity',
  judge: 'judge@demo.verity',
  deadlineInDays: 14,
  opinion: {
    authenticity: 'dispute',
    authenticityReasons:
      '被告从未签署该许可使用合同：合同末页的签名与被告本人的签名笔迹明显不同，且原告只提交了电子文件，未提交合同原件，被告不认可其真实性。',
    legality: 'no_opinion',
    relevance: 'accept',
  },
  reply:
    '该合同于2026年3月1日签订当日即由示范电子数据存证平台存证，本院核验结果为“一致”，提交的文件与存证时的文件逐字节相同。被告对签名有异议的，可以申请鉴定，但至今未提交任何相反证据。',
  determination: {
    outcome: 'accepted',
    reasoning:
      '经核验，该证据与存证链上的存证一致。依照《人民法院在线诉讼规则》第十六条，可以认定该电子数据上链后未经篡改，但有相反证据足以推翻的除外。被告对真实性提出异议，但未提交相反证据，也未申请鉴定，其质证意见不能成立。本院对该证据予以采纳。',
  },
} as const satisfies {
  caseNumber: string;
  exhibitTitle: string;
  clerk: DemoEmail;
  objector: DemoEmail;
  replier: DemoEmail;
  judge: DemoEmail;
  deadlineInDays: number;
  opinion: Record<string, string>;
  reply: string;
  determination: { outcome: 'accepted' | 'rejected' | 'expert_review'; reasoning: string };
};
