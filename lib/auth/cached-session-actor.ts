import 'server-only';
/**
 * checkSession once per request: next-auth's `jwt` callback (inside getServerSession) and
 * getCurrentUser both ask, with the same claims, while one page renders.
 */
import { cache } from 'react';
import type { Actor } from './actor';
import { checkSession } from './check-session';

const checkOnce = cache((sub: string, sid: string): Promise<Actor | null> => checkSession({ sub, sid }));

export function sessionActor(sub: unknown, sid: unknown): Promise<Actor | null> {
  if (typeof sub !== 'string' || typeof sid !== 'string') return Promise.resolve(null);
  return checkOnce(sub, sid);
}
