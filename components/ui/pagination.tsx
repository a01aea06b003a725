import Link from 'next/link';

/**
 * Previous / next links between the pages of a list, with "page N of M" between them. Plain
 * links (the page number in the query string, other parameters kept), so it works without
 * JavaScript and a page can be bookmarked. No words of its own: the page passes them.
 */
export function Pagination({
  page,
  pages,
  href,
  labels,
}: {
  page: number;
  pages: number;
  /** The address of page `n` (keeping the list's search and filters). */
  href: (n: number) => string;
  labels: { nav: string; previous: string; next: string; status: string };
}) {
  if (pages <= 1) return null;
  const link = 'inline-block px-3 py-2 text-court-700 underline underline-offset-4 hover:no-underline';
  return (
    <nav aria-label={labels.nav} className="mt-6 flex flex-wrap items-center gap-x-4 gap-y-2">
      {page > 1 ? (
        <Link href={href(page - 1)} rel="prev" className={link} data-testid="page-previous">
          ← {labels.previous}
        </Link>
      ) : null}
      <span className="text-slate-700" aria-current="page">
        {labels.status}
      </span>
      {page < pages ? (
        <Link href={href(page + 1)} rel="next" className={link} data-testid="page-next">
          {labels.next} →
        </Link>
      ) : null}
    </nav>
  );
}

/** `path?a=1&page=n`, leaving out empty parameters and page 1. */
export function pageHref(path: string, params: Record<string, string | undefined>, page: number): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
