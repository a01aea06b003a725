import 'server-only';
/**
 * Ending sessions on the server (table user_sessions). Signing out ends one session; disabling a
 * person, changing their role or resetting or changing their password ends all of theirs, in
 * the same transaction as that change, so a copied session cookie stops working at once.
 */
import type pg from 'pg';

export type SessionEndReason = 'signed_out' | 'disabled' | 'role_changed' | 'password_changed';

/** Ends every open session of `userId` except `keepSessionId` (a person changing their own password stays signed in there). Returns how many ended. */
export async function endSessionsOf(
  client: pg.ClientBase,
  userId: string,
  reason: Exclude<SessionEndReason, 'signed_out'>,
  keepSessionId?: string,
): Promise<number> {
  const { rowCount } = await client.query(
    `UPDATE user_sessions SET ended_at = now(), end_reason = $2
      WHERE user_id = $1 AND ended_at IS NULL AND ($3::uuid IS NULL OR id <> $3::uuid)`,
    [userId, reason, keepSessionId ?? null],
  );
  return rowCount ?? 0;
}

/** Ends one session (signing out). False when it had already ended or does not exist. */
export async function endSession(client: pg.ClientBase, sessionId: string): Promise<boolean> {
  const { rowCount } = await client.query(
    `UPDATE user_sessions SET ended_at = now(), end_reason = 'signed_out' WHERE id = $1 AND ended_at IS NULL`,
    [sessionId],
  );
  return (rowCount ?? 0) > 0;
}
