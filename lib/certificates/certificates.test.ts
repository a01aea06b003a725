/**
 * Certificates through the domain functions, on the real database and ledger: a clerk issues
 * certificates for exhibits resting on real sealed deposits, and each file verifies offline with
 * the court key and the log key; who may do what; pending refused; one standing certificate per
 * exhibit; revocation; the public file and status; the append-only record.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { getPool, withTransaction } from '@/lib/db/pool';
import { buildCourtroom, depositSealed, digestsOf, randomEvidence } from '@/lib/exhibits/exhibits.testing';
import { submitHashOnlyExhibit } from '@/lib/exhibits/submit-exhibit';
import { insertDeposits } from '@/lib/ledger/insert-deposits';
import { buildDepositorOrg } from '@/lib/ledger/ledger.testing';
import { logSigner } from '@/lib/ledger/log-signer';
import { getSequencer } from '@/lib/ledger/sequencer';
import { buildLeaf } from '@/lib/ledger/statement';
import { hashLeaf, hexToBytes } from '@/lib/tlog';
import { courtSigner } from './court-signer';
import { verifyCertificate } from './format/verify-certificate';
import { getCertificateFile } from './get-certificate-file';
import { getCertificateStatus } from './get-certificate-status';
import { issueCertificate } from './issue-certificate';
import { listCaseCertificates } from './list-case-certificates';
import { revokeCertificate } from './revoke-certificate';

type Room = Awaited<ReturnType<typeof buildCourtroom>>;

let room: Room;
let original: Uint8Array;
let depositId: string;

beforeAll(async () => {
  room = await buildCourtroom();
  original = randomEvidence();
  depositId = await depositSealed(original);
});

function keys() {
  return { courtPublicKey: courtSigner().publicKey, logVerifierKey: logSigner().verifierKey };
}

async function exhibit(bytes: Uint8Array, options: { claimedDepositId?: string; title?: string } = {}) {
  return submitHashOnlyExhibit(room.plaintiff.actor, room.caseA.id, {
    title: options.title ?? 'contract',
    fileName: 'contract.pdf',
    size: bytes.length,
    ...digestsOf(bytes),
    ...(options.claimedDepositId ? { claimedDepositId: options.claimedDepositId } : {}),
  });
}

function tampered(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bytes);
  copy[7] = (copy[7] ?? 0) ^ 1;
  return copy;
}

async function events(subjectId: string): Promise<Array<{ action: string; details: Record<string, unknown> }>> {
  const { rows } = await getPool().query(
    'SELECT action, details FROM audit_events WHERE subject_id = $1 ORDER BY seq',
    [subjectId],
  );
  return rows;
}

describe('issueCertificate', () => {
  it('signs the standing verdict with the deposit’s proof; the file verifies offline', async () => {
    const { id: exhibitId } = await exhibit(original, { claimedDepositId: depositId, title: '劳动合同' });
    const { id, number } = await issueCertificate(room.clerk.actor, exhibitId);
    expect(number).toMatch(/^VC-\d{4}-\d{6}$/);

    const file = await getCertificateFile(id);
    if (!file) throw new Error('no file');
    const check = verifyCertificate(file, { ...keys(), fileDigests: digestsOf(original) });
    expect(check.checks.filter((c) => !c.ok)).toEqual([]);
    expect(check.ok).toBe(true);
    expect(check.courtKey).toEqual({ keyId: courtSigner().keyId, pinned: true });

    const { body } = file;
    expect(body).toMatchObject({
      id,
      number,
      court: { code: room.court.code, nameZh: room.court.nameZh, nameEn: room.court.nameEn },
      case: { id: room.caseA.id, number: room.caseA.caseNumber, title: room.caseA.title },
      exhibit: {
        id: exhibitId,
        title: '劳动合同',
        fileName: 'contract.pdf',
        size: original.length,
        kind: 'hash_only',
        submittedBy: room.plaintiff.user.name,
        partyRole: 'plaintiff',
      },
      digests: digestsOf(original),
      verdict: 'consistent',
      verification: { site: 'browser', by: room.plaintiff.user.name },
      deposit: { id: depositId },
      log: { origin: logSigner().origin, verifierKey: logSigner().verifierKey },
      anchor: null,
      issuer: { name: room.clerk.user.name, role: 'clerk' },
    });
    expect(body.scope.zh).toContain('第十六条');
    expect(body.scope.en).toMatch(
      /may be found unaltered since it was recorded.*does not prove the file authentic before deposit/s,
    );
    expect(body.scope.en).toContain('hash-only exhibit');

    const issued = (await events(id)).find((e) => e.action === 'certificate.issued');
    expect(issued?.details).toMatchObject({ number, exhibitId, verdict: 'consistent', depositId });
    expect(await getCertificateStatus(id)).toMatchObject({
      state: 'valid',
      certificate: { number, verdict: 'consistent' },
    });
  });

  it('certifies a tampered verdict (the leaf records other digests) and a not_found one (no deposit)', async () => {
    const changed = tampered(original);
    const bad = await exhibit(changed, { claimedDepositId: depositId });
    const never = await exhibit(randomEvidence());
    for (const [e, bytes, verdict] of [
      [bad, changed, 'tampered'],
      [never, undefined, 'not_found'],
    ] as const) {
      const { id } = await issueCertificate(room.clerk.actor, e.id);
      const file = await getCertificateFile(id);
      expect(file?.body.verdict).toBe(verdict);
      const check = verifyCertificate(file, { ...keys(), ...(bytes ? { fileDigests: digestsOf(bytes) } : {}) });
      expect(check.checks.filter((c) => !c.ok)).toEqual([]);
      expect(file?.body.deposit === null).toBe(verdict === 'not_found');
    }
    // The certified tampered file is the changed copy, not the deposited original.
    const { id } = (await listCaseCertificates(room.clerk.actor, room.caseA.id)).certificates.find(
      (c) => c.exhibit.id === bad.id,
    ) ?? { id: '' };
    expect(verifyCertificate(await getCertificateFile(id), { ...keys(), fileDigests: digestsOf(original) }).ok).toBe(
      false,
    );
  });

  it('numbers certificates per court without gaps, even when issued at once', async () => {
    const exhibits = await Promise.all(Array.from({ length: 6 }, () => exhibit(randomEvidence())));
    const issued = await Promise.all(exhibits.map((e) => issueCertificate(room.clerk.actor, e.id)));
    const all = (await listCaseCertificates(room.clerk.actor, room.caseA.id)).certificates.map((c) => c.number);
    const serials = all.map((n) => Number(n.slice(-6))).sort((a, b) => a - b);
    expect(serials).toEqual(Array.from({ length: serials.length }, (_, i) => i + 1));
    expect(new Set(issued.map((c) => c.number)).size).toBe(6);
    // The year is Beijing time’s.
    expect(all.every((n) => n.startsWith(`VC-${new Date(Date.now() + 8 * 3600_000).getUTCFullYear()}-`))).toBe(true);
  });

  it('refuses a second certificate while one stands; after revocation the re-issue gets a new number', async () => {
    const { id: exhibitId } = await exhibit(original, { claimedDepositId: depositId });
    const first = await issueCertificate(room.clerk.actor, exhibitId);
    await expect(issueCertificate(room.clerk.actor, exhibitId)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(first.number),
    });
    await revokeCertificate(room.clerk.actor, first.id, { reason: 'Exhibit title misspelt' });
    const second = await issueCertificate(room.clerk.actor, exhibitId);
    expect(second.number).not.toBe(first.number);
    expect(Number(second.number.slice(-6))).toBeGreaterThan(Number(first.number.slice(-6)));
    expect((await getCertificateStatus(first.id)).state).toBe('revoked');
    expect((await getCertificateStatus(second.id)).state).toBe('valid');
  });

  it('issues one certificate when two clerks issue for the same exhibit at once', async () => {
    const { id: exhibitId } = await exhibit(original, { claimedDepositId: depositId });
    const results = await Promise.allSettled([0, 1, 2].map(() => issueCertificate(room.clerk.actor, exhibitId)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
    }
  });

  it('lets only the clerks of the court issue: parties and judges FORBIDDEN, outsiders NOT_FOUND', async () => {
    const { id: exhibitId } = await exhibit(original, { claimedDepositId: depositId });
    for (const notClerk of [room.plaintiff, room.defendant, room.judge]) {
      await expect(issueCertificate(notClerk.actor, exhibitId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    for (const outsider of [room.otherClerk, room.otherJudge, room.stranger, room.admin]) {
      await expect(issueCertificate(outsider.actor, exhibitId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(issueCertificate(room.clerk.actor, randomUUID())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(issueCertificate(room.clerk.actor, 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const count = await getPool().query('SELECT count(*)::int AS n FROM certificates WHERE exhibit_id = $1', [
      exhibitId,
    ]);
    expect(count.rows[0]).toEqual({ n: 0 });
  });

  describe('a pending deposit', () => {
    // A deposit written but kept out of sequence_queue, so no sequencer of any test process seals
    // it while this test runs; it is queued (and sealed) afterwards, leaving the ledger whole.
    let pendingId: string;
    let bytes: Uint8Array;
    beforeAll(async () => {
      bytes = randomEvidence();
      const org = await buildDepositorOrg();
      const { leaf, statement } = buildLeaf({
        request: { digests: digestsOf(bytes) },
        depositor: org,
        depositedAt: new Date(),
      });
      pendingId = randomUUID();
      await withTransaction((client) =>
        insertDeposits(client, [
          {
            id: pendingId,
            orgId: org.id,
            leaf,
            leafHash: hashLeaf(leaf),
            sha256: hexToBytes(statement.digests.sha256 ?? ''),
            sm3: hexToBytes(statement.digests.sm3 ?? ''),
            depositedAt: new Date(statement.depositedAt),
          },
        ]),
      );
    });
    afterAll(async () => {
      await getPool().query('INSERT INTO sequence_queue (deposit_id) VALUES ($1)', [pendingId]);
      await getSequencer().flushQueue();
    });

    it('is refused with CONFLICT (retry in seconds), after a re-check on the server', async () => {
      const e = await exhibit(bytes, { claimedDepositId: pendingId });
      expect(e.verdict).toBe('pending');
      await expect(issueCertificate(room.clerk.actor, e.id)).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringMatching(/not sealed.*Try again in a few seconds/),
      });
      expect((await events(e.id)).map((x) => x.action)).toEqual([
        'exhibit.submitted',
        'exhibit.verified',
        'exhibit.verified',
      ]);
    });
  });
});

describe('revokeCertificate', () => {
  let certificateId: string;
  beforeAll(async () => {
    const { id: exhibitId } = await exhibit(original, { claimedDepositId: depositId });
    certificateId = (await issueCertificate(room.clerk.actor, exhibitId)).id;
  });

  it('lets only the clerks of the court revoke, with a reason', async () => {
    for (const notClerk of [room.plaintiff, room.judge]) {
      await expect(revokeCertificate(notClerk.actor, certificateId, { reason: 'x' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    for (const outsider of [room.otherClerk, room.stranger, room.admin]) {
      await expect(revokeCertificate(outsider.actor, certificateId, { reason: 'x' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    }
    await expect(revokeCertificate(room.clerk.actor, randomUUID(), { reason: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(revokeCertificate(room.clerk.actor, certificateId, { reason: '  ' })).rejects.toThrow();
    await expect(revokeCertificate(room.clerk.actor, certificateId, { reason: 'r'.repeat(1001) })).rejects.toThrow();
    expect((await getCertificateStatus(certificateId)).state).toBe('valid');
  });

  it('marks the certificate revoked with reason, time and clerk; the file is still served as filed', async () => {
    const before = await getCertificateFile(certificateId);
    const { revokedAt } = await revokeCertificate(room.clerk.actor, certificateId, {
      reason: ' 证据编号有误 / wrong exhibit number ',
    });
    const status = await getCertificateStatus(certificateId);
    expect(status).toMatchObject({
      state: 'revoked',
      revocation: {
        reason: '证据编号有误 / wrong exhibit number',
        at: revokedAt.toISOString(),
        by: room.clerk.user.name,
      },
    });
    expect(await getCertificateFile(certificateId)).toEqual(before);
    await expect(revokeCertificate(room.clerk.actor, certificateId, { reason: 'again' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const actions = (await events(certificateId)).map((e) => e.action);
    expect(actions).toEqual(['certificate.issued', 'certificate.revoked']);
    const listed = await listCaseCertificates(room.defendant.actor, room.caseA.id);
    expect(listed.certificates.find((c) => c.id === certificateId)).toMatchObject({
      state: 'revoked',
      revocation: { reason: '证据编号有误 / wrong exhibit number' },
    });
  });
});

describe('reading certificates', () => {
  it('answers unknown and null for IDs that name no certificate', async () => {
    for (const id of [randomUUID(), 'not-a-uuid', '']) {
      expect(await getCertificateStatus(id)).toEqual({ state: 'unknown' });
      expect(await getCertificateFile(id)).toBeNull();
    }
  });

  it('lists a case’s certificates to its people only; only clerks may certify', async () => {
    for (const insider of [room.plaintiff, room.defendant, room.judge, room.clerk]) {
      const listed = await listCaseCertificates(insider.actor, room.caseA.id);
      expect(listed.certificates.length).toBeGreaterThan(0);
      expect(listed.canCertify).toBe(insider === room.clerk);
    }
    for (const outsider of [room.stranger, room.otherJudge, room.otherClerk, room.admin]) {
      await expect(listCaseCertificates(outsider.actor, room.caseA.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    // Through Prisma too (the generated client knows the tables).
    const viaPrisma = await getDb().certificate.findMany({
      where: { caseId: room.caseA.id },
      include: { revocation: true, issuer: { select: { name: true } } },
    });
    expect(viaPrisma.length).toBe((await listCaseCertificates(room.clerk.actor, room.caseA.id)).certificates.length);
    expect(viaPrisma.every((c) => c.issuer.name === room.clerk.user.name)).toBe(true);
  });
});

describe('the record is append-only', () => {
  it('refuses to update or delete certificates and revocations', async () => {
    const { certificates } = await listCaseCertificates(room.clerk.actor, room.caseA.id);
    const revoked = certificates.find((c) => c.state === 'revoked');
    if (!revoked) throw new Error('no revoked certificate');
    for (const [sql, id] of [
      ["UPDATE certificates SET key_id = '00000000' WHERE id = $1", revoked.id],
      ['DELETE FROM certificates WHERE id = $1', revoked.id],
      ["UPDATE certificate_revocations SET reason = 'changed' WHERE certificate_id = $1", revoked.id],
      ['DELETE FROM certificate_revocations WHERE certificate_id = $1', revoked.id],
    ] as const) {
      await expect(getPool().query(sql, [id]), sql).rejects.toThrow(/append-only/);
    }
    await expect(getPool().query('TRUNCATE certificate_revocations')).rejects.toThrow(/append-only/);
  });
});
