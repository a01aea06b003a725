import 'server-only';
/**
 * Whether a session cookie still stands: its `user_sessions` row (the cookie's `sid`) exists,
 * belongs to the cookie's person (`sub`), has not ended (signed out, or ended by a disable, a
 * role change or a password change) and has not expired, and the person's account is active.
 * Asked on every request that reads the session (lib/auth/auth-options.ts `jwt` callback, which
 * getServerSession and /api/auth/session both run, and getCurrentUser). A cookie without `sid`
 * — issued before sessions could end — is refused: its person signs in again.
 */
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import type { Actor } from './actor';

/** How long a session lasts from sign-in: one court working day. The cookie's JWT says the same. */
export const SESSION_HOURS = 8;

const ZSessionClaims = z.object({ sub: z.uuid(), sid: z.uuid() });

/** The person of a standing session, re-read from the database; null when the session does not stand. */
export async function checkSession(
  claims: { sub?: unknown; sid?: unknown },
  now: Date = new Date(),
): Promise<Actor | null> {
  const parsed = ZSessionClaims.safeParse({ sub: claims.sub, sid: claims.sid });
  if (!parsed.success) return null;
  const row = await getDb().userSession.findFirst({
    where: {
      id: parsed.data.sid,
      userId: parsed.data.sub,
      endedAt: null,
      expiresAt: { gt: now },
      user: { disabledAt: null },
    },
    select: {
      user: { select: { id: true, email: true, name: true, role: true, courtId: true, depositorOrgId: true } },
    },
  });
  return row?.user ?? null;
}
