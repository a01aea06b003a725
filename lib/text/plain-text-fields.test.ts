/**
 * Every schema of text a person or a client types refuses the characters of lib/text/plain-text.ts
 * (issue #21, finding 5): one table over the schemas, each field with a valid input around it, so
 * the field's refusal is the only issue. Multi-line fields keep line breaks and tabs.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ZListQuery } from '@/lib/accounts/paging';
import { ZSetOidcConfig } from '@/lib/auth/oidc/oidc-config.schema';
import { ZOwnAccount } from '@/lib/auth/update-own-account';
import { ZCreateCaseInput, ZUpdateCaseInput } from '@/lib/cases/case.schema';
import { ZAssignableSearch } from '@/lib/cases/list-assignable-users';
import { ZCaseSearch } from '@/lib/cases/search-cases.schema';
import { ZRevokeCertificate } from '@/lib/certificates/revoke-certificate';
import { ZCourtSettings } from '@/lib/court/court.schema';
import { ZDepositHistoryQuery } from '@/lib/depositors/deposit-history.schema';
import { ZDisplayText } from '@/lib/depositors/schemas';
import { ZCreateUploadRequest } from '@/lib/evidence/upload.schema';
import { ZOpinionInput, ZReplyInput } from '@/lib/exchange/exchange.schema';
import { ZDetermination } from '@/lib/exhibits/record-determination';
import { ZSubmitFileExhibit, ZSubmitHashOnlyExhibit } from '@/lib/exhibits/submit-exhibit';
import { ZPartyInvitation, ZStaffInvitation } from '@/lib/invitations/invitation.schema';
import { ZFileFacts } from '@/lib/ledger/deposit-from-browser.schema';
import { ZDepositRequest } from '@/lib/ledger/statement/deposit-request.schema';
import { ZMailboxQuery } from '@/lib/mail/list-mailbox';
import { ZOutboxQuery } from '@/lib/mail/list-outbox';
import { REFUSED } from './plain-text.testing';

const HEX = 'ab'.repeat(32);
const DIGESTS = { sha256: HEX, sm3: HEX };

interface Field {
  schema: z.ZodType;
  /** A valid input; `field` is replaced by the text under test. */
  valid: Record<string, unknown>;
  field: string;
  multiline?: boolean;
}

const FIELDS: Record<string, Field> = {
  'exhibit title (file)': { schema: ZSubmitFileExhibit, valid: { uploadId: randomUUID() }, field: 'title' },
  'exhibit title (hash only)': { schema: ZSubmitHashOnlyExhibit, valid: DIGESTS, field: 'title' },
  'exhibit file name (hash only)': {
    schema: ZSubmitHashOnlyExhibit,
    valid: { title: 't', ...DIGESTS },
    field: 'fileName',
  },
  'upload file name': { schema: ZCreateUploadRequest, valid: { size: 1, ...DIGESTS }, field: 'fileName' },
  'determination reasoning': {
    schema: ZDetermination,
    valid: { outcome: 'accepted' },
    field: 'reasoning',
    multiline: true,
  },
  'opinion reasons': {
    schema: ZOpinionInput,
    valid: { authenticity: 'dispute', legality: 'accept', relevance: 'accept' },
    field: 'authenticityReasons',
    multiline: true,
  },
  'reply to an opinion': { schema: ZReplyInput, valid: {}, field: 'reasons', multiline: true },
  'certificate revocation reason': { schema: ZRevokeCertificate, valid: {}, field: 'reason', multiline: true },
  'case title': {
    schema: ZCreateCaseInput,
    valid: { caseNumber: '（2026）京0491民初1234号', causeOfAction: '合同纠纷' },
    field: 'title',
  },
  'case cause of action': {
    schema: ZCreateCaseInput,
    valid: { caseNumber: '（2026）京0491民初1234号', title: '张三诉李四' },
    field: 'causeOfAction',
  },
  'case title (edit)': { schema: ZUpdateCaseInput, valid: {}, field: 'title' },
  'court Chinese name': {
    schema: ZCourtSettings,
    valid: { nameEn: 'Court', code: 'BJ-0491', publicUrl: 'https://verity.example' },
    field: 'nameZh',
  },
  'court English name': {
    schema: ZCourtSettings,
    valid: { nameZh: '法院', code: 'BJ-0491', publicUrl: 'https://verity.example' },
    field: 'nameEn',
  },
  'staff invitation name': {
    schema: ZStaffInvitation,
    valid: { email: 'a@example.com', role: 'judge', locale: 'zh-CN' },
    field: 'name',
  },
  'party invitation name': {
    schema: ZPartyInvitation,
    valid: { email: 'a@example.com', caseRole: 'plaintiff', locale: 'en' },
    field: 'name',
  },
  'own account name': { schema: ZOwnAccount, valid: { locale: 'en' }, field: 'name' },
  'depositor organisation name, key label': {
    schema: ZDisplayText('label').transform((v) => ({ v })),
    valid: {},
    field: '',
  },
  'sign-in display name': { schema: ZSetOidcConfig.shape.displayNameZh, valid: {}, field: '' },
  'sign-in client ID': { schema: ZSetOidcConfig.shape.clientId, valid: {}, field: '' },
  'deposit API title': { schema: ZDepositRequest, valid: { digests: { sm3: HEX } }, field: 'title' },
  'deposit page file name': { schema: ZFileFacts, valid: { size: 1 }, field: 'name' },
  'docket search: number': { schema: ZCaseSearch, valid: {}, field: 'number' },
  'docket search: party': { schema: ZCaseSearch, valid: {}, field: 'party' },
  'people search': { schema: ZAssignableSearch, valid: {}, field: 'q' },
  'deposit history search': { schema: ZDepositHistoryQuery, valid: {}, field: 'q' },
  'outbox recipient': { schema: ZOutboxQuery, valid: {}, field: 'recipient' },
  'mailbox recipient': { schema: ZMailboxQuery, valid: {}, field: 'recipient' },
};

function input(f: Field, text: string): unknown {
  return f.field === '' ? text : { ...f.valid, [f.field]: text };
}

describe.each(Object.entries(FIELDS))('%s', (_, f) => {
  it('accepts plain text', () => {
    const text = f.field === 'number' ? '（2026）京0491' : '张三 Zoë 😀';
    expect(f.schema.safeParse(input(f, text)).error?.issues ?? []).toEqual([]);
  });

  it.each(REFUSED)('refuses %s, on that field alone', (_, c) => {
    const result = f.schema.safeParse(input(f, `invoice${c}fdp.exe`));
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual([f.field === '' ? '' : f.field]);
  });

  it(f.multiline ? 'keeps line breaks and tabs' : 'refuses a line break inside', () => {
    const result = f.schema.safeParse(input(f, 'first\r\n\tsecond'));
    expect(result.success).toBe(Boolean(f.multiline));
  });
});

describe('admin list search (q falls back to no search)', () => {
  it.each(REFUSED)('drops a q with %s instead of searching for it', (_, c) => {
    expect(ZListQuery.parse({ q: `a${c}b` }).q).toBe('');
  });
});
