import 'server-only';
/**
 * next-auth (v4) configuration: credentials sign-in, JWT sessions carrying the user's id and
 * role. The role in the token is a hint for the UI only: every request re-reads the user
 * from the database (lib/auth/session.ts), so a disabled account or changed role takes
 * effect at once.
 */
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { authorizeCredentials } from './authorize-credentials';
import { clientAddressFromForwarded } from './client-address';

const SESSION_HOURS = 8; // one court working day

/** Error strings the sign-in form understands (next-auth passes them through as `error`). */
export const SIGN_IN_ERROR = { invalid: 'INVALID_CREDENTIALS', rateLimited: 'RATE_LIMITED' } as const;

function clientAddress(headers: Record<string, unknown> | undefined): string | undefined {
  return clientAddressFromForwarded(headers?.['x-forwarded-for'], process.env.VERITY_TRUST_PROXY === 'true');
}

export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: SESSION_HOURS * 3600 },
  pages: { signIn: '/sign-in', error: '/sign-in' },
  providers: [
    CredentialsProvider({
      name: 'credentials',
      credentials: { email: { type: 'email' }, password: { type: 'password' } },
      async authorize(credentials, req) {
        const result = await authorizeCredentials(credentials, { clientAddress: clientAddress(req?.headers) });
        if (result.ok)
          return { id: result.actor.id, email: result.actor.email, name: result.actor.name, role: result.actor.role };
        // Thrown messages reach the client as `error`; the form maps them to words.
        if (result.code === 'RATE_LIMITED') throw new Error(`${SIGN_IN_ERROR.rateLimited}:${result.retryAfterSeconds}`);
        throw new Error(SIGN_IN_ERROR.invalid);
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) {
        session.user.id = token.sub;
        session.user.role = token.role;
      }
      return session;
    },
  },
};
