import 'server-only';
/**
 * The signed-in user for server components, route handlers and actions. The session
 * cookie only says who; the database says whether the account is still active and in
 * which role, on every request.
 */
import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { getServerSession } from 'next-auth';
import { cache } from 'react';
import { getDb } from '@/lib/db/client';
import type { Role } from '@/lib/db/generated/enums';
import type { Actor } from './actor';
import { authOptions } from './auth-options';

export const getCurrentUser = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  const user = await getDb().user.findFirst({
    where: { id, disabledAt: null },
    select: { id: true, email: true, name: true, role: true, courtId: true, depositorOrgId: true },
  });
  return user;
});

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
