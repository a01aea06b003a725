import type { ReactNode } from 'react';

export interface StackedTableRow {
  key: string;
  cells: ReactNode[];
}

/**
 * A table on wide screens; on a phone each row stacks into a card whose cells carry their column
 * name (visually; screen readers keep the real table semantics and headers).
 */
export function StackedTable({ head, rows, testId }: { head: string[]; rows: StackedTableRow[]; testId?: string }) {
  return (
    <table className="w-full border-collapse text-left" data-testid={testId}>
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
        {rows.map((row) => (
          <tr key={row.key} className="block border-b border-slate-300 py-2 md:table-row md:py-0">
            {row.cells.map((cell, i) => (
              <td key={head[i]} className="flex gap-2 px-2 py-1 md:table-cell md:py-3">
                <span aria-hidden="true" className="w-24 shrink-0 text-slate-600 md:hidden">
                  {head[i]}
                </span>
                <span>{cell}</span>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
