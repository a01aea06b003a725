/**
 * The exhibit form's words for a failed upload, in both languages with the real messages: a full
 * storage quota from the details the server sends (lib/evidence/check-storage-quota.ts), and the
 * other failures a person can meet, never the server's English words.
 */
import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import { UploadError } from '@/lib/evidence/upload-client';
import en from '@/messages/en.json';
import zh from '@/messages/zh-CN.json';
import { uploadErrorMessage } from './upload-error-message';

const tEn = createTranslator({ locale: 'en', messages: en, namespace: 'exhibits.submit' });
const tZh = createTranslator({ locale: 'zh-CN', messages: zh, namespace: 'exhibits.submit' });

// The pages count in decimal units (components/verify/format.ts).
const GB = 1e9;
const full = (quota: 'person' | 'case') =>
  new UploadError('QUOTA_EXCEEDED', 'server words', {
    status: quota === 'person' ? 413 : 409,
    details: { quota, usedBytes: 15.5 * GB, allowedBytes: 16 * GB, fileBytes: 2 * GB },
  });

describe('uploadErrorMessage', () => {
  it("says how much of a person's quota is used, how much is allowed and how large the file is", () => {
    expect(uploadErrorMessage(full('person'), tEn, 'en')).toBe(
      'Your uploads not yet submitted as exhibits hold 15.5 GB of the 16 GB you may use, and this file is 2 GB. Submit or cancel the uploads you started, or ask the court to raise your storage limit.',
    );
    expect(uploadErrorMessage(full('person'), tZh, 'zh-CN')).toBe(
      '您尚未提交为证据的上传文件已占用 15.5 GB，您可使用的上限为 16 GB，本文件为 2 GB，无法容纳。请先提交或取消已开始的上传，或请法院提高您的存储上限。',
    );
  });

  it("says the same of a case's quota", () => {
    expect(uploadErrorMessage(full('case'), tEn, 'en')).toContain(
      "This case's evidence files and uploads hold 15.5 GB",
    );
    expect(uploadErrorMessage(full('case'), tZh, 'zh-CN')).toContain('本案的证据文件和上传文件已占用 15.5 GB');
  });

  it.each([
    [
      'the evidence store full (507)',
      new UploadError('REFUSED', "The server's evidence store is full", {
        serverCode: 'INSUFFICIENT_STORAGE',
        status: 507,
      }),
      "The court's evidence store is full",
      '法院的证据存储空间已满',
    ],
    [
      'a connection that kept failing',
      new UploadError('NETWORK', 'The upload kept failing (HTTP 503)'),
      'could not reach the court',
      '无法连接法院服务器',
    ],
    [
      'a file that arrived different',
      new UploadError('DIGEST_MISMATCH', 'The file the server received does not match', {
        serverCode: 'DIGEST_MISMATCH',
      }),
      'does not match the file your browser hashed',
      '不一致，上传已被拒绝',
    ],
    [
      'signed out',
      new UploadError('UNAUTHENTICATED', 'Sign in to upload evidence.'),
      'You are signed out',
      '您已退出登录',
    ],
    [
      'no longer a party',
      new UploadError('FORBIDDEN', 'Not a party.'),
      'no longer submit evidence',
      '您已无法向本案提交证据',
    ],
    ['the case or upload gone', new UploadError('NOT_FOUND', 'No such upload.'), 'no longer there', '已不存在'],
  ])('says %s in the reader’s language', (_what, error, english, chinese) => {
    expect(uploadErrorMessage(error, tEn, 'en')).toContain(english);
    expect(uploadErrorMessage(error, tZh, 'zh-CN')).toContain(chinese);
    expect(uploadErrorMessage(error, tZh, 'zh-CN')).not.toContain(error.message);
  });

  it('keeps the words of what it has none of its own for', () => {
    expect(uploadErrorMessage(new UploadError('REFUSED', 'Odd refusal.', { serverCode: 'CONFLICT' }), tEn, 'en')).toBe(
      'Odd refusal.',
    );
    expect(uploadErrorMessage(new UploadError('QUOTA_EXCEEDED', 'No details.'), tEn, 'en')).toBe('No details.');
    expect(uploadErrorMessage(new Error('plain'), tEn, 'en')).toBe('plain');
  });
});
