import 'server-only';
import { randomUUID } from 'node:crypto';
/**
 * Registers a public key an organisation signs its deposits with. The key is checked to be a
 * real Ed25519 or SM2 public key first (depositor-public-key.ts). A key can be registered to an
 * organisation once: a revoked key stays revoked rather than coming back under a new label.
 */
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { withTransaction } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { auditDepositorChange, isPgError } from './audit-depositor-change';
import { DEPOSITOR_KEY_ALGORITHMS, publicKeyProblem } from './depositor-public-key';
import { requireAdmin } from './require-admin';
import { ZDisplayText, ZId } from './schemas';
import type { DepositorKeySummary } from './summaries';

export const ZRegisterDepositorKey = z
  .object({
    orgId: ZId('orgId'),
    algorithm: z.enum(DEPOSITOR_KEY_ALGORITHMS, { message: 'algorithm must be "ed25519" or "sm2"' }),
    // z.custom, not z.instanceof: any Uint8Array (a Buffer, a view on a shared buffer) is bytes enough.
    publicKey: z.custom<Uint8Array>((v) => v instanceof Uint8Array, {
      message: 'publicKey must be bytes (a Uint8Array)',
    }),
    label: ZDisplayText('label'),
  })
  .superRefine((o, ctx) => {
    const problem = publicKeyProblem(o.algorithm, o.publicKey);
    if (problem) ctx.addIssue({ code: 'custom', path: ['publicKey'], message: problem });
  });
export type RegisterDepositorKeyOptions = z.input<typeof ZRegisterDepositorKey>;

export async function registerDepositorKey(
  actor: Actor,
  options: RegisterDepositorKeyOptions,
): Promise<DepositorKeySummary> {
  requireAdmin(actor, 'register depositor signing keys');
  const { orgId, algorithm, publicKey, label } = parseInput(ZRegisterDepositorKey, options);
  try {
    return await withTransaction(async (client) => {
      // A copy, so that a caller reusing its buffer cannot change what was checked.
      const { rows } = await client.query<Omit<DepositorKeySummary, 'algorithm'>>(
        `INSERT INTO depositor_keys (id, org_id, algorithm, public_key, label) VALUES ($1, $2, $3, $4, $5)
         RETURNING id, org_id AS "orgId", label, created_at AS "createdAt", revoked_at AS "revokedAt"`,
        [randomUUID(), orgId, algorithm, Buffer.from(publicKey), label],
      );
      const row = rows[0] as Omit<DepositorKeySummary, 'algorithm'>;
      await auditDepositorChange(client, actor, 'depositor.signing_key_registered', row.id, {
        orgId,
        algorithm,
        label,
      });
      return { ...row, algorithm };
    });
  } catch (error) {
    if (isPgError(error, '23505')) {
      throw new AppError('CONFLICT', 'This public key is already registered to this organisation (possibly revoked).', {
        reason: 'KEY_TAKEN',
      });
    }
    if (isPgError(error, '23503')) throw new AppError('NOT_FOUND', `No depositor organisation has the id ${orgId}.`);
    throw error;
  }
}
