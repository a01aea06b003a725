import 'server-only';
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
/**
 * An administrator configures sign-in through the court's identity system: issuer, client ID and
 * secret, the claim that carries the e-mail address, the button's name, on or off. The secret is
 * encrypted before it is written (client-secret-box.ts); an empty secret keeps the stored one.
 * The change and its custody-log event commit together; the event names what changed, never the
 * secret.
 */
import type { Actor } from '@/lib/auth/actor';
import { withTransaction } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { parseInput, validationFailed } from '@/lib/errors/zod-issues';
import { openClientSecret, sealClientSecret } from './client-secret-box';
import { getOidcConfig, type OidcConfigView } from './get-oidc-config';
import { type SetOidcConfigOptions, ZSetOidcConfig } from './oidc-config.schema';

export type { SetOidcConfigOptions };

const UPSERT_SQL = `
  INSERT INTO oidc_config (id, enabled, issuer, client_id, client_secret_enc, email_claim, display_name_zh,
                           display_name_en, updated_at, updated_by)
  VALUES (true, $1, $2, $3, $4, $5, $6, $7, now(), $8)
  ON CONFLICT (id) DO UPDATE SET enabled = $1, issuer = $2, client_id = $3, client_secret_enc = $4,
    email_claim = $5, display_name_zh = $6, display_name_en = $7, updated_at = now(), updated_by = $8`;

export async function setOidcConfig(actor: Actor, options: SetOidcConfigOptions): Promise<OidcConfigView> {
  if (actor.role !== 'admin') {
    throw new AppError('FORBIDDEN', "Only administrators may configure the court's sign-in.");
  }
  const input = parseInput(ZSetOidcConfig, options);
  await withTransaction(async (client) => {
    // Locks the row (when there is one) so two administrators saving at once take turns.
    const { rows } = await client.query<{ client_secret_enc: Buffer }>(
      'SELECT client_secret_enc FROM oidc_config WHERE id FOR UPDATE',
    );
    const stored = rows[0]?.client_secret_enc;
    let sealed: Uint8Array;
    if (input.clientSecret !== undefined) sealed = sealClientSecret(input.clientSecret);
    else if (stored && openClientSecret(stored) !== null) sealed = stored;
    else {
      throw validationFailed([
        {
          path: 'clientSecret',
          message: stored
            ? 'clientSecret must be entered again: the stored one can no longer be decrypted'
            : 'clientSecret must not be empty: no secret is stored yet',
        },
      ]);
    }
    await client.query(UPSERT_SQL, [
      input.enabled,
      input.issuer,
      input.clientId,
      Buffer.from(sealed),
      input.emailClaim,
      input.displayNameZh,
      input.displayNameEn,
      actor.id,
    ]);
    await appendAuditEvent(client, {
      action: 'oidc.configured',
      actorId: actor.id,
      caseId: null,
      details: {
        enabled: input.enabled,
        issuer: input.issuer,
        clientId: input.clientId,
        emailClaim: input.emailClaim,
        displayNameZh: input.displayNameZh,
        displayNameEn: input.displayNameEn,
        secretChanged: input.clientSecret !== undefined,
      },
    });
  });
  const view = await getOidcConfig(actor);
  if (!view) throw new Error('the sign-in configuration just written is missing');
  return view;
}
