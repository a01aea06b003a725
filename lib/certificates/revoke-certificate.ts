import 'server-only';
/**
 * A clerk of the court revokes a certificate, with a reason that is shown publicly with its
 * status. The certificate stays on record (and served, as filed); the revocation is a record of
 * its own and cannot be undone — issue a new certificate instead.
 */
import { z } from 'zod';
import { appendAuditEvent } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { isUuid, requireCaseAccess } from '@/lib/cases/access';
import { getPool, withTransaction } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { notifyCaseEvent } from '@/lib/notifications/notify-case-event';
import { normaliseNewlines, plainMultilineText } from '@/lib/text/plain-text';

export const ZRevokeCertificate = z.strictObject({
  reason: z
    .string()
    .overwrite(normaliseNewlines)
    .trim()
    .min(1, 'Give the reason for revoking the certificate')
    .max(1000, 'The reason has at most 1000 characters')
    .superRefine(plainMultilineText('the reason')),
});

export interface RevokedCertificate {
  id: string;
  number: string;
  revokedAt: Date;
}

export async function revokeCertificate(
  actor: Actor,
  certificateId: string,
  input: unknown,
): Promise<RevokedCertificate> {
  const certificate = await findCertificate(certificateId);
  try {
    await requireCaseAccess(actor, certificate.caseId, 'certify');
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound();
    throw error;
  }
  const { reason } = ZRevokeCertificate.parse(input);
  const revokedAt = new Date();
  await withTransaction(async (client) => {
    const inserted = await client.query(
      `INSERT INTO certificate_revocations (certificate_id, reason, revoked_by, revoked_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (certificate_id) DO NOTHING`,
      [certificate.id, reason, actor.id, revokedAt],
    );
    if (inserted.rowCount === 0) {
      throw new AppError('CONFLICT', `Certificate ${certificate.number} is already revoked.`);
    }
    await notifyCaseEvent(client, {
      kind: 'certificate_revoked',
      caseId: certificate.caseId,
      actorId: actor.id,
      exhibitId: certificate.exhibitId,
      certificateNumber: certificate.number,
    });
    await appendAuditEvent(client, {
      action: 'certificate.revoked',
      actorId: actor.id,
      caseId: certificate.caseId,
      subjectId: certificate.id,
      details: { number: certificate.number, exhibitId: certificate.exhibitId, reason },
      at: revokedAt,
    });
  });
  return { id: certificate.id, number: certificate.number, revokedAt };
}

async function findCertificate(id: string): Promise<{ id: string; number: string; caseId: string; exhibitId: string }> {
  if (typeof id !== 'string' || !isUuid(id)) throw notFound();
  const { rows } = await getPool().query<{ id: string; number: string; case_id: string; exhibit_id: string }>(
    'SELECT id, number, case_id, exhibit_id FROM certificates WHERE id = $1',
    [id],
  );
  const row = rows[0];
  if (!row) throw notFound();
  return { id: row.id, number: row.number, caseId: row.case_id, exhibitId: row.exhibit_id };
}

function notFound(): AppError {
  return new AppError('NOT_FOUND', 'No such certificate.');
}
