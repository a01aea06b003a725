import 'server-only';
/**
 * The table of the certificate PDF as data: which facts of the body appear, in what order,
 * under which bilingual labels. Drawing is pdf-layout.ts's job.
 *
 * @module
 */
import type { CertificateBody } from '../format/certificate-body';
import { anchorRows } from './pdf-anchors';
import type { Row } from './pdf-layout';
import { BEIJING_TIME_NOTE, beijingTime, fileSize, ledgerPosition, PARTY_ROLE, verificationAccount } from './pdf-text';
import { witnessedRow, witnessListRows } from './pdf-witnesses';

export interface Section {
  /** Written top to bottom in the section column: two to four characters. */
  name: string;
  rows: Row[];
}

const beijing = `${BEIJING_TIME_NOTE.zh} ${BEIJING_TIME_NOTE.en}`;

function depositRows(body: CertificateBody): Row[] {
  const { deposit, log, anchor } = body;
  const rows: Row[] = [];
  if (deposit) {
    const position = ledgerPosition(deposit);
    rows.push(
      [
        { label: { zh: '存证编号', en: 'Deposit ID' }, value: { kind: 'text', primary: deposit.id, mono: true } },
        {
          label: { zh: '存证时间', en: 'Deposited at' },
          value: { kind: 'text', primary: beijingTime(deposit.depositedAt), secondary: beijing },
        },
      ],
      [
        { label: { zh: '存证方', en: 'Depositor' }, value: { kind: 'text', primary: deposit.depositor.name } },
        {
          label: { zh: '链上序号', en: 'Record on the ledger' },
          value: { kind: 'text', primary: position.zh, secondary: position.en },
        },
      ],
    );
    // A log with witnesses (body version 2): who vouched for the checkpoint the proof ends in.
    if (body.version === 2 && 'witnessed' in deposit) rows.push(witnessedRow(body.witnessPolicy, deposit.witnessed));
  } else {
    rows.push([
      {
        label: { zh: '存证记录', en: 'Deposit' },
        value: {
          kind: 'text',
          primary: '无：存证链上没有记录这些摘要的存证',
          secondary: 'None: no deposit on the evidence ledger records these digests.',
        },
      },
    ]);
  }
  rows.push([
    {
      label: { zh: '存证链', en: 'Evidence ledger' },
      value: {
        kind: 'text',
        primary: log.origin,
        mono: true,
        secondary: `key ${log.verifierKey}`,
        secondaryMono: true,
      },
    },
  ]);
  // The witnesses and their keys, where there is a checkpoint they vouch for.
  if (body.version === 2 && deposit) rows.push(...witnessListRows(body.witnessPolicy));
  // Where the deposit's checkpoint was fixed outside the operator's reach (issue #19), when it was.
  if (anchor) rows.push(...anchorRows(anchor));
  return rows;
}

/** The sections of the table, top to bottom. */
export function certificateSections(body: CertificateBody): Section[] {
  const { exhibit, verification } = body;
  const role = PARTY_ROLE[exhibit.partyRole];
  const account = verificationAccount(body);
  return [
    {
      name: '案件',
      rows: [
        [
          { label: { zh: '案号', en: 'Case number' }, value: { kind: 'text', primary: body.case.number } },
          { label: { zh: '案件名称', en: 'Case title' }, value: { kind: 'text', primary: body.case.title } },
        ],
      ],
    },
    {
      name: '证据',
      rows: [
        [
          {
            label: { zh: '证据编号', en: 'Exhibit number' },
            value: { kind: 'text', primary: `第 ${exhibit.number} 号证据`, secondary: `Exhibit ${exhibit.number}` },
          },
          {
            label: { zh: '提交人', en: 'Submitted by' },
            value: { kind: 'text', primary: `${exhibit.submittedBy}（${role.zh}）`, secondary: role.en },
          },
        ],
        [
          { label: { zh: '证据名称', en: 'Title' }, value: { kind: 'text', primary: exhibit.title } },
          {
            label: { zh: '文件', en: 'File' },
            value:
              exhibit.fileName === null || exhibit.kind === 'hash_only'
                ? { kind: 'text', primary: '—（仅提交摘要值）', secondary: 'digest only: no file was submitted' }
                : { kind: 'text', primary: exhibit.fileName, secondary: fileSize(exhibit.size) },
          },
        ],
      ],
    },
    {
      name: '摘要',
      rows: [
        [{ label: { zh: 'SHA-256', en: 'FIPS 180-4' }, value: { kind: 'digest', hex: body.digests.sha256 } }],
        [{ label: { zh: 'SM3', en: 'GB/T 32905' }, value: { kind: 'digest', hex: body.digests.sm3 } }],
      ],
    },
    {
      name: '核验',
      rows: [
        [
          {
            label: { zh: '核验时间', en: 'Verified at' },
            value: { kind: 'text', primary: beijingTime(verification.at), secondary: beijing },
          },
          {
            label: { zh: '核验方', en: 'Verified by' },
            value: {
              kind: 'text',
              primary: `${body.court.nameZh}诉讼平台`,
              secondary: `${account.zh}；${account.en}`,
            },
          },
        ],
      ],
    },
    { name: '存证', rows: depositRows(body) },
    {
      name: '说明',
      rows: [
        [{ label: null, value: { kind: 'text', primary: body.scope.zh, secondary: body.scope.en, paragraph: true } }],
      ],
    },
  ];
}
