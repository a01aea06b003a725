import 'server-only';
/**
 * The administrator's own court: its names, code and public URL, read and changed on the
 * settings page. A change is a custody-log event listing what changed.
 */
import { appendAuditEvent } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { getPool, withTransaction } from '@/lib/db/pool';
import { requireAdmin } from '@/lib/depositors/require-admin';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { type CourtSettingsInput, ZCourtSettings } from './court.schema';

export interface CourtSettingsView {
  id: string;
  nameZh: string;
  nameEn: string;
  code: string;
  publicUrl: string | null;
}

const COLUMNS = 'id, name_zh AS "nameZh", name_en AS "nameEn", code, public_url AS "publicUrl"';

function ownCourt(actor: Actor): string {
  requireAdmin(actor, "change the court's settings");
  if (!actor.courtId) throw new AppError('FORBIDDEN', 'This administrator account belongs to no court.');
  return actor.courtId;
}

export async function getCourtSettings(actor: Actor): Promise<CourtSettingsView> {
  const courtId = ownCourt(actor);
  const { rows } = await getPool().query<CourtSettingsView>(`SELECT ${COLUMNS} FROM courts WHERE id = $1`, [courtId]);
  if (!rows[0]) throw new AppError('NOT_FOUND', 'No such court.');
  return rows[0];
}

export async function updateCourtSettings(
  actor: Actor,
  input: CourtSettingsInput,
): Promise<{ court: CourtSettingsView; changed: string[] }> {
  const courtId = ownCourt(actor);
  const data = parseInput(ZCourtSettings, input);
  return withTransaction(async (client) => {
    const { rows: before } = await client.query<CourtSettingsView>(
      `SELECT ${COLUMNS} FROM courts WHERE id = $1 FOR UPDATE`,
      [courtId],
    );
    const old = before[0];
    if (!old) throw new AppError('NOT_FOUND', 'No such court.');
    const changed = (['nameZh', 'nameEn', 'code', 'publicUrl'] as const).filter((k) => old[k] !== data[k]);
    if (changed.length === 0) return { court: old, changed };
    if (changed.includes('code')) {
      const { rows } = await client.query('SELECT 1 FROM courts WHERE code = $1 AND id <> $2', [data.code, courtId]);
      if (rows.length > 0) {
        throw new AppError('CONFLICT', `A court with the code ${data.code} exists already.`, { reason: 'CODE_TAKEN' });
      }
    }
    const { rows } = await client.query<CourtSettingsView>(
      `UPDATE courts SET name_zh = $2, name_en = $3, code = $4, public_url = $5 WHERE id = $1 RETURNING ${COLUMNS}`,
      [courtId, data.nameZh, data.nameEn, data.code, data.publicUrl],
    );
    await appendAuditEvent(client, {
      action: 'court.updated',
      actorId: actor.id,
      caseId: null,
      subjectId: courtId,
      details: Object.fromEntries(changed.map((k) => [k, { from: old[k], to: data[k] }])),
    });
    return { court: rows[0] as CourtSettingsView, changed };
  });
}
