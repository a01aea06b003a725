import type { Role } from '@/lib/db/generated/enums';

declare module 'next-auth' {
  interface User {
    role: Role;
  }
  interface Session {
    user?: { id: string; role: Role; sid?: string; name?: string | null; email?: string | null };
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    role: Role;
    /** The session's row in user_sessions (lib/auth/check-session.ts); absent in cookies issued before it existed. */
    sid?: string;
  }
}
