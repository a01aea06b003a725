/**
 * Deposit certificates on the real database, parsed back from the real PDF: what it prints (title,
 * file name, both digests, deposit ID, record N of M, the organisation), the QR code decoded from
 * a rendering, the attached signed body checked offline (and a one-byte change failing), and the
 * two certificate kinds never taken for each other. Access: only the organisation's own deposits.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courtSigner } from '@/lib/certificates/court-signer';
import { buildTestCertificate } from '@/lib/certificates/format/certificates.testing';
import { verifyCertificate } from '@/lib/certificates/format/verify-certificate';
import { extractAttachedCertificate } from '@/lib/certificates/pdf/pdf-attachment';
import { flipByte, replaceAttachedCertificate } from '@/lib/certificates/pdf/pdf-attachment.testing';
import { getDb } from '@/lib/db/client';
import { isAppError } from '@/lib/errors/app-error';
import { depositFromBrowser } from '@/lib/ledger/deposit-from-browser';
import { logSigner } from '@/lib/ledger/log-signer';
import { canonicalJsonBytes } from '@/lib/ledger/statement/canonical-json';
import { bytesToBase64 } from '@/lib/tlog';
import { nodeCliDeps } from '@/packages/client/src/cli/main';
import { runVerityCli } from '@/packages/client/src/cli/run-verity-cli';
import { buildUser, tag } from '@/test/builders';
import { requireTools } from '@/test/required-tools';
import type { DepositCertificateFile } from './format/deposit-certificate-body';
import { verifyDepositCertificate } from './format/verify-deposit-certificate';
import { depositCheckUrl, issueDepositCertificate } from './issue-deposit-certificate';

const POPPLER = requireTools('poppler-utils', ['pdftotext', 'pdftoppm'], 'apt-get install poppler-utils');
const ZBAR = requireTools('zbar-tools', ['zbarimg'], 'apt-get install zbar-tools');
const ORIGIN = 'https://verity.court.example';
const hex = () => randomBytes(32).toString('hex');
const pinned = () => ({ courtPublicKey: courtSigner().publicKey, logVerifierKey: logSigner().verifierKey });

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  throw new Error('expected the call to be refused');
}

let dir: string;
let scene: Awaited<ReturnType<typeof depositTwo>>;
let pdf: Uint8Array;
let pdfPath: string;

async function depositTwo() {
  const t = tag();
  const depositor = await buildUser({ role: 'depositor' });
  const org = await getDb().depositorOrg.update({
    where: { id: depositor.user.depositorOrgId as string },
    data: { name: `北京某某科技有限公司 ${t}` },
  });
  const bytes = randomBytes(48213);
  const digest = (algorithm: string) => createHash(algorithm).update(bytes).digest('hex');
  const files = [
    {
      digests: { sha256: digest('sha256'), sm3: digest('sm3') },
      title: `采购合同 ${t}`,
      file: { name: `采购合同-${t}.pdf`, size: bytes.length },
    },
    { digests: { sha256: hex(), sm3: hex() } },
  ];
  const { receipts } = await depositFromBrowser(depositor.actor, { deposits: files });
  return { t, depositor, org, files, receipts, bytes };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'verity-deposit-cert-'));
  scene = await depositTwo();
  const [a] = scene.receipts;
  const result = await issueDepositCertificate(
    scene.depositor.actor,
    { deposits: [{ id: a?.id as string, file: scene.files[0]?.file }] },
    { origin: ORIGIN },
  );
  pdf = result.bytes;
  pdfPath = path.join(dir, 'one.pdf');
  writeFileSync(pdfPath, pdf);
  expect(result.fileName).toMatch(
    new RegExp(`^采购合同-${scene.t}\\.pdf\\.\\d{4}-\\d{2}-\\d{2}\\.deposit-certificate\\.pdf$`),
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('issueDepositCertificate: the PDF', () => {
  it.skipIf(!POPPLER)(
    'prints the title, file name, both digests, deposit ID, record N of M and the organisation',
    () => {
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' });
      const [a] = scene.receipts;
      const file = scene.files[0];
      expect(text).toContain('存证证书');
      expect(text).toContain('DEPOSIT CERTIFICATE');
      expect(text).not.toContain('核验证书 ');
      expect(text).toContain(`采购合同 ${scene.t}`);
      expect(text).toContain(file?.file?.name);
      expect(text).toContain(file?.digests.sha256);
      expect(text).toContain(file?.digests.sm3);
      expect(text).toContain(a?.id);
      expect(text).toContain(scene.org.name);
      const index = a?.status === 'sealed' ? a.leafIndex : -1;
      expect(text).toMatch(new RegExp(`链上序号 ${(index + 1).toLocaleString('en-US')}（共 [\\d,]+ 条）`));
      expect(text).toMatch(new RegExp(`record ${(index + 1).toLocaleString('en-US')} of [\\d,]+`));
    },
  );

  it.skipIf(!POPPLER || !ZBAR)('has a QR code that decodes to the public check of the deposit', () => {
    execFileSync('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', pdfPath, path.join(dir, 'page')]);
    const decoded = execFileSync('zbarimg', ['--raw', '-q', path.join(dir, 'page-1.png')], { encoding: 'utf8' });
    expect(decoded.trim()).toBe(`${ORIGIN}/verify?deposit=${scene.receipts[0]?.id}`);
    expect(depositCheckUrl(`${ORIGIN}/`, 'x')).toBe(`${ORIGIN}/verify?deposit=x`);
  });
});

describe('issueDepositCertificate: the signed body, offline', () => {
  it('attaches canonical JSON that verifies against the pinned court and log keys', async () => {
    const attached = await extractAttachedCertificate(pdf);
    const file = JSON.parse(new TextDecoder().decode(attached)) as DepositCertificateFile;
    expect(Buffer.from(canonicalJsonBytes(file)).equals(Buffer.from(attached))).toBe(true);
    expect(file.body.type).toBe('deposit-certificate');
    expect(file.body.deposits[0]).toMatchObject({
      id: scene.receipts[0]?.id,
      title: `采购合同 ${scene.t}`,
      file: scene.files[0]?.file,
      digests: scene.files[0]?.digests,
    });
    const check = verifyDepositCertificate(attached, pinned());
    expect(check.checks.filter((c) => !c.ok)).toEqual([]);
    expect(check.ok).toBe(true);
    expect(check.checks.map((c) => c.name)).toEqual([
      'format',
      'signature',
      'court_key',
      'leaf',
      'title_and_file',
      'checkpoint_signature',
      'inclusion_proof',
    ]);
  });

  it('fails when one byte of the signed body changes, inside the PDF too', async () => {
    const attached = await extractAttachedCertificate(pdf);
    const text = new TextDecoder().decode(attached);
    // One byte of the title: 采购合同 <tag> → 采购合同 <tag with its last character changed>.
    const title = `"title":"采购合同 ${scene.t}"`;
    expect(text).toContain(title);
    const at = text.indexOf(title) + title.length - 2;
    const changed = `${text.slice(0, at)}${text[at] === '0' ? '1' : '0'}${text.slice(at + 1)}`;
    expect(changed.length).toBe(text.length);
    const tampered = await replaceAttachedCertificate(pdf, new TextEncoder().encode(changed));
    const check = verifyDepositCertificate(await extractAttachedCertificate(tampered), pinned());
    expect(check.ok).toBe(false);
    expect(check.checks.find((c) => c.name === 'signature')?.ok).toBe(false);
    expect(check.checks.find((c) => c.name === 'title_and_file')?.ok).toBe(false);
    // Another court's key, or another log's, fails the pinned checks.
    const other = verifyDepositCertificate(attached, { courtPublicKey: new Uint8Array(32).fill(7) });
    expect(other.checks.find((c) => c.name === 'court_key')?.ok).toBe(false);
  });

  it('is refused where a verification certificate is expected, and the other way round', async () => {
    const attached = await extractAttachedCertificate(pdf);
    const asVerification = verifyCertificate(attached, { courtPublicKey: courtSigner().publicKey });
    expect(asVerification.ok).toBe(false);
    expect(asVerification.checks[0]).toMatchObject({ name: 'format', ok: false });
    // Its body and signature relabelled as a verification certificate are still refused.
    const file = JSON.parse(new TextDecoder().decode(attached));
    expect(verifyCertificate({ ...file, format: 'verity-certificate/v1' }).ok).toBe(false);

    const verification = buildTestCertificate();
    const asDeposit = verifyDepositCertificate(verification);
    expect(asDeposit.ok).toBe(false);
    expect(asDeposit.checks[0]).toMatchObject({ name: 'format', ok: false });
    expect(verifyDepositCertificate({ ...verification, format: 'verity-deposit-certificate/v1' }).ok).toBe(false);
  });
});

describe('issueDepositCertificate: a batch, and who may', () => {
  it('certifies a whole batch in one PDF, each deposit with its own check', async () => {
    const ids = scene.receipts.map((r) => r.id);
    const result = await issueDepositCertificate(
      scene.depositor.actor,
      { deposits: ids.map((id) => ({ id })) },
      { origin: ORIGIN },
    );
    expect(result.fileName).toMatch(/^deposit-certificate\.\d{4}-\d{2}-\d{2}\.2-deposits\.pdf$/);
    expect(result.file.body.deposits.map((d) => d.checkUrl)).toEqual(ids.map((id) => `${ORIGIN}/verify?deposit=${id}`));
    expect(result.file.body.deposits.map((d) => d.file)).toEqual([null, null]); // the history knows no names
    expect(verifyDepositCertificate(await extractAttachedCertificate(result.bytes), pinned()).ok).toBe(true);
  });

  it("refuses another organisation's deposit as NOT_FOUND, and other roles", async () => {
    const id = scene.receipts[0]?.id as string;
    const other = await buildUser({ role: 'depositor' });
    expect(await refusal(issueDepositCertificate(other.actor, { deposits: [{ id }] }, { origin: ORIGIN }))).toBe(
      'NOT_FOUND',
    );
    const colleague = await buildUser({ role: 'depositor', depositorOrgId: scene.org.id });
    expect(
      (await issueDepositCertificate(colleague.actor, { deposits: [{ id }] }, { origin: ORIGIN })).file.body.deposits,
    ).toHaveLength(1);
    for (const role of ['litigant', 'judge', 'clerk', 'admin'] as const) {
      const { actor } = await buildUser({ role });
      expect(await refusal(issueDepositCertificate(actor, { deposits: [{ id }] }, { origin: ORIGIN }))).toBe(
        'FORBIDDEN',
      );
    }
  });

  it('refuses malformed requests, and a file name the deposit does not record', async () => {
    const { actor } = scene.depositor;
    const id = scene.receipts[0]?.id as string;
    const ask = (input: unknown) => refusal(issueDepositCertificate(actor, input as never, { origin: ORIGIN }));
    expect(await ask({ deposits: [] })).toBe('VALIDATION_FAILED');
    expect(await ask({ deposits: [{ id: 'not-a-uuid' }] })).toBe('VALIDATION_FAILED');
    expect(await ask({ deposits: [{ id }, { id }] })).toBe('VALIDATION_FAILED');
    expect(await ask({ deposits: [{ id, extra: 1 }] })).toBe('VALIDATION_FAILED');
    expect(await ask({ deposits: Array.from({ length: 101 }, () => ({ id })) })).toBe('VALIDATION_FAILED');
    expect(await ask({ deposits: [{ id, file: { name: 'other.pdf', size: 48213 } }] })).toBe('VALIDATION_FAILED');
  });
});

describe('npx verity verify-certificate on a deposit certificate', () => {
  const keys = () => ['--court-key', bytesToBase64(courtSigner().publicKey), '--log-key', logSigner().verifierKey];
  const run = async (...argv: string[]) => {
    const result = await runVerityCli(argv, nodeCliDeps());
    return { code: result.exitCode, text: result.stdout.join('\n') };
  };

  it('accepts the PDF with pinned keys and the deposited file, naming each check of each deposit', async () => {
    const original = path.join(dir, 'original.bin');
    writeFileSync(original, scene.bytes);
    const { code, text } = await run('verify-certificate', pdfPath, ...keys(), '--file', original);
    expect(text).toContain('A deposit certificate (存证证书), not a verification certificate');
    for (const name of [
      'attachment',
      'format',
      'signature',
      'court_key',
      'deposit 1 leaf',
      'deposit 1 title_and_file',
      'deposit 1 checkpoint_signature',
      'deposit 1 inclusion_proof',
      'file_digests',
    ]) {
      expect(text).toContain(`✓ ${name}:`);
    }
    expect(text).toContain(`title: 采购合同 ${scene.t}`);
    expect(code).toBe(0);
  });

  it('fails a changed byte, another file, and another court key', async () => {
    const attached = await extractAttachedCertificate(pdf);
    const tampered = path.join(dir, 'tampered.pdf');
    writeFileSync(tampered, await replaceAttachedCertificate(pdf, flipByte(attached, attached.length - 40)));
    expect((await run('verify-certificate', tampered, ...keys())).code).toBe(1);
    const other = path.join(dir, 'other.bin');
    writeFileSync(other, randomBytes(100));
    const wrongFile = await run('verify-certificate', pdfPath, ...keys(), '--file', other);
    expect(wrongFile.text).toContain('✗ file_digests');
    expect(wrongFile.code).toBe(1);
    const wrongKey = await run('verify-certificate', pdfPath, '--court-key', bytesToBase64(new Uint8Array(32).fill(3)));
    expect(wrongKey.code).toBe(1);
  });
});
