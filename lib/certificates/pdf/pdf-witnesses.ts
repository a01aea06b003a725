import 'server-only';
/**
 * Who vouched, as both certificate PDFs print it (issue #18), from what a version 2 body says:
 * the sentence — "已由 3 家机构中的 2 家见证：示范公证处、示范司法鉴定中心" / "Witnessed by 2 of 3
 * institutions: …", or "尚未见证：…" — in the words of the pages (messages `vouched`, and
 * `certificate.witnessing` for what only a certificate says), and the witness list with each
 * witness's verifier key (the technical part, in mono). The PDF prints what the body says; the
 * signatures behind it are the checker's job (format/certificate-witnessing.ts).
 *
 * @module
 */
import { createTranslator } from 'use-intl/core';
import en from '@/messages/en.json';
import zh from '@/messages/zh-CN.json';
import type { CertificateWitnessed, CertificateWitnessPolicy } from '../format/certificate-witnessing';
import type { Row } from './pdf-layout';
import type { Bilingual } from './pdf-text';

const tZh = createTranslator({ locale: 'zh-CN', messages: zh });
const tEn = createTranslator({ locale: 'en', messages: en });

/** The sentence for a deposit's checkpoint: witnessed by whom, or not yet witnessed. */
export function witnessingSentence(policy: CertificateWitnessPolicy, witnessed: CertificateWitnessed): Bilingual {
  const of = policy.witnesses.length;
  if (witnessed === null) {
    return {
      zh: tZh('certificate.witnessing.notYet', { of, quorum: policy.quorum }),
      en: tEn('certificate.witnessing.notYet', { of, quorum: policy.quorum }),
    };
  }
  const by = witnessed.by.map((name) => policy.witnesses.find((w) => w.name === name) ?? { name });
  const count = by.length;
  return {
    zh: `${tZh('vouched.witnessed', { of, count, names: by.map((w) => w.name).join('、') })}。${tZh('vouched.witnessedBody')}`,
    en: `${tEn('vouched.witnessed', { of, count, names: by.map((w) => ('nameEn' in w && w.nameEn) || w.name).join(', ') })}. ${tEn('vouched.witnessedBody')}`,
  };
}

/** The row under a deposit: 见证情况 / Who vouched. */
export function witnessedRow(policy: CertificateWitnessPolicy, witnessed: CertificateWitnessed): Row {
  const sentence = witnessingSentence(policy, witnessed);
  return [
    {
      label: { zh: tZh('certificate.witnessing.heading'), en: tEn('certificate.witnessing.heading') },
      value: { kind: 'text', primary: sentence.zh, secondary: sentence.en, paragraph: true },
    },
  ];
}

/** The witness list with the quorum in both languages, then each witness's verifier key (mono). */
export function witnessListRows(policy: CertificateWitnessPolicy): Row[] {
  const of = policy.witnesses.length;
  const quorum = policy.quorum;
  return [
    [
      {
        label: { zh: '见证机构', en: 'Witnesses' },
        value: {
          kind: 'text',
          primary: `${policy.witnesses.map((w) => w.name).join('、')}。${tZh('certificate.witnessing.quorum', { of, quorum })}`,
          secondary: `${policy.witnesses.map((w) => w.nameEn ?? w.name).join(', ')}. ${tEn('certificate.witnessing.quorum', { of, quorum })}`,
        },
      },
    ],
    [
      {
        label: { zh: tZh('certificate.witnessing.keys'), en: tEn('certificate.witnessing.keys') },
        value: { kind: 'text', primary: policy.witnesses.map((w) => w.verifierKey).join('\n'), mono: true },
      },
    ],
  ];
}
