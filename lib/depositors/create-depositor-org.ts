import 'server-only';
/** Registers an organisation that may deposit to the ledger (it gets API keys and signing keys next). */
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { prismaErrorCode } from './prisma-error-code';
import { requireAdmin } from './require-admin';
import { ZDisplayText } from './schemas';
import { type DepositorOrgSummary, depositorOrgSelect } from './summaries';

export const ZCreateDepositorOrg = z.object({ name: ZDisplayText('name') });
export type CreateDepositorOrgOptions = z.input<typeof ZCreateDepositorOrg>;

export async function createDepositorOrg(
  actor: Actor,
  options: CreateDepositorOrgOptions,
): Promise<DepositorOrgSummary> {
  requireAdmin(actor, 'register depositor organisations');
  const { name } = parseInput(ZCreateDepositorOrg, options);
  try {
    // The name appears in every deposit statement as the depositor, so it must be unique.
    return await getDb().depositorOrg.create({ data: { name }, select: depositorOrgSelect });
  } catch (error) {
    if (prismaErrorCode(error) === 'P2002') {
      throw new AppError('CONFLICT', `A depositor organisation named "${name}" already exists; choose another name.`);
    }
    throw error;
  }
}
