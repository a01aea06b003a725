import { getTranslations } from 'next-intl/server';
import { getCurrentUser } from '@/lib/auth/session';
import { pageTitleFacts, shortTitle } from '@/lib/cases/page-title-facts';

export type CasePageKind = 'case' | 'exhibit' | 'custody' | 'manage';

/**
 * The <title> of a case's pages, naming the case (and exhibit) for a person who may see it —
 * "第 3 号证据 · 采购合同 · （2026）京0491民初1234号" — and only the kind of page for anyone else
 * (the page itself then answers 404). The root layout adds " · Verity".
 */
export async function casePageTitle(kind: CasePageKind, caseId: string, exhibitId?: string): Promise<string> {
  const t = await getTranslations('custody.titles');
  const facts = await pageTitleFacts(await getCurrentUser(), caseId, exhibitId, kind === 'manage' ? 'manage' : 'view');
  if (!facts) return t(`generic.${kind}`);
  const caseNumber = facts.caseNumber;
  if (kind === 'exhibit' && facts.exhibit) {
    return t('exhibit', { number: facts.exhibit.number, title: shortTitle(facts.exhibit.title), caseNumber });
  }
  return t(kind === 'exhibit' ? 'case' : kind, { caseNumber });
}
