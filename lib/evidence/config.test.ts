import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evidenceConfig } from './config';

describe('evidenceConfig', () => {
  it('keeps the store in the data folder and accepts 4 GiB by default', () => {
    expect(evidenceConfig({})).toEqual({
      dir: path.resolve('.data', 'evidence'),
      maxUploadBytes: 4 * 1024 ** 3,
      chunkSize: 8 * 1024 ** 2,
      personQuotaBytes: 16 * 1024 ** 3,
      caseQuotaBytes: 64 * 1024 ** 3,
      uploadGraceMs: 24 * 3_600_000,
      appendsPerPerson: 4,
      idleBodyMs: 30_000,
    });
    expect(evidenceConfig({ VERITY_DATA_DIR: '/srv/verity' }).dir).toBe('/srv/verity/evidence');
  });

  it('takes its own folder and limit', () => {
    expect(evidenceConfig({ VERITY_EVIDENCE_DIR: '/mnt/evidence', VERITY_MAX_UPLOAD_BYTES: '1048576' })).toMatchObject({
      dir: '/mnt/evidence',
      maxUploadBytes: 1048576,
    });
  });

  it('takes the quotas and the grace period', () => {
    expect(
      evidenceConfig({
        VERITY_PERSON_QUOTA_BYTES: '1000',
        VERITY_CASE_QUOTA_BYTES: '5000',
        VERITY_UPLOAD_GRACE_HOURS: '0.5',
      }),
    ).toMatchObject({ personQuotaBytes: 1000, caseQuotaBytes: 5000, uploadGraceMs: 1_800_000 });
    expect(() => evidenceConfig({ VERITY_CASE_QUOTA_BYTES: '64GB' })).toThrow(
      'VERITY_CASE_QUOTA_BYTES: must be a whole number of bytes',
    );
    expect(() => evidenceConfig({ VERITY_UPLOAD_GRACE_HOURS: '-1' })).toThrow(
      'VERITY_UPLOAD_GRACE_HOURS: must be 0 hours or more',
    );
  });

  it('takes its own limit of PATCHes in flight and idle time', () => {
    expect(evidenceConfig({ VERITY_UPLOADS_PER_PERSON: '2', VERITY_UPLOAD_IDLE_SECONDS: '0.5' })).toMatchObject({
      appendsPerPerson: 2,
      idleBodyMs: 500,
    });
    expect(() => evidenceConfig({ VERITY_UPLOADS_PER_PERSON: '0' })).toThrow('VERITY_UPLOADS_PER_PERSON');
    expect(() => evidenceConfig({ VERITY_UPLOAD_IDLE_SECONDS: '-1' })).toThrow('VERITY_UPLOAD_IDLE_SECONDS');
  });

  it('names a bad value', () => {
    expect(() => evidenceConfig({ VERITY_MAX_UPLOAD_BYTES: '0' })).toThrow(
      'VERITY_MAX_UPLOAD_BYTES: must be at least 1 byte',
    );
  });
});
