/**
 * The first start of a real court: on a database without any court (and without demo data),
 * `npm start` prints a one-time setup link. A new link on every such start, each ending the one
 * before; nothing is printed once a court exists. See lib/court/setup-links.ts.
 */
import pg from 'pg';
import { issueSetupLinkIfEmpty, setupLink } from '../../lib/court/setup-links';

/** The setup link to print, or null when the court is set up. */
export async function setupLinkIfEmpty(databaseUrl: string, publicUrl: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const token = await issueSetupLinkIfEmpty(client);
    return token ? setupLink(publicUrl, token) : null;
  } finally {
    await client.end();
  }
}
