import 'server-only';
/**
 * Registers a public key an organisation signs its deposits with. The key is checked to be a
 * real Ed25519 or SM2 public key first (depositor-public-key.ts). A key can be registered to an
 * organisation once: a revoked key stays revoked rather than coming back under a new label.
 */
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { DEPOSITOR_KEY_ALGORITHMS, publicKeyProblem } from './depositor-public-key';
import { prismaErrorCode } from './prisma-error-code';
import { requireAdmin } from './require-admin';
import { ZDisplayText, ZId } from './schemas';
import { type DepositorKeySummary, depositorKeySelect } from './summaries';

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
    const row = await getDb().depositorKey.create({
      // A copy, so that a caller reusing its buffer cannot change what was checked.
      data: { orgId, algorithm, publicKey: new Uint8Array(publicKey), label },
      select: depositorKeySelect,
    });
    return { ...row, algorithm };
  } catch (error) {
    const code = prismaErrorCode(error);
    if (code === 'P2002') {
      throw new AppError('CONFLICT', 'This public key is already registered to this organisation (possibly revoked).');
    }
    if (code === 'P2003') throw new AppError('NOT_FOUND', `No depositor organisation has the id ${orgId}.`);
    throw error;
  }
}
