import 'server-only';
/**
 * Where the deposit's checkpoint is anchored, as the certificate PDF prints it (issue #19), in the
 * pages' words (messages `anchors`): "区块链锚定：已锚定于…第 N 号区块" / "Anchored on <chain> in
 * block N at <time>", and "可信时间戳：由…签发——该存证不晚于此时已经存在" / "Timestamped by <TSA> at
 * <time>: the deposit existed no later than this"; "demo" said where npm start's demo chain or
 * authority made them. The transaction and token details go under them, in mono. The PDF prints
 * what the body says; the checks are the checker's (lib/anchor/check-deposit-anchor.ts).
 *
 * @module
 */
import { createTranslator } from 'use-intl/core';
import type { DepositAnchor } from '@/lib/anchor/deposit-anchor.schema';
import en from '@/messages/en.json';
import zh from '@/messages/zh-CN.json';
import type { Row } from './pdf-layout';
import { beijingTime } from './pdf-text';

const tZh = createTranslator({ locale: 'zh-CN', messages: zh, namespace: 'anchors' });
const tEn = createTranslator({ locale: 'en', messages: en, namespace: 'anchors' });

/** The rows under the ledger: the chain anchor and the trusted timestamp, each when present. */
export function anchorRows(anchor: DepositAnchor): Row[] {
  const rows: Row[] = [];
  const { evm, timestamp } = anchor;
  if (evm) {
    const values = { chain: evm.chain, block: evm.blockNumber, time: beijingTime(evm.anchoredAt) };
    rows.push([
      {
        label: { zh: '区块链锚定', en: 'Anchored on a chain' },
        value: {
          kind: 'text',
          primary: `${tZh('chain', values)}${evm.demo ? tZh('chainDemo') : ''}`,
          secondary: `${tEn('chain', values)}${evm.demo ? ` ${tEn('chainDemo')}` : ''}\nchain ${evm.chainId} · contract ${evm.contract} · transaction ${evm.transactionHash}`,
        },
      },
    ]);
  }
  if (timestamp) {
    const values = { tsa: timestamp.tsa, time: beijingTime(timestamp.anchoredAt) };
    rows.push([
      {
        label: { zh: '可信时间戳', en: 'Trusted timestamp' },
        value: {
          kind: 'text',
          primary: `${tZh('timestamp', values)}${timestamp.demo ? tZh('timestampDemo') : ''}`,
          secondary: `${tEn('timestamp', values)}${timestamp.demo ? ` ${tEn('timestampDemo')}` : ''}\nRFC 3161 token over SHA-256 of the signed state of ${timestamp.treeSize} records`,
        },
      },
    ]);
  }
  return rows;
}
