import 'server-only';
/**
 * Reading the court's identity-system configuration: the administrator's view (never the
 * secret, only whether one is stored and readable), and what the sign-in page and the next-auth
 * route need (the secret decrypted, only when sign-in through the provider is on).
 */
import type { Actor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import { openClientSecret } from './client-secret-box';

export interface OidcConfigView {
  enabled: boolean;
  issuer: string;
  clientId: string;
  emailClaim: string;
  displayNameZh: string;
  displayNameEn: string;
  /** False when the stored secret cannot be decrypted (NEXTAUTH_SECRET changed): enter it again. */
  secretReadable: boolean;
  updatedAt: Date;
}

/** What next-auth needs to build the provider. */
export interface OidcClientConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  emailClaim: string;
  displayNameZh: string;
  displayNameEn: string;
}

async function readRow() {
  return getDb().oidcConfig.findUnique({ where: { id: true } });
}

/** The configuration as the admin page shows it; null before anything was configured. Administrators only. */
export async function getOidcConfig(actor: Actor): Promise<OidcConfigView | null> {
  if (actor.role !== 'admin') {
    throw new AppError('FORBIDDEN', "Only administrators may read the court's sign-in configuration.");
  }
  const row = await readRow();
  if (!row) return null;
  return {
    enabled: row.enabled,
    issuer: row.issuer,
    clientId: row.clientId,
    emailClaim: row.emailClaim,
    displayNameZh: row.displayNameZh,
    displayNameEn: row.displayNameEn,
    secretReadable: openClientSecret(row.clientSecretEnc) !== null,
    updatedAt: row.updatedAt,
  };
}

/**
 * The provider to offer on the sign-in page and in the next-auth route, or null when sign-in
 * through it is off, not configured, or its secret is unreadable. Public: no actor (it runs
 * before anyone is signed in), and the secret never leaves the server.
 */
export async function loadOidcClientConfig(): Promise<OidcClientConfig | null> {
  const row = await readRow();
  if (!row?.enabled) return null;
  const clientSecret = openClientSecret(row.clientSecretEnc);
  if (clientSecret === null) return null;
  return {
    issuer: row.issuer,
    clientId: row.clientId,
    clientSecret,
    emailClaim: row.emailClaim,
    displayNameZh: row.displayNameZh,
    displayNameEn: row.displayNameEn,
  };
}

/** The button's name for the sign-in page, in both languages; null when the provider is not offered. */
export async function getOidcSignInOption(): Promise<{ displayNameZh: string; displayNameEn: string } | null> {
  const config = await loadOidcClientConfig();
  return config ? { displayNameZh: config.displayNameZh, displayNameEn: config.displayNameEn } : null;
}
