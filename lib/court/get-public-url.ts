import 'server-only';
/**
 * The portal's public URL, the one every link in an e-mail and (through publicOrigin) the
 * address people are told uses: the court's setting (courts.public_url, set at setup and on the
 * court's settings page), else the configured NEXTAUTH_URL. With several courts in one database
 * (tests, demo), the court that was set up through a setup link, else the oldest with a URL.
 */
import { getPool } from '@/lib/db/pool';

/**
 * `courtId`: that court's URL, else NEXTAUTH_URL. `null`: a link about no court (an account
 * without one), NEXTAUTH_URL. Omitted: the installation's court as described above.
 */
export async function getPublicUrl(courtId?: string | null): Promise<string> {
  const configured =
    courtId === null ? process.env.NEXTAUTH_URL : ((await courtPublicUrl(courtId)) ?? process.env.NEXTAUTH_URL);
  if (!configured) throw new Error('getPublicUrl: no court has a public URL and NEXTAUTH_URL is not set');
  return configured.replace(/\/+$/, '');
}

async function courtPublicUrl(courtId: string | undefined): Promise<string | undefined> {
  const { rows } = await getPool().query<{ public_url: string }>(
    courtId
      ? 'SELECT public_url FROM courts WHERE id = $1 AND public_url IS NOT NULL'
      : `SELECT c.public_url FROM courts c
          WHERE c.public_url IS NOT NULL
          ORDER BY EXISTS (SELECT 1 FROM setup_tokens s WHERE s.court_id = c.id) DESC, c.created_at, c.id LIMIT 1`,
    courtId ? [courtId] : [],
  );
  return rows[0]?.public_url;
}
