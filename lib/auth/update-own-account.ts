import 'server-only';
/**
 * A person changes their own name and the language of the portal's e-mail to them (the account
 * page). Their e-mail address and role are the administrator's to change. Recorded in the audit
 * log with the old and new values: the name appears in case records.
 */
import { z } from 'zod';
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import { withTransaction } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { LOCALES } from '@/lib/i18n/config';
import { plainText } from '@/lib/text/plain-text';
import type { Actor } from './actor';

export const ZOwnAccount = z.object({
  name: z
    .string({ error: 'name is required' })
    .trim()
    .min(1, { error: 'enter your name' })
    .max(200, { error: 'a name has at most 200 characters' })
    .superRefine(plainText('a name')),
  locale: z.enum(LOCALES, { error: `locale must be one of ${LOCALES.join(', ')}` }),
});
export type OwnAccount = z.output<typeof ZOwnAccount>;

/** Saves the name and e-mail language; returns what is stored and whether anything changed. */
export async function updateOwnAccount(actor: Actor, input: unknown): Promise<OwnAccount & { changed: boolean }> {
  const next = parseInput(ZOwnAccount, input);
  return withTransaction(async (client) => {
    const { rows } = await client.query<OwnAccount>(
      'SELECT name, locale FROM users WHERE id = $1 AND disabled_at IS NULL FOR UPDATE',
      [actor.id],
    );
    const before = rows[0];
    if (!before) throw new AppError('NOT_FOUND', 'Your account no longer exists or is disabled.');
    if (before.name === next.name && before.locale === next.locale) return { ...next, changed: false };
    await client.query('UPDATE users SET name = $2, locale = $3 WHERE id = $1', [actor.id, next.name, next.locale]);
    await appendAuditEvent(client, {
      action: 'account.updated',
      actorId: actor.id,
      caseId: null,
      subjectId: actor.id,
      details: { before, after: next },
    });
    return { ...next, changed: true };
  });
}
