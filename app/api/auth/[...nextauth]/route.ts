import type { NextRequest } from 'next/server';
import NextAuth from 'next-auth';
import { authOptionsForRequest } from '@/lib/auth/oidc/auth-options-for-request';

// Options per request: the court's identity system, when configured, is read from the database
// (lib/auth/oidc/auth-options-for-request.ts).
async function handler(request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(request, context, await authOptionsForRequest());
}

export { handler as GET, handler as POST };
