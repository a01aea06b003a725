import { getFormatter, getTranslations } from 'next-intl/server';
import { StackedTable } from '@/components/ui/stacked-table';
import { type AuditAction, isAuditAction } from '@/lib/audit/actions';
import type { CaseEvent } from '@/lib/audit/list-case-events';
import { type ExchangeEventText, exchangeEventText, type Translate as TranslateAll } from './exchange-event-text';

const VERDICTS = ['consistent', 'tampered', 'not_found', 'pending', 'invalid_proof'] as const;
const OUTCOMES = ['accepted', 'rejected', 'expert_review'] as const;
const CASE_ROLES = ['plaintiff', 'defendant', 'judge', 'clerk'] as const;

function oneOf<T extends string>(list: readonly T[], value: unknown): T | null {
  return typeof value === 'string' && (list as readonly string[]).includes(value) ? (value as T) : null;
}

/** "9f86d081 884c7d65…": enough to tell entries apart and to find one; the audit compares whole hashes. */
function shortHash(hash: string): string {
  return `${hash.slice(0, 8)} ${hash.slice(8, 16)}…`;
}

type Translate = Awaited<ReturnType<typeof getTranslations<'audit'>>>;

/** The action in words, with the one fact that matters most for it (verdict, outcome, role). */
function describeEvent(t: Translate, event: CaseEvent): { what: string; detail: string | null } {
  if (!isAuditAction(event.action)) return { what: event.action, detail: null };
  const action: AuditAction = event.action;
  const what = t(`actions.${action}`);
  const verdict = action === 'exhibit.verified' ? oneOf(VERDICTS, event.details.verdict) : null;
  if (verdict) return { what, detail: t(`verdict.${verdict}`) };
  const outcome = action === 'exhibit.determined' ? oneOf(OUTCOMES, event.details.outcome) : null;
  if (outcome) return { what, detail: t(`outcome.${outcome}`) };
  const role = action.startsWith('case.member_') ? oneOf(CASE_ROLES, event.details.role) : null;
  if (role) return { what, detail: t(`role.${role}`) };
  return { what, detail: null };
}

function subjectText(t: Translate, event: CaseEvent): string {
  const subject = event.subject;
  if (!subject) return '—';
  switch (subject.kind) {
    case 'exhibit':
      return t('subject.exhibit', { number: subject.number, title: subject.title });
    case 'user':
      return subject.name;
    case 'other':
      return event.action.startsWith('certificate.')
        ? t('subject.certificate', { id: subject.id.slice(0, 8) })
        : t('subject.record', { id: subject.id.slice(0, 8) });
  }
}

/**
 * Rows of a case's chain-of-custody log (lib/audit) as a table, in the order given (the pages
 * give them newest first). The page supplies the heading, the note and the paging; `empty` is what
 * to say when there is no row (default: nothing has been recorded for the case).
 */
export async function CustodyLogTable({ events, empty }: { events: readonly CaseEvent[]; empty?: string }) {
  const t = await getTranslations('audit');
  const tr = await getTranslations('roles');
  const format = await getFormatter();
  const tAll = (await getTranslations()) as unknown as TranslateAll;
  const formats = {
    when: (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' }),
    list: (items: string[]) => format.list(items),
  };
  const head = [t('column.time'), t('column.who'), t('column.what'), t('column.subject'), t('column.entry')];
  const rows = events.map((event) => {
    const { what, detail } = describeEvent(t, event);
    const exchange = event.exchange ? exchangeEventText(tAll, formats, event.exchange) : null;
    return {
      key: event.seq.toString(),
      cells: [
        <time key="t" dateTime={event.at.toISOString()} className="tabular-nums md:whitespace-nowrap">
          {format.dateTime(event.at, { dateStyle: 'medium', timeStyle: 'medium' })}
        </time>,
        event.actor ? (
          <span key="w" className="print:block print:min-w-32">
            {event.actor.name}
            <span className="block text-sm text-slate-600">{tr(event.actor.role)}</span>
          </span>
        ) : (
          t('portal')
        ),
        <div key="a" data-action={event.action}>
          {what}
          {exchange ? (
            <ExchangeDetails text={exchange} summary={tAll('custody.exchange.textsSummary')} />
          ) : detail ? (
            <span className="block text-sm text-slate-600">{detail}</span>
          ) : null}
        </div>,
        <span key="s" className="print:block print:min-w-40">
          {subjectText(t, event)}
        </span>,
        <span key="e" className="whitespace-nowrap">
          <span className="tabular-nums">{t('entry', { seq: event.seq.toString() })}</span>
          <code className="block font-mono text-sm text-slate-700" title={event.hash} data-hash={event.hash}>
            <span className="sr-only">{t('hashLabel')}: </span>
            {shortHash(event.hash)}
          </code>
        </span>,
      ],
    };
  });
  return rows.length > 0 ? (
    <StackedTable head={head} rows={rows} testId="custody-log-table" wrap={[1, 3]} keep={[2]} />
  ) : (
    <p data-testid="custody-log-empty">{empty ?? t('empty')}</p>
  );
}

/**
 * An evidence-exchange event's line and details under its action (issue #17): the positions, the
 * late mark, the counter-evidence or the opinions answered, and the reasons folded away (they may
 * be long; the exhibit page shows them in full too).
 */
function ExchangeDetails({ text, summary }: { text: ExchangeEventText; summary: string }) {
  return (
    <div className="mt-1 block space-y-1 text-sm break-normal wrap-anywhere" data-testid="exchange-event">
      <div className="font-semibold" data-testid="exchange-line">
        {text.line}
      </div>
      {text.late ? (
        <div data-testid="exchange-late">
          <strong className="border-2 border-seal-700 px-1 text-seal-700" data-testid="late-mark">
            <span aria-hidden="true">⚠ </span>
            {text.late.mark}
          </strong>
          {text.late.detail ? <div className="text-slate-700">{text.late.detail}</div> : null}
        </div>
      ) : null}
      {text.positions.length > 0 ? (
        <div data-testid="exchange-positions">
          {text.positions.map((p) => (
            <div key={p.aspect} data-aspect={p.aspect} data-position={p.position}>
              {p.text}
            </div>
          ))}
        </div>
      ) : null}
      {text.facts.map((fact) => (
        <div key={fact} className="text-slate-700" data-testid="exchange-fact">
          {fact}
        </div>
      ))}
      {text.texts.length > 0 ? (
        <details data-testid="exchange-texts">
          <summary className="cursor-pointer underline">{summary}</summary>
          {text.texts.map((x) => (
            <div key={x.label} className="mt-1 block">
              <div className="font-semibold">{x.label}</div>
              <div className="whitespace-pre-wrap text-slate-800">{x.text}</div>
            </div>
          ))}
        </details>
      ) : null}
    </div>
  );
}
