/** Test helpers for password-reset links: the mail a person was sent, and the token in its link. */
import { getDb } from '@/lib/db/client';

export const TEST_PUBLIC_URL = 'https://verity.court.example';

/** The password-reset e-mails queued to `email`, oldest first. */
export async function resetMailsTo(email: string) {
  return getDb().mailOutbox.findMany({
    where: { recipient: email.toLowerCase(), template: 'password-reset' },
    orderBy: { createdAt: 'asc' },
  });
}

/** The token of the newest reset link mailed to `email`. */
export async function latestResetToken(email: string): Promise<string> {
  const mail = (await resetMailsTo(email)).at(-1);
  const link = (mail?.params as { link?: string } | undefined)?.link;
  const token = link ? /\/reset-password\/([A-Za-z0-9_-]{43})\?/.exec(link)?.[1] : undefined;
  if (!token) throw new Error(`no reset link was mailed to ${email}`);
  return token;
}
