import 'server-only';
/**
 * Verifications after submission: a judge's independent re-verification (the stored bytes
 * hashed again in the judge's own browser) and the server's re-check of an exhibit whose
 * deposit was still pending. Each is a new row in the verification history and a custody-log
 * event; nothing earlier is changed.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { appendAuditEvent } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { requireExhibitAccess } from '@/lib/cases/access';
import type { Verdict, VerificationSite } from '@/lib/db/generated/enums';
import { withTransaction } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { hexToBytes } from '@/lib/hashing';
import { zHexDigest } from '@/lib/hashing/digest-schema';
import { checkAgainstLedger } from '@/lib/verification/check-against-ledger';
import { type ExhibitDigests, loadExhibitDigests } from './load-exhibit-digests';
import { type RecordedWitnessing, recordWitnessing, witnessingAudit } from './verification-witnessing';

export const ZBrowserVerification = z.strictObject({ sha256: zHexDigest('sha256'), sm3: zHexDigest('sm3') });

export interface RecordedVerification {
  id: string;
  site: VerificationSite;
  verdict: Verdict;
  /** The browser's digests equal the exhibit's recorded digests (what the server computed at upload). */
  matchesRecord: boolean;
  depositId: string | null;
  /** Who vouched for the signed state of the ledger it was decided on; null without witnesses. */
  witnessing: RecordedWitnessing | null;
}

/**
 * A judge of the case re-verified the exhibit in their browser: `input` holds the digests their
 * worker computed from the bytes the store served. The verdict is decided against the ledger
 * from those digests, as for any other verification.
 */
export async function recordBrowserVerification(
  actor: Actor,
  exhibitId: string,
  input: unknown,
): Promise<RecordedVerification> {
  const access = await requireExhibitAccess(actor, exhibitId, 'reverify');
  const digests = ZBrowserVerification.parse(input);
  const exhibit = await loadExhibitDigests(exhibitId);
  if (exhibit.kind === 'hash_only') {
    throw new AppError(
      'CONFLICT',
      'A hash-only exhibit has no stored file to re-verify: compare the original in court.',
    );
  }
  return record(access.actor, access.caseId, exhibitId, exhibit, 'browser', digests);
}

/** The server checks the exhibit's recorded digests against the ledger again (e.g. once a pending deposit is sealed). */
export async function recheckOnServer(actor: Actor, exhibitId: string): Promise<RecordedVerification> {
  const access = await requireExhibitAccess(actor, exhibitId, 'view');
  const exhibit = await loadExhibitDigests(exhibitId);
  return record(access.actor, access.caseId, exhibitId, exhibit, 'server', exhibit);
}

async function record(
  actor: Actor,
  caseId: string,
  exhibitId: string,
  exhibit: ExhibitDigests,
  site: VerificationSite,
  digests: { sha256: string; sm3: string },
): Promise<RecordedVerification> {
  const check = await checkAgainstLedger(digests, exhibit.claimedDepositId);
  const verdict = check.decision.verdict;
  const depositId = check.decision.deposit?.id ?? null;
  const matchesRecord = digests.sha256 === exhibit.sha256 && digests.sm3 === exhibit.sm3;
  const id = randomUUID();
  const witnessing = await withTransaction(async (client) => {
    await client.query(
      `INSERT INTO verifications (id, exhibit_id, verified_by, site, sha256, sm3, verdict, deposit_id, checkpoint_size)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        id,
        exhibitId,
        actor.id,
        site,
        Buffer.from(hexToBytes(digests.sha256)),
        Buffer.from(hexToBytes(digests.sm3)),
        verdict,
        depositId,
        check.checkpointSize?.toString() ?? null,
      ],
    );
    const recorded = await recordWitnessing(client, id, check);
    await appendAuditEvent(client, {
      action: 'exhibit.verified',
      actorId: actor.id,
      caseId,
      subjectId: exhibitId,
      details: {
        verificationId: id,
        site,
        verdict,
        reason: check.decision.reason,
        depositId,
        matchesRecord,
        sha256: digests.sha256,
        sm3: digests.sm3,
        checkpointSize: check.checkpointSize?.toString() ?? null,
        witnessing: witnessingAudit(recorded),
      },
    });
    return recorded;
  });
  return { id, site, verdict, matchesRecord, depositId, witnessing };
}
