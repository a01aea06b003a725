import 'server-only';
/** An exhibit's recorded digests and named deposit (callers have checked access already). */
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { bytesToHex } from '@/lib/hashing';

export interface ExhibitDigests {
  sha256: string;
  sm3: string;
  claimedDepositId: string | null;
  kind: 'file' | 'hash_only';
}

export async function loadExhibitDigests(exhibitId: string): Promise<ExhibitDigests> {
  const row = await getDb().exhibit.findUnique({
    where: { id: exhibitId },
    select: { sha256: true, sm3: true, claimedDepositId: true, kind: true },
  });
  if (!row) throw new AppError('NOT_FOUND', 'No such exhibit.');
  return {
    sha256: bytesToHex(row.sha256),
    sm3: bytesToHex(row.sm3),
    claimedDepositId: row.claimedDepositId,
    kind: row.kind,
  };
}
