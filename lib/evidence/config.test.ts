import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evidenceConfig } from './config';

describe('evidenceConfig', () => {
  it('keeps the store in the data folder and accepts 4 GiB by default', () => {
    expect(evidenceConfig({})).toEqual({
      dir: path.resolve('.data', 'evidence'),
      maxUploadBytes: 4 * 1024 ** 3,
      chunkSize: 8 * 1024 ** 2,
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
