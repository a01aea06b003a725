import 'server-only';
/** Search and pagination of the admin lists: a free-text query and a 1-based page of PAGE_SIZE rows. */
import { z } from 'zod';
import { plainText } from '@/lib/text/plain-text';

export const PAGE_SIZE = 25;

export const ZListQuery = z.object({
  q: z.string().trim().max(200).superRefine(plainText('q')).catch('').default(''),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type ListQuery = z.input<typeof ZListQuery>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
}

/** `q` as a LIKE pattern matching it anywhere (its own % and _ taken literally). */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function toPage<T>(items: T[], total: number, page: number): Page<T> {
  return { items, total, page, pageSize: PAGE_SIZE, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}
