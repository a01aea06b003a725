import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { StackedTable } from '@/components/ui/stacked-table';
import type { CaseSummary } from '@/lib/cases/list-cases-for-user';

export async function CaseTable({ cases }: { cases: CaseSummary[] }) {
  const t = await getTranslations('cases');
  const format = await getFormatter();
  const head = [t('caseNumber'), t('title'), t('causeOfAction'), t('myRole'), t('status'), t('filed')];
  const rows = cases.map((c) => ({
    key: c.id,
    cells: [
      <Link
        key="n"
        href={`/cases/${c.id}`}
        className="font-mono text-[0.95em] underline md:whitespace-nowrap"
        data-testid="case-link"
      >
        {c.caseNumber}
      </Link>,
      c.title,
      c.causeOfAction,
      c.myRoles.length > 0 ? c.myRoles.map((r) => t(`roles.${r}`)).join('、') : '—',
      t(`statuses.${c.status}`),
      format.dateTime(c.createdAt, { dateStyle: 'medium' }),
    ],
  }));
  return <StackedTable head={head} rows={rows} testId="case-table" wrap={[1, 2]} keep={[3, 4, 5]} />;
}
