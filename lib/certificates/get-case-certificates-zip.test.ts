/**
 * A case's certificates as one ZIP: every valid certificate's PDF, a manifest whose SHA-256s are
 * those of the files (checked here and with `sha256sum -c`), revoked certificates listed but not
 * included, one custody event per certificate; NOT_FOUND outside the case.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { getPool } from '@/lib/db/pool';
import { buildCase } from '@/test/builders';
import { requireTools } from '@/test/required-tools';
import { buildCourtroom, type CertifiedExhibit, certifiedExhibit, type Room } from './certificate-downloads.testing';
import {
  type CertificatesManifest,
  CHECKSUMS_NAME,
  getCaseCertificatesZip,
  MANIFEST_FORMAT,
  MANIFEST_NAME,
} from './get-case-certificates-zip';
import { extractAttachedCertificate } from './pdf/pdf-attachment';
import { revokeCertificate } from './revoke-certificate';

const ORIGIN = 'https://verity.court.example';
const SHA256SUM = requireTools('sha256sum', ['sha256sum'], 'coreutils');

let room: Room;
let kept: CertifiedExhibit[];
let revoked: CertifiedExhibit;

beforeAll(async () => {
  room = await buildCourtroom();
  kept = [await certifiedExhibit(room, 'contract'), await certifiedExhibit(room, 'invoice')];
  revoked = await certifiedExhibit(room, 'draft');
  await revokeCertificate(room.clerk.actor, revoked.certificateId, { reason: 'a draft, not the exhibit' });
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('getCaseCertificatesZip', () => {
  it('holds every valid certificate’s PDF, a manifest and sha256sum lines that match the files', async () => {
    const zip = await getCaseCertificatesZip(room.judge.actor, room.caseA.id, { origin: ORIGIN });
    expect(zip.sha256).toBe(sha256(zip.bytes));
    const entries = unzipSync(zip.bytes);
    const names = kept.map((c) => `${c.number}.pdf`);
    expect(Object.keys(entries).sort()).toEqual([...names, CHECKSUMS_NAME, MANIFEST_NAME].sort());

    const manifest = JSON.parse(new TextDecoder().decode(entries[MANIFEST_NAME])) as CertificatesManifest;
    expect(manifest).toMatchObject({
      format: MANIFEST_FORMAT,
      case: { id: room.caseA.id, number: room.caseA.caseNumber },
      generatedBy: room.judge.user.name,
    });
    expect(manifest).toEqual(zip.manifest);
    expect(manifest.files.map((f) => f.certificateNumber)).toEqual(kept.map((c) => c.number));
    for (const [i, f] of manifest.files.entries()) {
      const bytes = entries[f.name];
      if (!bytes) throw new Error(`${f.name} missing`);
      expect(f).toMatchObject({
        certificateId: kept[i]?.certificateId,
        status: 'valid',
        verdict: 'consistent',
        size: bytes.length,
        sha256: sha256(bytes),
        checkUrl: `${ORIGIN}/certificates/${kept[i]?.certificateId}`,
      });
      expect(typeof f.exhibitNumber).toBe('number');
      const attached = JSON.parse(new TextDecoder().decode(await extractAttachedCertificate(bytes)));
      expect(attached.body.id).toBe(f.certificateId);
    }
    expect(manifest.revoked).toEqual([
      {
        certificateNumber: revoked.number,
        certificateId: revoked.certificateId,
        exhibitNumber: expect.any(Number),
        revokedAt: expect.any(String),
        reason: 'a draft, not the exhibit',
      },
    ]);

    const sums = new TextDecoder().decode(entries[CHECKSUMS_NAME]);
    expect(sums).toBe(
      `${[...manifest.files.map((f) => `${f.sha256}  ${f.name}`), `${sha256(entries[MANIFEST_NAME] as Uint8Array)}  ${MANIFEST_NAME}`].join('\n')}\n`,
    );
    if (SHA256SUM) {
      const dir = mkdtempSync(path.join(tmpdir(), 'verity-zip-'));
      try {
        for (const [name, bytes] of Object.entries(entries)) writeFileSync(path.join(dir, name), bytes);
        const out = execFileSync('sha256sum', ['-c', CHECKSUMS_NAME], { cwd: dir, encoding: 'utf8' });
        expect(out.trim().split('\n')).toHaveLength(kept.length + 1);
        writeFileSync(path.join(dir, names[0] as string), 'changed');
        expect(spawnSync('sha256sum', ['-c', CHECKSUMS_NAME], { cwd: dir }).status).not.toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it('records one certificate.downloaded event per certificate in the bundle, with the bundle’s digest', async () => {
    const zip = await getCaseCertificatesZip(room.plaintiff.actor, room.caseA.id, { origin: ORIGIN });
    const { rows } = await getPool().query<{ subject_id: string; actor_id: string; details: Record<string, unknown> }>(
      `SELECT subject_id, actor_id, details FROM audit_events
        WHERE action = 'certificate.downloaded' AND details->>'bundleSha256' = $1 ORDER BY seq`,
      [zip.sha256],
    );
    expect(rows.map((r) => r.subject_id)).toEqual(kept.map((c) => c.certificateId));
    expect(rows.every((r) => r.actor_id === room.plaintiff.user.id)).toBe(true);
    expect(rows[0]?.details).toMatchObject({ format: 'zip', number: kept[0]?.number, bundleIndex: 1, bundleCount: 2 });
  });

  it('is an archive of the manifest alone for a case without valid certificates, and records nothing', async () => {
    const empty = await buildCase(room.court.id, [{ userId: room.clerk.user.id, role: 'clerk' }]);
    const zip = await getCaseCertificatesZip(room.clerk.actor, empty.id, { origin: ORIGIN });
    expect(Object.keys(unzipSync(zip.bytes)).sort()).toEqual([CHECKSUMS_NAME, MANIFEST_NAME].sort());
    expect(zip.manifest.files).toEqual([]);
    const { rows } = await getPool().query("SELECT 1 FROM audit_events WHERE details->>'bundleSha256' = $1", [
      zip.sha256,
    ]);
    expect(rows).toEqual([]);
  });

  it('is NOT_FOUND for people outside the case', async () => {
    for (const who of [room.stranger, room.otherJudge, room.otherClerk, room.admin]) {
      await expect(getCaseCertificatesZip(who.actor, room.caseA.id, { origin: ORIGIN })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    }
  });
});
