import 'server-only';
/** The server's record of a session, opened at sign-in (see check-session.ts for what keeps it standing). */
import { getDb } from '@/lib/db/client';
import { SESSION_HOURS } from './check-session';

/** Opens the server's record of a new session at sign-in; its id goes into the cookie as `sid`. */
export async function openSession(userId: string, now: Date = new Date()): Promise<string> {
  const row = await getDb().userSession.create({
    data: { userId, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000) },
    select: { id: true },
  });
  return row.id;
}
