import 'server-only';
/** Registers an organisation that may deposit to the ledger (it gets API keys and signing keys next). */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { withTransaction } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { auditDepositorChange, isPgError } from './audit-depositor-change';
import { requireAdmin } from './require-admin';
import { ZDisplayText } from './schemas';
import type { DepositorOrgSummary } from './summaries';

export const ZCreateDepositorOrg = z.object({ name: ZDisplayText('name') });
export type CreateDepositorOrgOptions = z.input<typeof ZCreateDepositorOrg>;

export function orgNameTaken(name: string): AppError {
  return new AppError('CONFLICT', `A depositor organisation named "${name}" already exists; choose another name.`, {
    reason: 'ORG_NAME_TAKEN',
  });
}

export async function createDepositorOrg(
  actor: Actor,
  options: CreateDepositorOrgOptions,
): Promise<DepositorOrgSummary> {
  requireAdmin(actor, 'register depositor organisations');
  const { name } = parseInput(ZCreateDepositorOrg, options);
  try {
    return await withTransaction(async (client) => {
      // The name appears in every deposit statement as the depositor, so it must be unique.
      const { rows } = await client.query<DepositorOrgSummary>(
        'INSERT INTO depositor_orgs (id, name) VALUES ($1, $2) RETURNING id, name, created_at AS "createdAt"',
        [randomUUID(), name],
      );
      const org = rows[0] as DepositorOrgSummary;
      await auditDepositorChange(client, actor, 'depositor.org_created', org.id, { name });
      return org;
    });
  } catch (error) {
    if (isPgError(error, '23505')) throw orgNameTaken(name);
    throw error;
  }
}
