import 'server-only';
/**
 * A party submits evidence to their case. Two kinds:
 *
 * - a **file exhibit**: the bytes were uploaded (lib/evidence) and the server hashed them as
 *   they arrived; only a completed upload whose server digests equal the browser's can be
 *   taken, and the verdict is computed from the server's digests (DESIGN.md "Trust model");
 * - a **hash-only exhibit** (confidential material; the original is shown in court): the
 *   digests are the party's own, from their browser, and the exhibit says so.
 *
 * The exhibit, its first verification and the custody-log events commit together.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import { appendAuditEvent } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { type CaseAccess, requireCaseAccess } from '@/lib/cases/access';
import type { CaseRole, Verdict } from '@/lib/db/generated/enums';
import { withTransaction } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { takeCompletedUpload } from '@/lib/evidence/take-completed-upload';
import { hexToBytes } from '@/lib/hashing';
import { zHexDigest } from '@/lib/hashing/digest-schema';
import { notifyCaseEvent } from '@/lib/notifications/notify-case-event';
import { plainText } from '@/lib/text/plain-text';
import { assertDepositExists, checkAgainstLedger, type FileDigests } from '@/lib/verification/check-against-ledger';
import { recordWitnessing, witnessingAudit } from './verification-witnessing';

/** An empty form field means "no deposit named". */
const ZClaimedDepositId = z
  .union([z.literal('').transform(() => undefined), z.uuid({ message: 'A deposit ID is a UUID, as on the receipt' })])
  .optional();

const ZTitle = z
  .string()
  .trim()
  .min(1, 'Give the exhibit a title')
  .max(200, 'A title has at most 200 characters')
  .superRefine(plainText('the title'));

export const ZSubmitFileExhibit = z.strictObject({
  uploadId: z.uuid(),
  title: ZTitle,
  claimedDepositId: ZClaimedDepositId,
});

export const ZSubmitHashOnlyExhibit = z.strictObject({
  title: ZTitle,
  fileName: z.string().trim().min(1).max(255).superRefine(plainText('the file name')).optional(),
  size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
  sha256: zHexDigest('sha256'),
  sm3: zHexDigest('sm3'),
  claimedDepositId: ZClaimedDepositId,
});

export interface SubmittedExhibit {
  id: string;
  caseId: string;
  number: number;
  verdict: Verdict;
  depositId: string | null;
}

export async function submitFileExhibit(actor: Actor, caseId: string, input: unknown): Promise<SubmittedExhibit> {
  const access = await requireCaseAccess(actor, caseId, 'submit_exhibit');
  const data = ZSubmitFileExhibit.parse(input);
  if (data.claimedDepositId) await assertDepositExists(data.claimedDepositId);
  return withTransaction(async (client) => {
    const upload = await takeCompletedUpload(client, actor, data.uploadId, { caseId: access.caseId });
    return insertExhibit(client, access, {
      kind: 'file',
      title: data.title,
      fileName: upload.fileName,
      mediaType: upload.mediaType,
      size: upload.size,
      digests: { sha256: upload.sha256.toString('hex'), sm3: upload.sm3.toString('hex') },
      claimedDepositId: data.claimedDepositId ?? null,
    });
  });
}

export async function submitHashOnlyExhibit(actor: Actor, caseId: string, input: unknown): Promise<SubmittedExhibit> {
  const access = await requireCaseAccess(actor, caseId, 'submit_exhibit');
  const data = ZSubmitHashOnlyExhibit.parse(input);
  if (data.claimedDepositId) await assertDepositExists(data.claimedDepositId);
  return withTransaction((client) =>
    insertExhibit(client, access, {
      kind: 'hash_only',
      title: data.title,
      fileName: data.fileName ?? null,
      mediaType: null,
      size: data.size ?? null,
      digests: { sha256: data.sha256, sm3: data.sm3 },
      claimedDepositId: data.claimedDepositId ?? null,
    }),
  );
}

