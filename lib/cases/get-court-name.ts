import 'server-only';
import { getLocale } from 'next-intl/server';
import type { Actor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';

/** The name of the actor's own court, in the reader's language. */
export async function getCourtName(actor: Actor): Promise<string> {
  if (!actor.courtId) return '';
  const court = await getDb().court.findUnique({
    where: { id: actor.courtId },
    select: { nameZh: true, nameEn: true },
  });
  if (!court) return '';
  return (await getLocale()) === 'en' ? court.nameEn : court.nameZh;
}
