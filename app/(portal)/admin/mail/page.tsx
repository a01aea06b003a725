import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { OutboxTable } from '@/components/mail/outbox-table';
import { Field } from '@/components/ui/field';
import { Pagination, pageHref } from '@/components/ui/pagination';
import { requireRole } from '@/lib/auth/session';
import { listOutbox, OUTBOX_STATUSES, ZOutboxQuery } from '@/lib/mail/list-outbox';
import { smtpHostFromEnv } from '@/lib/mail/mail-transport-from-env';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('mailbox.outbox');
  return { title: t('pageTitle') };
}

/** Every e-mail the portal sends, newest first, searched by recipient and status; failed ones sent again. */
export default async function OutboxPage({ searchParams }: PageProps<'/admin/mail'>) {
  const admin = await requireRole('admin');
  const [t, tp, params] = await Promise.all([
    getTranslations('mailbox.outbox'),
    getTranslations('mailbox.pagination'),
    searchParams,
  ]);
  const parsed = ZOutboxQuery.safeParse({
    page: params.page,
    recipient: typeof params.recipient === 'string' ? params.recipient : undefined,
    status: OUTBOX_STATUSES.find((s) => s === params.status),
  });
  const query = parsed.success ? parsed.data : { page: 1, recipient: '', status: undefined };
  const outbox = await listOutbox(admin, query);
  const host = smtpHostFromEnv();
  return (
    <section aria-labelledby="outbox-heading">
      <h1 id="outbox-heading" className="mb-3 text-3xl font-bold">
        {t('heading')}
      </h1>
      <p className="mb-2 max-w-prose text-slate-700">{t('intro')}</p>
      <p className="mb-6 max-w-prose text-slate-700" data-testid="mail-transport">
        {host ? t('transportSmtp', { host }) : t('transportMailbox')}{' '}
        {host ? null : (
          <Link href="/admin/mail/mailbox" className="text-court-700 underline underline-offset-4">
            {t('mailboxLink')}
          </Link>
        )}
      </p>
      <form method="get" className="mb-6 flex flex-wrap items-end gap-4">
        <Field id="outbox-recipient" label={t('searchLabel')} hint={t('searchHint')}>
          {(control) => (
            <input
              {...control}
              type="search"
              name="recipient"
              defaultValue={query.recipient}
              maxLength={254}
              className="block w-72 max-w-full border border-slate-700 p-2"
            />
          )}
        </Field>
        <Field id="outbox-status" label={t('statusLabel')}>
          {(control) => (
            <select
              {...control}
              name="status"
              defaultValue={query.status ?? ''}
              className="block border border-slate-700 bg-white p-2"
            >
              <option value="">{t('statusAny')}</option>
              {OUTBOX_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`statusName.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="bg-court-700 px-4 py-2 font-semibold text-white hover:bg-court-800">
          {t('search')}
        </button>
      </form>
      {outbox.entries.length > 0 ? <OutboxTable entries={outbox.entries} /> : <p>{t('none')}</p>}
      <Pagination
        page={outbox.page}
        pages={outbox.pages}
        href={(n) => pageHref('/admin/mail', { recipient: query.recipient, status: query.status }, n)}
        labels={{
          nav: tp('label'),
          previous: tp('previous'),
          next: tp('next'),
          status: tp('page', { page: outbox.page, pages: outbox.pages }),
        }}
      />
    </section>
  );
}
