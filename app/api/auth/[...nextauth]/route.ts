import type { NextRequest } from 'next/server';
import NextAuth from 'next-auth';
import { authOptionsForRequest } from '@/lib/auth/oidc/auth-options-for-request';
import { errorResponse } from '@/lib/errors/http';

// Options per request: the court's identity system, when configured, is read from the database
// (lib/auth/oidc/auth-options-for-request.ts).
async function handler(request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  let options: Awaited<ReturnType<typeof authOptionsForRequest>>;
  try {
    options = await authOptionsForRequest();
  } catch (error) {
    // The database is away (503 with Retry-After, lib/errors/http.ts), rather than an empty 500.
    return errorResponse(error);
  }
  return NextAuth(request, context, options);
}

export { handler as GET, handler as POST };
