import 'server-only';
/**
 * Absolute links for e-mail, on the portal's public URL (NEXTAUTH_URL, which `npm start` always
 * sets; http://localhost:$PORT when it is not, as `npm start` would default it).
 */
import { publicOrigin } from '@/lib/certificates/check-url';

export function portalUrl(path: string): string {
  let origin: string;
  try {
    origin = publicOrigin();
  } catch {
    origin = `http://localhost:${process.env.PORT || '3000'}`;
  }
  return `${origin}${path.startsWith('/') ? path : `/${path}`}`;
}
