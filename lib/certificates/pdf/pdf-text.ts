import 'server-only';
/**
 * What the certificate PDF says, in both languages: verdict words (the portal's own, from
 * `messages/`), the sentence under the verdict, and the formatting of times, sizes and the
 * ledger position. Pure, so it is tested without drawing anything.
 *
 * @module
 */

import { parseCheckpoint, parseSignedNote, parseTlogProof } from '@/lib/tlog';
import en from '@/messages/en.json';
import zh from '@/messages/zh-CN.json';
import type { CertificateBody } from '../format/certificate-body';

export type Verdict = CertificateBody['verdict'];

/** A pair of texts: Chinese first (it governs), English beneath it. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** The verdict's symbol, drawn beside its words so colour is never the only signal. */
export type VerdictSymbol = 'check' | 'cross' | 'question' | 'clock' | 'exclamation';

export const VERDICT_SYMBOL: Record<Verdict, VerdictSymbol> = {
  consistent: 'check',
  tampered: 'cross',
  not_found: 'question',
  pending: 'clock',
  invalid_proof: 'exclamation',
};

/** The verdict in the words the portal shows on screen. */
export function verdictWord(verdict: Verdict): Bilingual {
  return { zh: zh.verify.verdict.word[verdict], en: en.verify.verdict.word[verdict] };
}

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** `2026-03-01 10:02:03`: an RFC 3339 time in Beijing time (UTC+8, no daylight saving). */
export function beijingTime(rfc3339: string): string {
  const ms = Date.parse(rfc3339);
  if (Number.isNaN(ms)) throw new Error(`certificate PDF: not an RFC 3339 time: ${rfc3339}`);
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

export const BEIJING_TIME_NOTE: Bilingual = { zh: '北京时间（UTC+8）', en: 'Beijing time (UTC+8)' };

/** `2,483,117 字节 bytes (2.37 MiB)`, or `—` when the size is not recorded. */
export function fileSize(bytes: number | null): string {
  if (bytes === null) return '—';
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let scaled = bytes;
  let unit = '';
  for (const next of units) {
    if (scaled < 1024) break;
    scaled /= 1024;
    unit = next;
  }
  const human = unit === '' ? '' : ` (${scaled.toFixed(scaled < 10 ? 2 : 1)} ${unit})`;
  return `${bytes.toLocaleString('en-US')} 字节 bytes${human}`;
}

/**
 * The deposit's place on the evidence ledger, counted from 1 as people count ("链上序号 6（共
 * 11 条）", record 6 of 11: leaf index + 1 of the checkpoint's size; GLOSSARY.md).
 */
export function ledgerPosition(deposit: NonNullable<CertificateBody['deposit']>): Bilingual {
  if (deposit.leafIndex === null) return { zh: '上链中', en: 'being recorded' };
  const n = (deposit.leafIndex + 1).toLocaleString('en-US');
  const size = checkpointSize(deposit.tlogProof);
  if (size === null) return { zh: `链上序号 ${n}`, en: `record ${n}` };
  return { zh: `链上序号 ${n}（共 ${size} 条）`, en: `record ${n} of ${size}` };
}

/** The tree size of the checkpoint inside a tlog-proof, or null if the text does not parse. */
function checkpointSize(tlogProof: string | null): string | null {
  if (tlogProof === null) return null;
  try {
    const { checkpoint } = parseTlogProof(tlogProof);
    return parseCheckpoint(parseSignedNote(checkpoint).text).size.toLocaleString('en-US');
  } catch {
    // The PDF shows what the body says; checking the proof is the checker's job, not the printer's.
    return null;
  }
}

/** The sentence under the verdict: what it means for this exhibit, naming the deposit. */
export function verdictSentence(body: CertificateBody): Bilingual {
  const file = body.exhibit.kind === 'file';
  const thing: Bilingual = file ? { zh: '此文件', en: 'This file' } : { zh: '此摘要值', en: 'This digest' };
  const d = body.deposit;
  const when = d && {
    zh: `${beijingTime(d.depositedAt)}（北京时间）`,
    en: `${beijingTime(d.depositedAt)}, Beijing time`,
  };
  switch (body.verdict) {
    case 'consistent':
      if (!d || !when) break;
      return file
        ? {
            zh: `此文件自 ${when.zh}由 ${d.depositor.name} 存证以来未被修改。`,
            en: `This file has not changed since it was deposited on ${when.en}, by ${d.depositor.name}.`,
          }
        : {
            zh: `此摘要值已于 ${when.zh}由 ${d.depositor.name} 存证。`,
            en: `This digest was deposited on ${when.en}, by ${d.depositor.name}.`,
          };
    case 'tampered':
      if (!d || !when) break;
      return {
        zh: `${thing.zh}与 ${d.depositor.name} 于 ${when.zh}存证的不同：在存证后被修改过，或者是另一个文件。`,
        en: `${thing.en} differs from what ${d.depositor.name} deposited on ${when.en}: it was changed after it was deposited, or it is a different file.`,
      };
    case 'pending':
      if (!d || !when) break;
      return {
        zh: `${thing.zh}已于 ${when.zh}由 ${d.depositor.name} 存证，但尚未上链。`,
        en: `${thing.en} was deposited on ${when.en}, by ${d.depositor.name}, but was not yet recorded on the evidence ledger.`,
      };
    case 'not_found':
      return {
        zh: `存证链上没有与${thing.zh}完全相同的存证：${thing.zh}从未存证，或与已存证的文件哪怕只相差一个字节。`,
        en: `No deposit on the evidence ledger holds exactly ${thing.en.toLowerCase()}: it was never deposited, or it differs from the deposited file by as little as one byte.`,
      };
    case 'invalid_proof':
      break;
  }
  // invalid_proof, and a body whose deposit is missing: the portal's general meaning of the verdict.
  return { zh: zh.exhibits.scope.means[body.verdict], en: en.exhibits.scope.means[body.verdict] };
}

export const PARTY_ROLE: Record<CertificateBody['exhibit']['partyRole'], Bilingual> = {
  plaintiff: { zh: zh.cases.roles.plaintiff, en: en.cases.roles.plaintiff },
  defendant: { zh: zh.cases.roles.defendant, en: en.cases.roles.defendant },
};

/**
 * How the portal verified, for the cell beside "核验方 Verified by" (the portal): each role named
 * as it is — the party submitted (the 提交人 of the exhibit), or a person of the case asked for the
 * check again. The person is never called the verifier (核验人): the court's portal computes and
 * compares.
 */
export function verificationAccount(body: CertificateBody): Bilingual {
  const { by, site } = body.verification;
  if (site === 'browser') {
    return {
      zh: `将 ${by} 在其浏览器中计算并提交的摘要值与存证链比对`,
      en: `the portal compared the digests ${by} computed in a browser with the ledger`,
    };
  }
  if (by === body.exhibit.submittedBy) {
    const role = PARTY_ROLE[body.exhibit.partyRole];
    return {
      zh: `计算${role.zh}提交的文件的摘要，并与存证链比对`,
      en: `the portal hashed the file the ${role.en.toLowerCase()} submitted, compared with the ledger`,
    };
  }
  return {
    zh: `应 ${by} 的请求重新计算所传文件的摘要，并与存证链比对`,
    en: `the portal hashed the file again at the request of ${by}, compared with the ledger`,
  };
}
