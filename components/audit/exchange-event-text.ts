/**
 * An evidence-exchange event of the custody log in words (issue #17): one plain line (whose opinion,
 * which opinion a reply or determination answers, the new deadline), then its details — the three
 * positions in the glossary's words (对真实性不认可 …), the late mark with the deadline it missed,
 * the counter-evidence, and the reasons as written. Pure: the translator and the time format come
 * from the page (or a test), so both languages are made the same way.
 * @module
 */
import type { ExchangeEventFacts, ExchangeParty, OpinionRef } from '@/lib/audit/exchange-event-facts';

/** A translator over the whole message tree (`useTranslations()` / `getTranslations()` without a namespace). */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

export interface ExchangeEventText {
  line: string;
  /** An opinion's three positions: "真实性：不认可". */
  positions: Array<{ aspect: string; position: 'accept' | 'dispute' | 'no_opinion'; text: string }>;
  /** An opinion lodged after the deadline: the mark, and the deadline it missed. */
  late: { mark: string; detail: string | null } | null;
  /** Further facts, each one line: the counter-evidence, the opinions answered, the deadline before. */
  facts: string[];
  /** What the person wrote (reasons, a reply, the determination's reasoning), with its label. */
  texts: Array<{ label: string; text: string }>;
}

function party(t: Translate, p: ExchangeParty | null): string {
  return t(`custody.exchange.party.${p ?? 'unknown'}`);
}

function opinionRef(t: Translate, ref: OpinionRef): string {
  return t('custody.exchange.opinionRef', {
    party: party(t, ref.party),
    number: ref.number === null ? 'none' : String(ref.number),
    late: ref.late ? 'yes' : 'no',
  });
}

/** How the page writes times and lists in its language (next-intl's formatter, or Intl in a test). */
export interface Formats {
  when: (iso: string) => string;
  /** "A和B" / "A and B". */
  list: (items: string[]) => string;
}

export function exchangeEventText(t: Translate, { when, list }: Formats, facts: ExchangeEventFacts): ExchangeEventText {
  const empty = { positions: [], late: null, facts: [], texts: [] };
  switch (facts.kind) {
    case 'opinion':
      return {
        line: t('custody.exchange.opinion', {
          party: party(t, facts.party),
          number: facts.number === null ? 'none' : String(facts.number),
        }),
        positions: facts.positions.map(({ aspect, position }) => ({
          aspect,
          position,
          text: t('custody.exchange.position', {
            aspect: t(`exchange.aspect.${aspect}`),
            position: t(`exchange.position.${position}`),
          }),
        })),
        late: facts.late
          ? {
              mark: t('exchange.opinion.late'),
              detail: facts.deadline ? t('exchange.opinion.lateDetail', { deadline: when(facts.deadline) }) : null,
            }
          : null,
        facts: facts.counterExhibit
          ? [t('custody.exchange.counter', { number: facts.counterExhibit.number, title: facts.counterExhibit.title })]
          : [],
        texts: facts.positions
          .filter((p) => p.reasons)
          .map((p) => ({
            label: t('exchange.lodge.reasonsLabel', { aspect: t(`exchange.aspect.${p.aspect}`) }),
            text: p.reasons ?? '',
          })),
      };
    case 'reply':
      return {
        ...empty,
        line: t('custody.exchange.reply', {
          party: party(t, facts.party),
          opinion: facts.opinion ? opinionRef(t, facts.opinion) : t('custody.exchange.anOpinion'),
        }),
        texts: facts.reasons ? [{ label: t('custody.exchange.replyText'), text: facts.reasons }] : [],
      };
    case 'determination':
      return {
        ...empty,
        line: t(`audit.outcome.${facts.outcome}`),
        facts:
          facts.answers.length > 0
            ? [t('custody.exchange.answers', { opinions: list(facts.answers.map((a) => opinionRef(t, a))) })]
            : [],
        texts: facts.reasoning ? [{ label: t('exhibits.determination.reasoningLabel'), text: facts.reasoning }] : [],
      };
    default:
      return {
        ...empty,
        line: facts.to ? t('exchange.deadline.line', { time: when(facts.to) }) : t('custody.exchange.deadlineRemoved'),
        facts: facts.from ? [t('custody.exchange.deadlineBefore', { time: when(facts.from) })] : [],
      };
  }
}
