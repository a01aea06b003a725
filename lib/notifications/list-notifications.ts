import 'server-only';
/**
 * A person's own notifications, newest first, a page at a time, all or unread only; with their
 * unread count and their e-mail choice. Only ever the actor's own: the query is scoped to them.
 */
import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { getPool } from '@/lib/db/pool';
import { parseInput } from '@/lib/errors/zod-issues';
import type { Locale } from '@/lib/i18n/config';
import { NOTIFICATION_KINDS, type NotificationKind, ZNotificationPayload } from './notification.schema';
import { notificationPath, notificationSummary } from './summary';

export const NOTIFICATIONS_PAGE_SIZE = 20;

export const ZNotificationsQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  show: z.enum(['all', 'unread']).default('all'),
  /** At most this many (the home page's short list); default a page. */
  limit: z.number().int().min(1).max(NOTIFICATIONS_PAGE_SIZE).optional(),
});
export type NotificationsQuery = z.input<typeof ZNotificationsQuery>;

export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  /** The sentence, in the reader's language. */
  summary: string;
  /** Where it leads (a path of the portal). */
  href: string;
  createdAt: Date;
  readAt: Date | null;
}

export interface NotificationsPage {
  items: NotificationItem[];
  page: number;
  pages: number;
  total: number;
  unread: number;
  notifyByEmail: boolean;
}

interface Row {
  id: string;
  kind: string;
  case_id: string | null;
  subject_id: string | null;
  payload: unknown;
  created_at: Date;
  read_at: Date | null;
}

export async function listNotifications(
  actor: Actor,
  locale: Locale,
  query: NotificationsQuery = {},
): Promise<NotificationsPage> {
  const { page, show, limit } = parseInput(ZNotificationsQuery, query);
  const size = limit ?? NOTIFICATIONS_PAGE_SIZE;
  const pool = getPool();
  const { rows: head } = await pool.query<{ total: string; unread: string; notify_by_email: boolean }>(
    `SELECT (SELECT count(*) FROM notifications WHERE user_id = $1 AND ($2 = 'all' OR read_at IS NULL)) AS total,
            (SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL) AS unread,
            u.notify_by_email
       FROM users u WHERE u.id = $1`,
    [actor.id, show],
  );
  const total = Number(head[0]?.total ?? 0);
  const { rows } = await pool.query<Row>(
    `SELECT id, kind, case_id, subject_id, payload, created_at, read_at FROM notifications
      WHERE user_id = $1 AND ($2 = 'all' OR read_at IS NULL)
      ORDER BY created_at DESC, id DESC
      LIMIT $3 OFFSET $4`,
    [actor.id, show, size, (page - 1) * size],
  );
  const items = rows.flatMap((row): NotificationItem[] => {
    const kind = NOTIFICATION_KINDS.find((k) => k === row.kind);
    const payload = ZNotificationPayload.safeParse(row.payload);
    // A row this version cannot read (a kind added later, say) is left out rather than breaking the page.
    if (!kind || !payload.success) return [];
    return [
      {
        id: row.id,
        kind,
        summary: notificationSummary(locale, kind, payload.data),
        href: notificationPath(kind, row.case_id, row.subject_id),
        createdAt: row.created_at,
        readAt: row.read_at,
      },
    ];
  });
  return {
    items,
    page,
    pages: Math.max(1, Math.ceil(total / size)),
    total,
    unread: Number(head[0]?.unread ?? 0),
    notifyByEmail: head[0]?.notify_by_email ?? true,
  };
}
