import type { ReactNode } from 'react';

export interface StackedTableRow {
  key: string;
  cells: ReactNode[];
}

/**
 * A table on wide screens; on a phone each row stacks into a card whose cells carry their column
 * name (visually; screen readers keep the real table semantics and headers).
 *
 * Whatever the data, the table fits its column: on a phone each value takes the width left beside
 * its label and long words break there; on a wide screen columns of free text (titles, names,
 * file names, which may hold a long word such as an address) wrap anywhere, given as `wrap`, and
 * columns of short values (numbers, statuses, outcomes), given as `keep`, break only between words
 * (never inside a Chinese word), so that a wide column beside them cannot squeeze them to a
 * character a line. Should a table still be wider
 * than the page, it scrolls inside its own box rather than the page sideways.
 */
export function StackedTable({
  head,
  rows,
  testId,
  wrap = [],
  keep = [],
}: {
  head: string[];
  rows: StackedTableRow[];
  testId?: string;
  /** Indexes of the columns of free text, which may break a word anywhere to fit. */
  wrap?: readonly number[];
  /** Indexes of the columns of short values, broken only between words on wide screens. */
  keep?: readonly number[];
}) {
  const wide = (i: number) =>
    wrap.includes(i)
      ? 'md:wrap-anywhere print:wrap-anywhere'
      : keep.includes(i)
        ? 'md:break-keep print:break-keep'
        : '';
  return (
    <div className="overflow-x-auto">
      {/* Fixed layout on a phone: the stacked rows take the column's width, not their longest word's. */}
      {/* Printed as a table whatever the paper's width (A4 is narrower than md): print: variants. */}
      <table
        className="w-full table-fixed border-collapse text-left md:table-auto print:table-auto"
        data-testid={testId}
      >
        <thead className="sr-only md:not-sr-only print:not-sr-only">
          <tr className="border-b-2 border-slate-800">
            {head.map((h, i) => (
              <th
                key={h}
                scope="col"
                className={`px-2 py-2 font-semibold ${keep.includes(i) ? 'md:break-keep print:break-keep' : ''}`}
              >
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.key}
              className="block border-b border-slate-300 py-2 md:table-row md:py-0 print:table-row print:py-0"
            >
              {row.cells.map((cell, i) => (
                <td
                  key={head[i]}
                  className={`flex gap-2 px-2 py-1 md:table-cell md:py-3 print:table-cell print:py-1.5 ${wide(i)}`}
                >
                  <span aria-hidden="true" className="w-28 shrink-0 text-slate-600 md:hidden print:hidden">
                    {head[i]}
                  </span>
                  <span className="min-w-0 flex-1">{cell}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