interface NewExhibit {
  kind: 'file' | 'hash_only';
  title: string;
  fileName: string | null;
  mediaType: string | null;
  size: number | null;
  digests: FileDigests;
  claimedDepositId: string | null;
}

async function insertExhibit(
  client: pg.PoolClient,
  access: CaseAccess,
  exhibit: NewExhibit,
): Promise<SubmittedExhibit> {
  const partyRole = access.myRoles.find((r): r is CaseRole => r === 'plaintiff' || r === 'defendant');
  if (!partyRole) throw new AppError('FORBIDDEN', 'Only a party to the case can submit exhibits.');
  const check = await checkAgainstLedger(exhibit.digests, exhibit.claimedDepositId);
  const verdict = check.decision.verdict;
  const depositId = check.decision.deposit?.id ?? null;

  // Exhibit numbers are per case and gap-free: the case row is the lock. Under it, membership
  // is checked again, so a party removed a moment ago (removal takes the same lock) cannot submit.
  await client.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [access.caseId]);
  const member = await client.query('SELECT 1 FROM case_members WHERE case_id = $1 AND user_id = $2 AND role = $3', [
    access.caseId,
    access.actor.id,
    partyRole,
  ]);
  if (member.rowCount === 0) throw new AppError('NOT_FOUND', 'No such case.');
  const { rows } = await client.query<{ next: number }>(
    'SELECT coalesce(max(number), 0) + 1 AS next FROM exhibits WHERE case_id = $1',
    [access.caseId],
  );
  const number = Number(rows[0]?.next ?? 1);
  const id = randomUUID();
  const sha256 = Buffer.from(hexToBytes(exhibit.digests.sha256));
  const sm3 = Buffer.from(hexToBytes(exhibit.digests.sm3));
  await client.query(
    `INSERT INTO exhibits (id, case_id, number, submitted_by, party_role, kind, title, file_name, media_type, size,
       sha256, sm3, blob_sha256, claimed_deposit_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      id,
      access.caseId,
      number,
      access.actor.id,
      partyRole,
      exhibit.kind,
      exhibit.title,
      exhibit.fileName,
      exhibit.mediaType,
      exhibit.size,
      sha256,
      sm3,
      exhibit.kind === 'file' ? sha256 : null,
      exhibit.claimedDepositId,
    ],
  );
  const verificationId = randomUUID();
  const site = exhibit.kind === 'file' ? 'server' : 'browser';
  await client.query(
    `INSERT INTO verifications (id, exhibit_id, verified_by, site, sha256, sm3, verdict, deposit_id, checkpoint_size)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      verificationId,
      id,
      access.actor.id,
      site,
      sha256,
      sm3,
      verdict,
      depositId,
      check.checkpointSize?.toString() ?? null,
    ],
  );
  const witnessing = await recordWitnessing(client, verificationId, check);
  // The other parties and the judges (issue #16).
  await notifyCaseEvent(client, {
    kind: 'exhibit_submitted',
    caseId: access.caseId,
    actorId: access.actor.id,
    exhibitId: id,
  });
  await appendAuditEvent(client, {
    action: 'exhibit.submitted',
    actorId: access.actor.id,
    caseId: access.caseId,
    subjectId: id,
    details: {
      number,
      kind: exhibit.kind,
      title: exhibit.title,
      fileName: exhibit.fileName,
      size: exhibit.size,
      sha256: exhibit.digests.sha256,
      sm3: exhibit.digests.sm3,
      claimedDepositId: exhibit.claimedDepositId,
    },
  });
  await appendAuditEvent(client, {
    action: 'exhibit.verified',
    actorId: access.actor.id,
    caseId: access.caseId,
    subjectId: id,
    details: {
      verificationId,
      site,
      verdict,
      reason: check.decision.reason,
      depositId,
      checkpointSize: check.checkpointSize?.toString() ?? null,
      witnessing: witnessingAudit(witnessing),
    },
  });
  return { id, caseId: access.caseId, number, verdict, depositId };
}
