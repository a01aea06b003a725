import 'server-only';
/** The client's address for the current request (server actions, route handlers): lib/auth/client-address.ts. */
import { headers } from 'next/headers';
import { isTrustedProxy } from '@/lib/front/forwarded-headers';
import { clientAddressFromForwarded } from './client-address';

export async function requestClientAddress(): Promise<string | undefined> {
  return clientAddressFromForwarded((await headers()).get('x-forwarded-for') ?? undefined, isTrustedProxy);
}
