/**
 * The court key: generated once into the data folder (mode 0600) by the start-up path and
 * reused, unless VERITY_COURT_SIGNER_KEY provides it; read and checked by courtSigner().
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parseServerEnv } from '@/lib/env/server-env';
import { loadLedgerSecrets } from '@/scripts/lib/ledger-secrets';
import { courtSigner } from './court-signer';
import { courtKeyId, courtPublicKey } from './format/sign-certificate';

const folders: string[] = [];
afterAll(async () => {
  for (const f of folders) await rm(f, { recursive: true, force: true });
});

describe('the court key in the data folder', () => {
  it('is generated once (0600), reused, and overridden by VERITY_COURT_SIGNER_KEY', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'verity-court-key-'));
    folders.push(dir);
    const first = await loadLedgerSecrets(dir, {});
    expect(Buffer.from(first.courtSignerKey, 'base64')).toHaveLength(32);
    const file = path.join(dir, 'court-signer-key');
    expect((await readFile(file, 'utf8')).trim()).toBe(first.courtSignerKey);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await loadLedgerSecrets(dir, {})).courtSignerKey).toBe(first.courtSignerKey);
    const given = randomBytes(32).toString('base64');
    expect((await loadLedgerSecrets(dir, { VERITY_COURT_SIGNER_KEY: given })).courtSignerKey).toBe(given);
  });

  it('is validated at start-up', () => {
    expect(() => parseServerEnv({ VERITY_COURT_SIGNER_KEY: 'short' })).toThrow(
      /VERITY_COURT_SIGNER_KEY: must be base64 of a 32-byte Ed25519 seed/,
    );
    const key = randomBytes(32).toString('base64');
    expect(parseServerEnv({ VERITY_COURT_SIGNER_KEY: key }).VERITY_COURT_SIGNER_KEY).toBe(key);
  });
});

describe('courtSigner', () => {
  const saved = process.env.VERITY_COURT_SIGNER_KEY;
  afterEach(() => {
    if (saved === undefined) delete process.env.VERITY_COURT_SIGNER_KEY;
    else process.env.VERITY_COURT_SIGNER_KEY = saved;
  });

  it('reads the seed from the environment and derives the public key and its ID', () => {
    const seed = new Uint8Array(randomBytes(32));
    process.env.VERITY_COURT_SIGNER_KEY = Buffer.from(seed).toString('base64');
    const signer = courtSigner();
    expect(signer.seed).toEqual(seed);
    expect(signer.publicKey).toEqual(courtPublicKey(seed));
    expect(signer.keyId).toBe(courtKeyId(signer.publicKey));
  });

  it('names the variable when it is missing or malformed', () => {
    delete process.env.VERITY_COURT_SIGNER_KEY;
    expect(() => courtSigner()).toThrow(/VERITY_COURT_SIGNER_KEY is not set/);
    process.env.VERITY_COURT_SIGNER_KEY = Buffer.alloc(31).toString('base64');
    expect(() => courtSigner()).toThrow(/VERITY_COURT_SIGNER_KEY must be base64 of a 32-byte/);
    // Canonical base64 only: the last character's unused bits must be zero.
    process.env.VERITY_COURT_SIGNER_KEY = `${Buffer.alloc(32).toString('base64').slice(0, 42)}B=`;
    expect(() => courtSigner()).toThrow(/canonical base64/);
  });
});
