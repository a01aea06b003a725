/**
 * `verity verify-certificate` and witnesses (issue #18): a certificate from a log with witnesses
 * prints who vouched and passes; a forged witness line is reported and fails only when the quorum
 * is lost; `--witness-key` (repeatable, a key or a file) pins the keys — different keys, or a
 * quorum the pinned keys do not meet, exit 1; a bad key is a usage error (exit 2). A PDF carrying
 * a version 2 certificate is read the same way, and so is a real `npx verity` process.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestCertificate,
  TEST_COURT_SEED,
  TEST_LOG,
  TEST_WITNESSES,
  type TestWitnessing,
} from '@/lib/certificates/format/certificates.testing';
import { courtPublicKey } from '@/lib/certificates/format/sign-certificate';
import { renderCertificatePdf } from '@/lib/certificates/pdf/render-pdf';
import { canonicalJsonBytes } from '@/lib/ledger/statement/canonical-json';
import { base64ToBytes, bytesToBase64, generateCosignerKeys } from '@/lib/tlog';
import { nodeCliDeps } from '../main';
import { runVerityCli } from '../run-verity-cli';

const ROOT = path.resolve(import.meta.dirname, '../../../../..');
const COURT_KEY = bytesToBase64(courtPublicKey(TEST_COURT_SEED));
const KEYS = TEST_WITNESSES.map((w) => w.verifierKey);
const [NOTARY, FORENSICS, ASSOCIATION] = KEYS as [string, string, string];
const OTHER = generateCosignerKeys('other.verity.test', 'ed25519', new Uint8Array(32).fill(66)).verifierKey;

let dir: string;
const file = (name: string) => path.join(dir, name);

function write(name: string, witnesses?: TestWitnessing): string {
  writeFileSync(file(name), canonicalJsonBytes(buildTestCertificate(witnesses ? { witnesses } : {})));
  return file(name);
}

function forge(verifierKey: string) {
  const name = verifierKey.slice(0, verifierKey.indexOf('+'));
  return (note: string) =>
    note
      .split('\n')
      .map((line) => {
        if (!line.startsWith(`— ${name} `)) return line;
        const bytes = base64ToBytes(line.slice(name.length + 3));
        bytes[30] = (bytes[30] ?? 0) ^ 0x01;
        return `— ${name} ${bytesToBase64(bytes)}`;
      })
      .join('\n');
}

async function run(...argv: string[]) {
  const result = await runVerityCli(
    ['verify-certificate', ...argv, '--court-key', COURT_KEY, '--log-key', TEST_LOG.verifierKey],
    nodeCliDeps(),
  );
  return { ...result, text: result.stdout.join('\n'), errors: result.stderr.join('\n') };
}

const pins = (...keys: string[]) => keys.flatMap((k) => ['--witness-key', k]);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'verity-cli-witness-'));
  write('v1.json');
  write('witnessed.json', { cosigners: [0, 1] });
  write('not-witnessed.json', { cosigners: [2] });
  write('forged-kept.json', { cosigners: [0, 1, 2], changeNote: forge(ASSOCIATION) });
  write('forged-lost.json', { cosigners: [0, 1], changeNote: forge(FORENSICS) });
  writeFileSync(file('notary.vkey'), `${NOTARY}\n`);
  const witnessed = buildTestCertificate({ witnesses: { cosigners: [0, 1] } });
  writeFileSync(
    file('witnessed.pdf'),
    await renderCertificatePdf(witnessed, {
      checkUrl: `https://verity.court.example/certificates/${witnessed.body.id}`,
    }),
  );
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('verify-certificate with witnesses', () => {
  it('a witnessed certificate: exit 0, the witness list and who vouched, a note that nothing was pinned', async () => {
    const r = await run(file('witnessed.json'));
    expect(r.exitCode).toBe(0);
    expect(r.text).toContain('  witnesses    2 of 3 must sign:');
    expect(r.text).toContain(`示范行业协会 (Demo Industry Association)  ${ASSOCIATION}`);
    expect(r.text).toMatch(
      /vouched +witnessed by 2 of 3 institutions: 示范公证处 \(Demo Notary Office\), 示范司法鉴定中心 \(Demo Forensic Appraisal Centre\)/,
    );
    expect(r.text).toMatch(/✓ cosignatures: witnessed by 2 of 3/);
    expect(r.text).toMatch(/Note: the witnesses' signatures were checked against the witness list in the certificate/);
  });

  it('the PDF of a witnessed certificate: read from the attachment, the same result', async () => {
    const r = await run(file('witnessed.pdf'));
    expect(r.exitCode).toBe(0);
    expect(r.text).toMatch(/✓ attachment: /);
    expect(r.text).toMatch(/✓ cosignatures: witnessed by 2 of 3/);
  });

  it('not yet witnessed: exit 0 and says so; with pinned keys: exit 1', async () => {
    const r = await run(file('not-witnessed.json'));
    expect(r.exitCode).toBe(0);
    expect(r.text).toMatch(/vouched +not yet witnessed \(1 of 3 signed: 示范行业协会/);
    const pinned = await run(file('not-witnessed.json'), ...pins(...KEYS));
    expect(pinned.exitCode).toBe(1);
    expect(pinned.text).toMatch(/✗ cosignatures: not witnessed: the quorum 2 is not met by the pinned witness keys/);
  });

  it('a forged witness line while the quorum holds: exit 0, the forgery reported', async () => {
    const r = await run(file('forged-kept.json'));
    expect(r.exitCode).toBe(0);
    expect(r.text).toMatch(/✓ cosignatures: witnessed by 2 of 3 .*not counted: 示范行业协会 \(BAD_SIGNATURE/);
  });

  it('a forged witness line that loses the quorum: exit 1', async () => {
    const r = await run(file('forged-lost.json'));
    expect(r.exitCode).toBe(1);
    expect(r.text).toMatch(/✗ cosignatures: the certificate says the checkpoint was witnessed, but only 1 of 3/);
    expect(r.text).toMatch(/Result: FAILED — 1 of \d+ checks failed: cosignatures\./);
  });

  it('--witness-key: the same keys (one from a file) pass; other keys or too few fail with exit 1', async () => {
    const same = await run(file('witnessed.json'), ...pins(file('notary.vkey'), FORENSICS, ASSOCIATION));
    expect(same.exitCode).toBe(0);
    expect(same.text).toMatch(/✓ witness_keys: the certificate's 3 witness keys are the pinned ones/);
    expect(same.text).toMatch(/\(counted against the pinned keys\)/);
    expect(same.text).not.toMatch(/were checked against the witness list in the certificate/);

    const other = await run(file('witnessed.json'), ...pins(NOTARY, FORENSICS, OTHER));
    expect(other.exitCode).toBe(1);
    expect(other.text).toMatch(
      /✗ witness_keys: the certificate's witness keys differ from the pinned ones: pinned key other\.verity\.test is not in the certificate/,
    );

    const few = await run(file('witnessed.json'), ...pins(NOTARY, ASSOCIATION));
    expect(few.exitCode).toBe(1);
    expect(few.text).toMatch(
      /✗ cosignatures: the certificate says the checkpoint was witnessed, but only 1 of 2 valid cosignatures/,
    );
  });

  it('a version 1 certificate: nothing about witnesses, exit 0; with --witness-key exit 1, said plainly', async () => {
    const r = await run(file('v1.json'));
    expect(r.exitCode).toBe(0);
    expect(r.text).not.toMatch(/witnesses |cosignatures|vouched|witness_keys/);
    const pinned = await run(file('v1.json'), ...pins(NOTARY));
    expect(pinned.exitCode).toBe(1);
    expect(pinned.text).toMatch(
      /✗ witness_keys: 1 witness key\(s\) are pinned, but this certificate names no witnesses/,
    );
  });

  it('a --witness-key that is neither a key nor a file: usage error, exit 2, nothing checked', async () => {
    const r = await run(file('witnessed.json'), '--witness-key', 'not-a-key');
    expect(r.exitCode).toBe(2);
    expect(r.errors).toMatch(/--witness-key: not-a-key is neither a witness verifier key/);
    expect(r.text).not.toMatch(/cosignatures/);
    const empty = await run(file('witnessed.json'), '--witness-key');
    expect(empty.exitCode).toBe(2);
    expect(empty.errors).toMatch(/--witness-key needs a value/);
  });

  it('a real `npx verity` process: exit 0 with the pinned keys, exit 1 with another', () => {
    const npx = (...argv: string[]) =>
      spawnSync('npx', ['verity', 'verify-certificate', ...argv, '--court-key', COURT_KEY], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, npm_config_ignore_scripts: 'true', npm_config_update_notifier: 'false' },
        timeout: 60_000,
      });
    const ok = npx(file('witnessed.json'), ...pins(...KEYS));
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/witnessed by 2 of 3 institutions: 示范公证处/);
    const bad = npx(file('witnessed.json'), ...pins(NOTARY, FORENSICS, OTHER));
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/✗ witness_keys/);
  }, 120_000);
});
