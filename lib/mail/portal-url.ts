import 'server-only';
/**
 * Absolute links for e-mail, on the portal's public URL: the court's setting, else NEXTAUTH_URL
 * (getPublicUrl), which `npm start` always sets.
 */
import { getPublicUrl } from '@/lib/court/get-public-url';

/** `courtId`: the court the link is about (its public URL); null: none, the configured URL. */
export async function portalUrl(path: string, courtId: string | null): Promise<string> {
  return `${await getPublicUrl(courtId)}${path.startsWith('/') ? path : `/${path}`}`;
}
