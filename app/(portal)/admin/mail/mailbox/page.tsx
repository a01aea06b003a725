import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Field } from '@/components/ui/field';
import { Pagination, pageHref } from '@/components/ui/pagination';
import { requireRole } from '@/lib/auth/session';
import { listMailbox, ZMailboxQuery } from '@/lib/mail/list-mailbox';
import { smtpHostFromEnv } from '@/lib/mail/mail-transport-from-env';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('mailbox');
  return { title: t('pageTitle') };
}

/** The local mailbox of the embedded default: each delivered e-mail, readable (plain text). */
export default async function MailboxPage({ searchParams }: PageProps<'/admin/mail/mailbox'>) {
  const admin = await requireRole('admin');
  const [t, tp, tout, format, params] = await Promise.all([
    getTranslations('mailbox'),
    getTranslations('mailbox.pagination'),
    getTranslations('mailbox.outbox'),
    getFormatter(),
    searchParams,
  ]);
  const parsed = ZMailboxQuery.safeParse({
    page: params.page,
    recipient: typeof params.recipient === 'string' ? params.recipient : undefined,
  });
  const query = parsed.success ? parsed.data : { page: 1, recipient: '' };
  const box = await listMailbox(admin, query);
  return (
    <section aria-labelledby="mailbox-heading">
      <p className="mb-2">
        <Link href="/admin/mail" className="text-court-700 underline underline-offset-4">
          ← {t('back')}
        </Link>
      </p>
      <h1 id="mailbox-heading" className="mb-3 text-3xl font-bold">
        {t('heading')}
      </h1>
      <p className="mb-2 max-w-prose text-slate-700">{t('intro')}</p>
      {smtpHostFromEnv() ? <p className="mb-2 max-w-prose font-semibold">{t('configured')}</p> : null}
      <form method="get" className="mb-6 flex flex-wrap items-end gap-4">
        <Field id="mailbox-recipient" label={tout('searchLabel')} hint={tout('searchHint')}>
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
        <button type="submit" className="bg-court-700 px-4 py-2 font-semibold text-white hover:bg-court-800">
          {tout('search')}
        </button>
      </form>
      {box.messages.length === 0 ? <p>{t('none')}</p> : null}
      <ol className="space-y-3" data-testid="mailbox">
        {box.messages.map((m) => (
          <li key={m.id} data-testid="mailbox-message">
            <details className="border border-slate-400 p-3">
              <summary className="cursor-pointer">
                <span className="font-semibold wrap-anywhere">{m.subject}</span>
                <span className="block text-sm text-slate-700 wrap-anywhere">
                  {t('to')}: <span className="font-mono">{m.recipient}</span> · {t('delivered')}:{' '}
                  {format.dateTime(m.deliveredAt, { dateStyle: 'medium', timeStyle: 'short' })}
                </span>
              </summary>
              <pre className="mt-3 font-sans whitespace-pre-wrap wrap-anywhere" data-testid="mailbox-text">
                {m.text}
              </pre>
            </details>
          </li>
        ))}
      </ol>
      <Pagination
        page={box.page}
        pages={box.pages}
        href={(n) => pageHref('/admin/mail/mailbox', { recipient: query.recipient }, n)}
        labels={{
          nav: tp('label'),
          previous: tp('previous'),
          next: tp('next'),
          status: tp('page', { page: box.page, pages: box.pages }),
        }}
      />
    </section>
  );
}
