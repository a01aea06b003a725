import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificateFile } from '@/lib/certificates/format/certificate-body';
import {
  buildTestCertificate,
  TEST_COURT_SEED,
  TEST_FILE,
  TEST_LOG,
} from '@/lib/certificates/format/certificates.testing';
import { courtPublicKey } from '@/lib/certificates/format/sign-certificate';
import { flipByte, replaceAttachedCertificate } from '@/lib/certificates/pdf/pdf-attachment.testing';
import { renderCertificatePdf } from '@/lib/certificates/pdf/render-pdf';
import { canonicalJsonBytes } from '@/lib/ledger/statement/canonical-json';
import { bytesToBase64 } from '@/lib/tlog';
import { nodeCliDeps } from '../main';
import { runVerityCli } from '../run-verity-cli';

const ROOT = path.resolve(import.meta.dirname, '../../../../..');
const COURT_KEY = bytesToBase64(courtPublicKey(TEST_COURT_SEED));
const OTHER_COURT_KEY = bytesToBase64(courtPublicKey(new Uint8Array(32).fill(8)));
const CHECKS = [
  'attachment',
  'format',
  'signature',
  'court_key',
  'leaf',
  'digests_match_leaf',
  'checkpoint_signature',
  'inclusion_proof',
  'file_digests',
];

let dir: string;
let certificate: CertificateFile;
let json: Uint8Array;
const files: Record<string, string> = {};

function write(name: string, bytes: Uint8Array | string): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  files[name] = file;
  return file;
}

async function run(...argv: string[]) {
  const result = await runVerityCli(argv, nodeCliDeps());
  return { ...result, text: result.stdout.join('\n'), errors: result.stderr.join('\n') };
}

