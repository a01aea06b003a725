/**
 * The admin lists' search box (a GET form: the query is in the address, so a result can be
 * bookmarked and the back button works) and page links. Server components, no words of their own.
 */
import Link from 'next/link';

export function SearchForm({
  action,
  q,
  label,
  button,
  hint,
}: {
  action: string;
  q: string;
  label: string;
  button: string;
  hint?: string;
}) {
  return (
    <search className="mb-4 block">
      <form method="get" action={action} className="flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1 basis-60">
          <label htmlFor="search-q" className="mb-1 block font-semibold">
            {label}
          </label>
          {hint ? (
            <p id="search-q-hint" className="mb-1 text-slate-700">
              {hint}
            </p>
          ) : null}
          <input
            id="search-q"
            name="q"
            type="search"
            defaultValue={q}
            aria-describedby={hint ? 'search-q-hint' : undefined}
            className="block w-full max-w-xl border-2 border-slate-800 bg-white px-3 py-2 text-base"
          />
        </div>
        <button
          type="submit"
          className="border-2 border-court-700 bg-white px-4 py-2 text-base font-semibold text-court-700 hover:bg-court-50"
        >
          {button}
        </button>
      </form>
    </search>
  );
}

export function Pagination({
  path,
  q,
  page,
  pages,
  label,
  previous,
  next,
  status,
}: {
  path: string;
  q: string;
  page: number;
  pages: number;
  label: string;
  previous: string;
  next: string;
  /** "Page 2 of 5 · 113 in all", in the reader's language. */
  status: string;
}) {
  const href = (p: number) => `${path}?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) }).toString()}`;
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap items-center gap-4" data-testid="pagination">
      {page > 1 ? (
        <Link href={href(page - 1)} rel="prev" className="text-court-700 underline underline-offset-4">
          {previous}
        </Link>
      ) : null}
      <span>{status}</span>
      {page < pages ? (
        <Link href={href(page + 1)} rel="next" className="text-court-700 underline underline-offset-4">
          {next}
        </Link>
      ) : null}
    </nav>
  );
}
