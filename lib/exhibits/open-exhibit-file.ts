import 'server-only';
/**
 * The stored bytes of a file exhibit, for the people who may view its case (a judge re-verifying
 * in their browser, a party reading the other side's evidence). Every download is a custody-log
 * event, recorded before the first byte leaves.
 */
import type { Readable } from 'node:stream';
import { recordAuditEvent } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { requireExhibitAccess } from '@/lib/cases/access';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { openEvidenceFile } from '@/lib/evidence/open-evidence-file';
import { bytesToHex } from '@/lib/hashing';

export interface ExhibitFile {
  stream: Readable;
  size: number;
  fileName: string;
  sha256: string;
  sm3: string;
}

export type ExhibitFileInfo = Omit<ExhibitFile, 'stream'>;

/** What a download would send, without sending it (HEAD): no bytes leave, so no custody event. */
export async function describeExhibitFile(actor: Actor, exhibitId: string): Promise<ExhibitFileInfo> {
  const { exhibit } = await storedExhibit(actor, exhibitId);
  return {
    size: Number(exhibit.size ?? 0),
    fileName: exhibit.fileName ?? `exhibit-${exhibitId}`,
    sha256: bytesToHex(exhibit.sha256),
    sm3: bytesToHex(exhibit.sm3),
  };
}

async function storedExhibit(actor: Actor, exhibitId: string) {
  const access = await requireExhibitAccess(actor, exhibitId, 'view');
  const exhibit = await getDb().exhibit.findUniqueOrThrow({
    where: { id: exhibitId },
    select: { blobSha256: true, sha256: true, sm3: true, fileName: true, size: true },
  });
  if (!exhibit.blobSha256) {
    throw new AppError('NOT_FOUND', 'This is a hash-only exhibit: the original is presented in court, not stored.');
  }
  return { access, exhibit: { ...exhibit, blobSha256: exhibit.blobSha256 } };
}

export async function openExhibitFile(actor: Actor, exhibitId: string): Promise<ExhibitFile> {
  const { access, exhibit } = await storedExhibit(actor, exhibitId);
  const sha256 = bytesToHex(exhibit.sha256);
  await recordAuditEvent({
    action: 'exhibit.downloaded',
    actorId: actor.id,
    caseId: access.caseId,
    subjectId: exhibitId,
    details: { sha256 },
  });
  const file = await openEvidenceFile(bytesToHex(exhibit.blobSha256));
  return { ...file, fileName: exhibit.fileName ?? `exhibit-${exhibitId}`, sha256, sm3: bytesToHex(exhibit.sm3) };
}