const pinned = () => ['--court-key', COURT_KEY, '--log-key', TEST_LOG.verifierKey];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'verity-cli-'));
  certificate = buildTestCertificate();
  json = canonicalJsonBytes(certificate);
  const pdf = await renderCertificatePdf(certificate, {
    checkUrl: `https://verity.court.example/certificates/${certificate.body.id}`,
  });
  write('cert.pdf', pdf);
  write('cert.json', json);
  write('original.txt', TEST_FILE);
  write('other.txt', new TextEncoder().encode('a different file\n'));
  write('court-key.txt', `${COURT_KEY}\n`);
  write('court-key.json', JSON.stringify({ algorithm: 'ed25519', publicKey: COURT_KEY }));
  write('log-key.txt', `${TEST_LOG.verifierKey}\n`);
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), courtPublicKey(TEST_COURT_SEED)]);
  write('court-key.pem', `-----BEGIN PUBLIC KEY-----\n${spki.toString('base64')}\n-----END PUBLIC KEY-----\n`);
  // A changed byte in the body, written back into an otherwise consistent PDF.
  const at = Buffer.from(json).indexOf('劳动合同');
  write('changed.pdf', await replaceAttachedCertificate(pdf, flipByte(json, at + 2)));
  // A changed signature: another valid base64 signature of the right length.
  const signature = Buffer.from(certificate.signature.value, 'base64');
  signature[10] = (signature[10] ?? 0) ^ 0x40;
  const badSignature = { ...certificate, signature: { ...certificate.signature, value: signature.toString('base64') } };
  write('bad-signature.json', canonicalJsonBytes(badSignature));
  write('bad-signature.pdf', await replaceAttachedCertificate(pdf, canonicalJsonBytes(badSignature)));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('verity verify-certificate (in process)', () => {
  it('accepts the certificate PDF with the original and pinned keys, listing every check', async () => {
    const result = await run(
      'verify-certificate',
      files['cert.pdf'] as string,
      '--file',
      files['original.txt'] as string,
      ...pinned(),
    );
    expect(result.exitCode).toBe(0);
    for (const name of CHECKS) expect(result.stdout).toContainEqual(expect.stringMatching(new RegExp(`^✓ ${name}: `)));
    expect(result.text).not.toContain('✗');
    expect(result.text).toContain('signed with the pinned court key');
    expect(result.text).toContain('signed by the pinned log key');
    expect(result.text).toContain(certificate.body.number);
    expect(result.text).toContain(certificate.body.digests.sha256);
    expect(result.text).toContain(`Result: OK — all ${CHECKS.length} checks passed.`);
    expect(result.text).not.toContain('not pinned');
  });

  it('says when the keys were taken from the certificate itself', async () => {
    const result = await run('verify-certificate', files['cert.pdf'] as string);
    expect(result.exitCode).toBe(0);
    expect(result.text).toContain('not pinned: checks integrity, not who signed');
    expect(result.text).toContain('court key and log key were taken from the certificate itself');
    expect(result.text).toContain('revocation not asked');
  });

  it('accepts the JSON file variant, and keys given as files (text, JSON, PEM)', async () => {
    for (const courtKey of ['court-key.txt', 'court-key.json', 'court-key.pem']) {
      const result = await run(
        'verify-certificate',
        files['cert.json'] as string,
        '--court-key',
        files[courtKey] as string,
        '--log-key',
        files['log-key.txt'] as string,
      );
      expect(result.exitCode, `${courtKey}: ${result.errors}`).toBe(0);
      expect(result.stdout.some((l) => l.startsWith('✓ attachment'))).toBe(false);
      expect(result.text).toContain('✓ court_key: signed with the pinned court key');
    }
  });

  it('fails on any flipped byte of the JSON file', async () => {
    const positions = Array.from({ length: 24 }, (_, i) => Math.floor(((i + 0.5) * json.length) / 24));
    for (const at of positions) {
      const file = write(`flipped-${at}.json`, flipByte(json, at));
      const result = await run('verify-certificate', file, ...pinned());
      expect(result.exitCode, `byte ${at}`).toBe(1);
      expect(result.text).toMatch(/^✗ /m);
    }
  });

  it('fails on a PDF whose attached JSON has a changed byte', async () => {
    const result = await run('verify-certificate', files['changed.pdf'] as string, ...pinned());
    expect(result.exitCode).toBe(1);
    expect(result.text).toContain('✓ attachment');
    expect(result.text).toMatch(/^✗ signature: /m);
    expect(result.text).toMatch(/Result: FAILED — .*signature/);
  });

  it('fails on a changed signature, in the JSON and in the PDF', async () => {
    for (const name of ['bad-signature.json', 'bad-signature.pdf']) {
      const result = await run('verify-certificate', files[name] as string, ...pinned());
      expect(result.exitCode, name).toBe(1);
      expect(result.text).toMatch(/^✗ signature: the Ed25519 signature does not match/m);
    }
  });

  it('fails on a PDF that carries no certificate', async () => {
    const plain = write('plain.pdf', '%PDF-1.4\n%%EOF\n');
    const result = await run('verify-certificate', plain);
    expect(result.exitCode).toBe(1);
    expect(result.text).toMatch(/^✗ attachment: /m);
  });

  it('names file_digests when --file is a different file', async () => {
    const result = await run(
      'verify-certificate',
      files['cert.pdf'] as string,
      '--file',
      files['other.txt'] as string,
      ...pinned(),
    );
    expect(result.exitCode).toBe(1);
    expect(result.text).toMatch(/^✗ file_digests: .*this is not the certified file/m);
    expect(result.text).toMatch(/Result: FAILED — 1 of 9 checks failed: file_digests\./);
  });

  it('fails with the wrong court key', async () => {
    const result = await run('verify-certificate', files['cert.pdf'] as string, '--court-key', OTHER_COURT_KEY);
    expect(result.exitCode).toBe(1);
    expect(result.text).toMatch(/^✗ court_key: signed with key [0-9a-f]{8}, not with the pinned court key/m);
  });

  it('answers usage errors with exit code 2 and a message on stderr', async () => {
    const cases: [string[], RegExp][] = [
      [[], /name a command/],
      [['frobnicate'], /unknown command frobnicate/],
      [['verify-certificate'], /name the certificate/],
      [['verify-certificate', 'a.pdf', 'b.pdf'], /one certificate at a time/],
      [['verify-certificate', '--bogus', 'a.pdf'], /unknown option --bogus/],
      [['verify-certificate', path.join(dir, 'missing.pdf')], /cannot read .*missing\.pdf/],
      [['verify-certificate', 'x.pdf', '--online'], /--online needs the court portal's address/],
      [['verify-certificate', 'x.pdf', '--online', 'ftp://example'], /--online needs/],
      [['verify-certificate', 'x.pdf', '--file'], /--file needs a value/],
      [['verify-certificate', files['cert.pdf'] as string, '--file', path.join(dir, 'gone')], /cannot read --file/],
      [
        ['verify-certificate', files['cert.pdf'] as string, '--court-key', 'not-a-key'],
        /--court-key: not-a-key is neither/,
      ],
      [
        ['verify-certificate', files['cert.pdf'] as string, '--court-key', files['log-key.txt'] as string],
        /holds no Ed25519/,
      ],
      [['verify-certificate', files['cert.pdf'] as string, '--log-key', 'nope'], /--log-key: nope is neither/],
    ];
    for (const [argv, message] of cases) {
      const result = await run(...argv);
      expect(result.exitCode, argv.join(' ')).toBe(2);
      expect(result.stdout, argv.join(' ')).toEqual([]);
      expect(result.errors, argv.join(' ')).toMatch(message);
    }
  });

  it('prints help and the version', async () => {
    const help = await run('--help');
    expect(help.exitCode).toBe(0);
    expect(help.text).toContain('verify-certificate <cert.pdf|cert.json>');
    expect((await run('verify-certificate', '--help')).text).toContain('--court-key');
    const version = await run('--version');
    expect(version.stdout).toEqual(['verity 0.1.0']);
  });
});

describe('verity verify-certificate --online', () => {
  let server: Server;
  let base: string;
  let answer: { status: number; body: unknown };
  const asked: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      asked.push(request.url ?? '');
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const summary = () => ({
    number: certificate.body.number,
    keyId: certificate.signature.keyId,
    id: certificate.body.id,
  });

  it('passes when the portal says valid', async () => {
    answer = { status: 200, body: { state: 'valid', certificate: summary() } };
    const result = await run('verify-certificate', files['cert.pdf'] as string, ...pinned(), '--online', base);
    expect(result.exitCode).toBe(0);
    expect(result.text).toMatch(/^✓ revocation: not revoked/m);
    expect(asked.at(-1)).toBe(`/api/v1/certificates/${certificate.body.id}/status`);
  });

  it('fails when the portal says revoked, with the reason and time', async () => {
    answer = {
      status: 200,
      body: {
        state: 'revoked',
        certificate: summary(),
        revocation: { reason: 'wrong exhibit title 证据名称有误', at: '2026-11-28T01:30:00.000Z', by: '李书记员' },
      },
    };
    const result = await run('verify-certificate', files['cert.pdf'] as string, ...pinned(), `--online=${base}/`);
    expect(result.exitCode).toBe(1);
    const line = result.stdout.find((l) => l.startsWith('✗ revocation:')) ?? '';
    expect(line).toContain('REVOKED');
    expect(line).toContain('wrong exhibit title 证据名称有误');
    expect(line).toContain('2026-11-28 09:30:00 Beijing time (2026-11-28T01:30:00.000Z)');
    expect(line).toContain('李书记员');
    expect(result.text).toMatch(/Result: FAILED — 1 of 9 checks failed: revocation\./);
  });

  it('fails when the portal does not know the certificate, or describes another one', async () => {
    answer = { status: 404, body: { state: 'unknown' } };
    let result = await run('verify-certificate', files['cert.json'] as string, '--online', base);
    expect(result.exitCode).toBe(1);
    expect(result.text).toMatch(/^✗ revocation: .*knows no certificate with ID/m);
    answer = { status: 200, body: { state: 'valid', certificate: { ...summary(), number: 'VC-2026-000999' } } };
    result = await run('verify-certificate', files['cert.json'] as string, '--online', base);
    expect(result.exitCode).toBe(1);
    expect(result.text).toMatch(/^✗ revocation: .*describes certificate VC-2026-000999/m);
  });

  it('fails, naming the address, when the portal cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await run(
      'verify-certificate',
      files['cert.json'] as string,
      '--online',
      `http://127.0.0.1:${port}`,
    );
    expect(result.exitCode).toBe(1);
    expect(result.text).toMatch(/^✗ revocation: could not ask http:\/\/127\.0\.0\.1:\d+\/api\/v1\/certificates\//m);
  });
});

describe('npx verity (a real child process, from the repository root)', () => {
  // The first `npx verity` on a machine links this checkout into npm's npx cache; scripts are not
  // needed for that (and prisma generate must not run under other tests), so they are skipped.
  const npx = (...argv: string[]) =>
    spawnSync('npx', ['verity', ...argv], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, npm_config_ignore_scripts: 'true', npm_config_update_notifier: 'false' },
      timeout: 60_000,
    });

  it('accepts the certificate with exit code 0 and fails a changed one with exit code 1', () => {
    const ok = npx(
      'verify-certificate',
      files['cert.pdf'] as string,
      '--file',
      files['original.txt'] as string,
      ...pinned(),
    );
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    for (const name of CHECKS) expect(ok.stdout).toMatch(new RegExp(`^✓ ${name}: `, 'm'));

    const changed = npx('verify-certificate', files['changed.pdf'] as string, ...pinned());
    expect(changed.status).toBe(1);
    expect(changed.stdout).toMatch(/^✗ signature: /m);

    const usage = npx('verify-certificate');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('name the certificate');
  }, 120_000);
});
