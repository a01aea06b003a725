import 'server-only';
/**
 * The signed-in user for server components, route handlers and actions. The session
 * cookie only says who and which session; the database says, on every request, whether that
 * session still stands (not signed out, not ended by a disable, role or password change, not
 * expired: lib/auth/check-session.ts) and the account is active, and in which role.
 */
import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { getServerSession } from 'next-auth';
import { cache } from 'react';
import type { Role } from '@/lib/db/generated/enums';
import type { Actor } from './actor';
import { authOptions } from './auth-options';
import { sessionActor } from './cached-session-actor';

export const getCurrentUser = cache(async (): Promise<Actor | null> => {
  // getServerSession runs the jwt callback, which refuses a session that no longer stands.
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) return null;
  return sessionActor(session.user.id, session.user.sid);
});

/** The id of the current session's user_sessions row, for ending the person's other sessions. */
export async function getCurrentSessionId(): Promise<string | null> {
  const session = await getServerSession(authOptions);
  return (await getCurrentUser()) && session?.user?.sid ? session.user.sid : null;
}

/** The current user, or a redirect to sign-in that comes back to this page afterwards. */
export async function requireUser(): Promise<Actor> {
  const user = await getCurrentUser();
  if (user) return user;
  const path = (await headers()).get('x-verity-path') ?? '/home';
  redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
}

/** The current user if their role is one of `roles`; otherwise the 403 page. */
export async function requireRole(...roles: Role[]): Promise<Actor> {
  const user = await requireUser();
  if (!roles.includes(user.role)) forbidden();
  return user;
}
