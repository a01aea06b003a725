/** The `?q=&page=` of an admin list page, as the list functions take them. */
export async function pageQuery(
  searchParams: Promise<Record<string, string | string[] | undefined>>,
): Promise<{ q: string; page: number }> {
  const params = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
  const page = Number.parseInt(one(params.page), 10);
  return { q: one(params.q).slice(0, 200), page: Number.isInteger(page) && page > 0 ? page : 1 };
}
