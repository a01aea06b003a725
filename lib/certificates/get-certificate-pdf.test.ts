/**
 * The certificate PDF for the people of the case: rendered from the stored certificate (its
 * attachment is the filed certificate, byte for byte, and verifies), the check URL under the given
 * origin, "revoked" once revoked, a custody event per download; NOT_FOUND for everyone else.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getPool } from '@/lib/db/pool';
import { logSigner } from '@/lib/ledger/log-signer';
import { canonicalJsonBytes } from '@/lib/ledger/statement/canonical-json';
import { requireTools } from '@/test/required-tools';
import { buildCourtroom, type CertifiedExhibit, certifiedExhibit, type Room } from './certificate-downloads.testing';
import { courtSigner } from './court-signer';
import { verifyCertificate } from './format/verify-certificate';
import { getCertificateFile } from './get-certificate-file';
import { describeCertificatePdf, getCertificatePdf } from './get-certificate-pdf';
import { extractAttachedCertificate } from './pdf/pdf-attachment';
import { revokeCertificate } from './revoke-certificate';

const ORIGIN = 'https://verity.court.example';
const POPPLER = requireTools('poppler-utils', ['pdftotext'], 'apt-get install poppler-utils');
let room: Room;
let certified: CertifiedExhibit;

beforeAll(async () => {
  room = await buildCourtroom();
  certified = await certifiedExhibit(room);
});

async function downloads(certificateId: string) {
  const { rows } = await getPool().query<{ actor_id: string; details: Record<string, unknown> }>(
    "SELECT actor_id, details FROM audit_events WHERE subject_id = $1 AND action = 'certificate.downloaded' ORDER BY seq",
    [certificateId],
  );
  return rows;
}

describe('getCertificatePdf', () => {
  it('gives the case’s people the PDF of the filed certificate, which verifies offline', async () => {
    for (const who of [room.plaintiff, room.defendant, room.judge, room.clerk]) {
      const pdf = await getCertificatePdf(who.actor, certified.certificateId, { origin: ORIGIN });
      expect(pdf).toMatchObject({
        id: certified.certificateId,
        number: certified.number,
        state: 'valid',
        fileName: `${certified.number}.pdf`,
      });
      expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
      expect(pdf.sha256).toBe(createHash('sha256').update(pdf.bytes).digest('hex'));

      const attached = await extractAttachedCertificate(pdf.bytes);
      const file = await getCertificateFile(certified.certificateId);
      expect(Buffer.from(attached).equals(Buffer.from(canonicalJsonBytes(file)))).toBe(true);
      const check = verifyCertificate(attached, {
        courtPublicKey: courtSigner().publicKey,
        logVerifierKey: logSigner().verifierKey,
        fileDigests: certified.digests,
      });
      expect(check.checks.filter((c) => !c.ok)).toEqual([]);
    }
  });

  it('puts the public check page under the given origin in the PDF', async () => {
    const pdf = await getCertificatePdf(room.clerk.actor, certified.certificateId, { origin: ORIGIN });
    // PDFKit writes link annotations as plain strings: the URL is in the bytes as written.
    expect(Buffer.from(pdf.bytes).includes(`${ORIGIN}/certificates/${certified.certificateId}`)).toBe(true);
  });

  it('records a certificate.downloaded custody event per download, with the PDF’s digest', async () => {
    const other = await certifiedExhibit(room, 'receipt');
    const pdf = await getCertificatePdf(room.defendant.actor, other.certificateId, { origin: ORIGIN });
    const events = await downloads(other.certificateId);
    expect(events).toHaveLength(1);
    expect(events[0]?.actor_id).toBe(room.defendant.user.id);
    expect(events[0]?.details).toEqual({
      number: other.number,
      exhibitId: other.exhibitId,
      format: 'pdf',
      state: 'valid',
      sha256: pdf.sha256,
    });
    // HEAD-like description: the same check, nothing recorded.
    await expect(describeCertificatePdf(room.plaintiff.actor, other.certificateId)).resolves.toMatchObject({
      state: 'valid',
    });
    expect(await downloads(other.certificateId)).toHaveLength(1);
  });

  it('is NOT_FOUND for people outside the case, other courts’ clerks, admins and unknown IDs; nothing recorded', async () => {
    const other = await certifiedExhibit(room, 'statement');
    for (const who of [room.stranger, room.otherJudge, room.otherClerk, room.admin]) {
      await expect(getCertificatePdf(who.actor, other.certificateId, { origin: ORIGIN })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: 'No such certificate.',
      });
      await expect(describeCertificatePdf(who.actor, other.certificateId)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    }
    for (const id of [randomUUID(), 'not-a-uuid', '']) {
      await expect(getCertificatePdf(room.clerk.actor, id, { origin: ORIGIN })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    }
    expect(await downloads(other.certificateId)).toEqual([]);
  });

  it('says revoked once revoked (state, and on the pages), and is still the filed certificate', async () => {
    const other = await certifiedExhibit(room, 'invoice');
    const before = await getCertificatePdf(room.clerk.actor, other.certificateId, { origin: ORIGIN });
    await revokeCertificate(room.clerk.actor, other.certificateId, { reason: 'wrong exhibit' });
    const after = await getCertificatePdf(room.plaintiff.actor, other.certificateId, { origin: ORIGIN });
    expect(after.state).toBe('revoked');
    expect(after.sha256).not.toBe(before.sha256);
    expect(Buffer.from(await extractAttachedCertificate(after.bytes))).toEqual(
      Buffer.from(await extractAttachedCertificate(before.bytes)),
    );
    expect((await downloads(other.certificateId)).map((e) => e.details.state)).toEqual(['valid', 'revoked']);
    if (POPPLER) {
      const dir = mkdtempSync(path.join(tmpdir(), 'verity-revoked-'));
      try {
        writeFileSync(path.join(dir, 'c.pdf'), after.bytes);
        const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'c.pdf'), '-'], { encoding: 'utf8' });
        expect(text).toContain('REVOKED — this certificate has been withdrawn');
        expect(text).toContain('本证书已被撤销');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});
