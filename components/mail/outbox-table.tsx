import { getFormatter, getTranslations } from 'next-intl/server';
import { StackedTable } from '@/components/ui/stacked-table';
import type { OutboxEntry } from '@/lib/mail/list-outbox';
import { ResendMailForm } from './resend-mail-form';

const TEMPLATES = ['invitation', 'password-reset', 'notification'] as const;
function isTemplate(name: string): name is (typeof TEMPLATES)[number] {
  return (TEMPLATES as readonly string[]).includes(name);
}

/** Outgoing mail for the admin: to whom, which e-mail, its state and attempts, the last error. */
export async function OutboxTable({ entries }: { entries: OutboxEntry[] }) {
  const t = await getTranslations('mailbox.outbox');
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short' });
  const head = [t('recipient'), t('template'), t('status'), t('attempts'), t('lastError'), t('created'), t('sent')];
  const rows = entries.map((e) => ({
    key: e.id,
    cells: [
      <span key="r" className="font-mono text-[0.95em]">
        {e.recipient}
      </span>,
      `${isTemplate(e.template) ? t(`templateName.${e.template}`) : e.template} (${e.locale})`,
      <span key="s" data-testid="mail-status" data-status={e.status}>
        <span className={e.status === 'failed' ? 'font-semibold text-red-900' : undefined}>
          {t(`statusName.${e.status}`)}
        </span>
        {e.status === 'queued' && e.attempts > 0 ? (
          <span className="block text-sm text-slate-600">{t('nextAttempt', { time: when(e.nextAttemptAt) })}</span>
        ) : null}
        {e.status === 'failed' ? <ResendMailForm outboxId={e.id} recipient={e.recipient} /> : null}
      </span>,
      String(e.attempts),
      e.lastError ? (
        <span key="e" className="text-sm">
          {e.lastError}
        </span>
      ) : (
        '—'
      ),
      when(e.createdAt),
      e.sentAt ? when(e.sentAt) : '—',
    ],
  }));
  return <StackedTable head={head} rows={rows} testId="outbox-table" wrap={[0, 4]} keep={[1, 2, 3, 5, 6]} />;
}
