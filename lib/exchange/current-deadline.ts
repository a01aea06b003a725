import 'server-only';
/** The deadline for opinions in force in a case: the latest one a clerk set (null: none, or removed). */
import type pg from 'pg';

export async function currentDeadline(client: pg.Pool | pg.ClientBase, caseId: string): Promise<Date | null> {
  const { rows } = await client.query<{ deadline: Date | null }>(
    `SELECT deadline FROM exchange_deadlines WHERE case_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
    [caseId],
  );
  return rows[0]?.deadline ?? null;
}
