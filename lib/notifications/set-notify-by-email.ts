import 'server-only';
/** A person's own choice: also receive their notifications by e-mail, or not. */
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { getPool } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';

export async function setNotifyByEmail(actor: Actor, on: boolean): Promise<{ notifyByEmail: boolean }> {
  const value = parseInput(z.boolean(), on);
  const { rowCount } = await getPool().query(
    'UPDATE users SET notify_by_email = $2 WHERE id = $1 AND disabled_at IS NULL',
    [actor.id, value],
  );
  if (rowCount === 0) throw new AppError('UNAUTHENTICATED', 'Your account is not active: sign in again.');
  return { notifyByEmail: value };
}
