import 'server-only';
/**
 * next-auth (v4) configuration: credentials sign-in, JWT sessions carrying the person's id,
 * role and session id (`sid`). Each sign-in opens a `user_sessions` row whose id the cookie
 * carries; every request that reads the session checks that row (lib/auth/check-session.ts) in
 * the `jwt` callback, which both getServerSession and /api/auth/session run — an ended,
 * expired, foreign or missing `sid` makes the request anonymous and clears the cookie where
 * next-auth can. Signing out ends the row (`events.signOut`), so a copied cookie stops working.
 * The role in the token is a hint for the UI only: the database says who and in which role.
 */
import { cookies } from 'next/headers';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { isDatabaseUnavailable } from '@/lib/db/database-unavailable';
import { withTransaction } from '@/lib/db/pool';
import { isTrustedProxy } from '@/lib/front/forwarded-headers';
import { authorizeCredentials } from './authorize-credentials';
import { sessionActor } from './cached-session-actor';
import { SESSION_HOURS } from './check-session';
import { clientAddressFromForwarded } from './client-address';
import { DEVICE_COOKIE, DEVICE_TOKEN_DAYS, issueDeviceToken } from './device-token';
import { endSession } from './end-sessions';
import { openSession } from './open-session';

/** Error strings the sign-in form understands (next-auth passes them through as `error`). */
export const SIGN_IN_ERROR = { invalid: 'INVALID_CREDENTIALS', rateLimited: 'RATE_LIMITED' } as const;

/** Thrown by the `jwt` callback for a session that no longer stands; next-auth then clears the cookie. */
export class SessionEndedError extends Error {
  constructor() {
    super('The session has ended or expired; sign in again.');
    this.name = 'SessionEndedError';
  }
}

function header(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = headers?.[name];
  return typeof value === 'string' ? value : undefined;
}

function cookieFromHeader(cookieHeader: string | undefined, name: string): string | undefined {
  for (const part of cookieHeader?.split(';') ?? []) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

const secureCookies = () => process.env.NEXTAUTH_URL?.startsWith('https://') ?? false;

/** Gives the browser a fresh device token after a successful sign-in (lib/auth/device-token.ts). */
async function rememberDevice(email: string): Promise<void> {
  const token = issueDeviceToken(email);
  if (!token) return;
  (await cookies()).set(DEVICE_COOKIE, token, {
    // Sent only to next-auth's endpoints, where sign-in happens; never readable by scripts.
    path: '/api/auth',
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookies(),
    maxAge: DEVICE_TOKEN_DAYS * 86_400,
  });
}

export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: SESSION_HOURS * 3600 },
  pages: { signIn: '/sign-in', error: '/sign-in' },
  providers: [
    CredentialsProvider({
      name: 'credentials',
      credentials: { email: { type: 'email' }, password: { type: 'password' } },
      async authorize(credentials, req) {
        const headers = req?.headers as Record<string, unknown> | undefined;
        const result = await authorizeCredentials(credentials, {
          clientAddress: clientAddressFromForwarded(headers?.['x-forwarded-for'], isTrustedProxy),
          deviceToken: cookieFromHeader(header(headers, 'cookie'), DEVICE_COOKIE),
        });
        if (result.ok) {
          // A browser that cannot be remembered still signs in; it is just not exempt next time.
          await rememberDevice(result.actor.email).catch((error: unknown) => {
            console.error('verity: could not set the device cookie', error);
          });
          return { id: result.actor.id, email: result.actor.email, name: result.actor.name, role: result.actor.role };
        }
        // Thrown messages reach the client as `error`; the form maps them to words.
        if (result.code === 'RATE_LIMITED') throw new Error(`${SIGN_IN_ERROR.rateLimited}:${result.retryAfterSeconds}`);
        throw new Error(SIGN_IN_ERROR.invalid);
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        // Sign-in: the server's record of this session, which sign-out and the admin can end.
        token.sub = user.id;
        token.role = user.role;
        token.sid = await openSession(user.id);
        return token;
      }
      let actor: Awaited<ReturnType<typeof sessionActor>>;
      try {
        actor = await sessionActor(token.sub, token.sid);
      } catch (error) {
        // The database is away: the session can be neither confirmed nor ended. Throwing would make
        // next-auth clear the cookie (an outage would sign everyone out); the token passes unconfirmed
        // here, and getCurrentUser, which asks again, fails the same way: 503, never a session accepted.
        if (isDatabaseUnavailable(error)) return token;
        throw error;
      }
      if (!actor) throw new SessionEndedError();
      token.role = actor.role;
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) {
        session.user.id = token.sub;
        session.user.role = token.role;
        session.user.sid = token.sid;
      }
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      // The cookie is cleared by next-auth; the row is what makes a copy of it worthless.
      if (typeof token?.sid === 'string' && /^[0-9a-f-]{36}$/i.test(token.sid)) {
        await withTransaction((client) => endSession(client, token.sid as string));
      }
    },
  },
  logger: {
    error(code, metadata) {
      // A session that ended is an ordinary event (the person is simply signed out), not an error.
      if (metadata instanceof SessionEndedError) return;
      console.error(`[next-auth][error][${code}]`, metadata);
    },
    warn(code) {
      console.warn(`[next-auth][warn][${code}]`);
    },
  },
};
