import 'server-only';
/** What the account page shows a person about their own account. */
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from './actor';

export interface OwnAccountView {
  email: string;
  name: string;
  /** The language of their e-mail: zh-CN or en. */
  locale: string;
}

export async function getOwnAccount(actor: Actor): Promise<OwnAccountView> {
  const row = await getDb().user.findFirst({
    where: { id: actor.id, disabledAt: null },
    select: { email: true, name: true, locale: true },
  });
  if (!row) throw new AppError('NOT_FOUND', 'Your account no longer exists or is disabled.');
  return row;
}
