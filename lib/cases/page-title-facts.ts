import 'server-only';
/**
 * What a page's title may name — the case number, an exhibit's number and title — for the person
 * asking, or null when they may not see the case or exhibit (the title then says nothing more
 * than the page's kind, so a title cannot leak what the page would refuse). Reads only: unlike
 * getExhibit it records no view, since Next.js asks for the title as well as the page.
 */
import type { Actor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { isAppError } from '@/lib/errors/app-error';
import { requireCaseAccess } from './access';

export interface PageTitleFacts {
  caseNumber: string;
  exhibit: { number: number; title: string } | null;
}

export async function pageTitleFacts(
  actor: Actor | null,
  caseId: string,
  exhibitId?: string,
  /** What the page lets its reader do: a manage page names the case only to those who may manage it. */
  action: 'view' | 'manage' = 'view',
): Promise<PageTitleFacts | null> {
  if (!actor) return null;
  try {
    const access = await requireCaseAccess(actor, caseId, action);
    if (exhibitId === undefined) return { caseNumber: access.caseNumber, exhibit: null };
    const exhibit = /^[0-9a-f-]{36}$/i.test(exhibitId)
      ? await getDb().exhibit.findFirst({
          // Scoped to the case the person may see: another case's exhibit under this URL is nothing.
          where: { id: exhibitId, caseId: access.caseId },
          select: { number: true, title: true },
        })
      : null;
    return exhibit ? { caseNumber: access.caseNumber, exhibit } : null;
  } catch (error) {
    if (isAppError(error, 'NOT_FOUND') || isAppError(error, 'FORBIDDEN')) return null;
    throw error;
  }
}

/** `text` cut to `max` characters (code points) with one "…", for a title that must stay short. */
export function shortTitle(text: string, max = 40): string {
  const chars = [...text.trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}
