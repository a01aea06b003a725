/**
 * Who vouched, as the pages say it (issue #18), rendered to HTML in both languages with the real
 * messages, from a witnessing counted with real keys (lib/verification/witnessed-by.ts): the
 * issue's exact words with the names (English names when present), "not yet witnessed" with what
 * it means, signatures that did not count in the technical details, and the flag for a changed
 * list with every change.
 */
import { createHash } from 'node:crypto';
import { NextIntlClientProvider } from 'next-intl';
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  formatCheckpoint,
  formatSignatureLine,
  generateCosignerKeys,
  generateNoteKeys,
  signCosignature,
  signNote,
} from '@/lib/tlog';
import { policyChanges, type WitnessPolicy } from '@/lib/verification/witness-policy';
import { witnessedBy } from '@/lib/verification/witnessed-by';
import en from '@/messages/en.json';
import zh from '@/messages/zh-CN.json';
import { WitnessingDetails, WitnessingNote, WitnessPolicyStatus } from './witnessing';

const seed = (label: string) => new Uint8Array(createHash('sha256').update(`vouched ui ${label}`).digest());
const log = generateNoteKeys('verity.test/log', seed('log'));
const keys = ['notary', 'forensics', 'association', 'stranger'].map((n) =>
  generateCosignerKeys(`${n}.demo/w`, 'ed25519', seed(n)),
) as [ReturnType<typeof generateCosignerKeys>, ...ReturnType<typeof generateCosignerKeys>[]];
const [notary, forensics, association, stranger] = keys as [
  (typeof keys)[0],
  (typeof keys)[0],
  (typeof keys)[0],
  (typeof keys)[0],
];
const POLICY: WitnessPolicy = {
  quorum: 2,
  witnesses: [
    { name: '示范公证处', nameEn: 'Demo Notary Office', verifierKey: notary.verifierKey },
    { name: '示范司法鉴定中心', nameEn: 'Demo Forensic Appraisal Centre', verifierKey: forensics.verifierKey },
    { name: '示范行业协会', verifierKey: association.verifierKey },
  ],
};
const text = formatCheckpoint({ origin: 'verity.test/log', size: 7, rootHash: seed('root') });
const NOW = 1_800_000_000;
const note = (...signers: string[]) =>
  signNote(text, log.signerKey) + signers.map((k) => formatSignatureLine(signCosignature(k, text, NOW - 5))).join('');

function render(locale: 'zh-CN' | 'en', node: ReactNode): string {
  const html = renderToStaticMarkup(
    createElement(NextIntlClientProvider, {
      locale,
      messages: locale === 'en' ? en : zh,
      timeZone: 'Asia/Shanghai',
      // biome-ignore lint/correctness/noChildrenProp: no JSX in a .test.ts file; the provider requires children in its props type
      children: node,
    }),
  );
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('who vouched, in words', () => {
  const two = witnessedBy(note(notary.signerKey, forensics.signerKey), POLICY, log.verifierKey, { now: NOW });
  if (!two) throw new Error('witnessing');

  it('witnessed: the issue’s words with the institutions’ names', () => {
    expect(render('zh-CN', createElement(WitnessingNote, { witnessing: two }))).toContain(
      '已由 3 家机构中的 2 家见证：示范公证处、示范司法鉴定中心',
    );
    expect(render('en', createElement(WitnessingNote, { witnessing: two }))).toContain(
      'Witnessed by 2 of 3 institutions: Demo Notary Office, Demo Forensic Appraisal Centre',
    );
    // No English name configured: the name as configured.
    const withAssociation = witnessedBy(note(association.signerKey, notary.signerKey), POLICY, log.verifierKey, {
      now: NOW,
    });
    expect(render('en', createElement(WitnessingNote, { witnessing: withAssociation as never }))).toContain(
      'Witnessed by 2 of 3 institutions: Demo Notary Office, 示范行业协会',
    );
  });

  it('not yet witnessed, with what it means; the signatures that did not count in the technical details', () => {
    const one = witnessedBy(note(notary.signerKey, stranger.signerKey), POLICY, log.verifierKey, { now: NOW });
    if (!one) throw new Error('witnessing');
    const zhText = render('zh-CN', createElement(WitnessingNote, { witnessing: one }));
    expect(zhText).toContain('尚未见证');
    expect(zhText).toContain('这条存证已在存证链上，但见证机构还没有确认存证链的这一版本。请稍后再核验一次。');
    expect(render('en', createElement(WitnessingNote, { witnessing: one }))).toContain(
      'Not yet witnessed The record is on the evidence ledger, but the institutions that witness it have not yet confirmed this version of it. Check again later.',
    );
    const details = render('zh-CN', createElement(WitnessingDetails, { witnessing: one }));
    expect(details).toContain('目前已签名：示范公证处（需要 2 家）。');
    expect(details).toContain('未计入的见证签名：stranger.demo/w');
  });

  it('a changed list: what changed, and the choice to trust the new one', () => {
    const served: WitnessPolicy = {
      quorum: 1,
      witnesses: [POLICY.witnesses[0] as never, { name: '另一家机构', verifierKey: stranger.verifierKey }],
    };
    const check = {
      state: 'changed' as const,
      pinned: { policy: POLICY, seenAt: '2026-12-01T02:00:00.000Z' },
      served,
      changes: policyChanges(POLICY, served),
    };
    const zhText = render('zh-CN', createElement(WitnessPolicyStatus, { check, onAccept: () => {} }));
    expect(zhText).toContain('存证链的见证机构名单变了');
    expect(zhText).toContain('所需签名的见证机构：2 家 → 1 家');
    expect(zhText).toContain('不再列出：示范司法鉴定中心');
    expect(zhText).toContain('不再列出：示范行业协会');
    expect(zhText).toContain('新列出：另一家机构');
    expect(zhText).toContain('接受新名单');
    const enText = render('en', createElement(WitnessPolicyStatus, { check, onAccept: () => {} }));
    expect(enText).toContain('No longer listed: Demo Forensic Appraisal Centre');
    expect(enText).toContain('Trust the new list');
    expect(render('en', createElement(WitnessPolicyStatus, { check: { state: 'none' }, onAccept: () => {} }))).toBe('');
  });
});
