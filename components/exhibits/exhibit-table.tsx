import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { StackedTable } from '@/components/ui/stacked-table';
import type { ExhibitSummary } from '@/lib/exhibits/list-case-exhibits';
import { VerdictBadge } from './verdict-badge';

/** The judge's overview of a case's evidence: one row per exhibit, the verdict first. */
export async function ExhibitTable({ caseId, exhibits }: { caseId: string; exhibits: ExhibitSummary[] }) {
  const t = await getTranslations('exhibits');
  const format = await getFormatter();
  const head = [
    t('table.number'),
    t('table.title'),
    t('table.submittedBy'),
    t('table.verdict'),
    t('table.deposit'),
    t('table.signature'),
    t('table.determination'),
  ];
  const rows = exhibits.map((e) => ({
    key: e.id,
    cells: [
      <span key="n" className="tabular-nums whitespace-nowrap">
        {t('numberLabel', { number: e.number })}
      </span>,
      <span key="t">
        <Link href={`/cases/${caseId}/exhibits/${e.id}`} className="font-semibold underline" data-testid="exhibit-link">
          {e.title}
        </Link>
        {e.kind === 'hash_only' ? (
          <span className="ml-2 inline-block border border-amber-800 px-1 text-sm whitespace-nowrap text-amber-950">
            {t('hashOnly.tag')}
          </span>
        ) : null}
        {e.fileName ? <span className="block text-sm text-slate-600">{e.fileName}</span> : null}
      </span>,
      <span key="s">
        {e.submitter.name}
        <span className="block text-sm text-slate-600">{t(`party.${e.partyRole}`)}</span>
      </span>,
      <span key="v" data-testid="exhibit-verdict">
        <VerdictBadge verdict={e.verdict} />
      </span>,
      e.deposit ? (
        <span key="d">
          {format.dateTime(new Date(e.deposit.depositedAt), { dateStyle: 'medium', timeStyle: 'short' })}
          <span className="block text-sm text-slate-600">{e.deposit.depositor.name}</span>
        </span>
      ) : (
        '—'
      ),
      e.deposit ? t(`signature.${e.deposit.signature ? e.deposit.signature.keyStatus : 'none'}`) : '—',
      e.determination ? (
        <span key="j" data-determination={e.determination.outcome}>
          {t(`determination.outcome.${e.determination.outcome}`)}
        </span>
      ) : (
        t('determination.none')
      ),
    ],
  }));
  return <StackedTable head={head} rows={rows} testId="exhibit-table" wrap={[1, 2, 4]} keep={[0, 5, 6]} />;
}
