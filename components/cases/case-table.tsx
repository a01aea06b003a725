import { getFormatter, getTranslations } from 'next-intl/server';
import type { CaseSummary } from '@/lib/cases/list-cases-for-user';

/** A table on wide screens; on a phone each row stacks into a labelled card. */
export async function CaseTable({ cases }: { cases: CaseSummary[] }) {
  const t = await getTranslations('cases');
  const format = await getFormatter();
  const head = [t('caseNumber'), t('title'), t('causeOfAction'), t('myRole'), t('status'), t('filed')];
  return (
    <table className="w-full border-collapse text-left" data-testid="case-table">
      <thead className="sr-only md:not-sr-only">
        <tr className="border-b-2 border-slate-800">
          {head.map((h) => (
            <th key={h} scope="col" className="px-2 py-2 font-semibold">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {cases.map((c) => {
          const cells = [
            <span key="n" className="font-mono text-[0.95em] whitespace-nowrap">
              {c.caseNumber}
            </span>,
            c.title,
            c.causeOfAction,
            c.myRoles.length > 0 ? c.myRoles.map((r) => t(`roles.${r}`)).join('、') : '—',
            t(`statuses.${c.status}`),
            format.dateTime(c.createdAt, { dateStyle: 'medium' }),
          ];
          return (
            <tr key={c.id} className="block border-b border-slate-300 py-2 md:table-row md:py-0">
              {cells.map((cell, i) => (
                <td key={head[i]} className="flex gap-2 px-2 py-1 md:table-cell md:py-3">
                  <span aria-hidden="true" className="w-24 shrink-0 text-slate-600 md:hidden">
                    {head[i]}
                  </span>
                  <span>{cell}</span>
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
