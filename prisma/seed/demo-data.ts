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
