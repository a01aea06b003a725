import 'server-only';
/** A person marks one of their notifications read, or all of them. Someone else's is NOT_FOUND. */
import type { Actor } from '@/lib/auth/actor';
import { isUuid } from '@/lib/cases/access';
import { getPool } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';

export async function markNotificationRead(actor: Actor, notificationId: string): Promise<void> {
  if (typeof notificationId !== 'string' || !isUuid(notificationId)) throw notFound();
  // Already read stays read at its first time.
  const { rowCount } = await getPool().query(
    'UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2',
    [notificationId, actor.id],
  );
  if (rowCount === 0) throw notFound();
}

/** Returns how many were unread. */
export async function markAllNotificationsRead(actor: Actor): Promise<{ marked: number }> {
  const { rowCount } = await getPool().query(
    'UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL',
    [actor.id],
  );
  return { marked: rowCount ?? 0 };
}

function notFound(): AppError {
  return new AppError('NOT_FOUND', 'No such notification.');
}
