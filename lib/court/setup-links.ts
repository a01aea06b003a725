import 'server-only';
/**
 * The setup link of a court's first start. `npm start` (and `npx verity admin setup`) call
 * `issueSetupLinkIfEmpty` on a database without any court: it issues a new one-time token and
 * ends any earlier one, so only the link printed last works. On a database that has a court it
 * issues nothing and answers null: the court is set up, and no link is printed.
 */
import type pg from 'pg';
import { newOneTimeToken } from './one-time-token';

/** Setup is serialised by this transaction-scoped advisory lock (issuing, completing, the CLI). */
export const SETUP_LOCK = 7_406_110_330n;

/** Issues a setup token in the caller's transaction (ending every unused earlier one). */
export async function issueSetupToken(client: pg.ClientBase): Promise<string> {
  const { token, hash } = newOneTimeToken();
  await client.query('UPDATE setup_tokens SET used_at = now() WHERE used_at IS NULL');
  await client.query('INSERT INTO setup_tokens (token_hash) VALUES ($1)', [hash]);
  return token;
}

/** A new setup token when the database has no court yet; null when a court is set up. */
export async function issueSetupLinkIfEmpty(client: pg.ClientBase): Promise<string | null> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SETUP_LOCK.toString()]);
    const { rows } = await client.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM courts) AS any');
    const token = rows[0]?.any ? null : await issueSetupToken(client);
    await client.query('COMMIT');
    return token;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/** The link people open: `<public URL>/setup/<token>`. */
export function setupLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/setup/${token}`;
}
