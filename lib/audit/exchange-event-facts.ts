import 'server-only';
/**
 * What an evidence-exchange event of the custody log says (issue #17): an opinion's positions,
 * late mark and counter-evidence, the opinion a reply answers, the opinions a determination
 * answers, a deadline's change. Read from the event's own details as the audit log stored them
 * (lib/exchange, lib/exhibits/record-determination.ts write them); what the details only name by
 * id — an opinion's number on its exhibit, the counter-evidence exhibit — is read by that id, and
 * only within the event's case. Details that do not have the expected shape give no facts (the
 * row then shows the action alone): the log keeps whatever an older or newer portal wrote.
 * @module
 */
import { z } from 'zod';
import { getPool } from '@/lib/db/pool';
import type { JsonObject } from '@/lib/ledger/statement/canonical-json';

export const EXCHANGE_ASPECTS = ['authenticity', 'legality', 'relevance'] as const;
export type ExchangeAspect = (typeof EXCHANGE_ASPECTS)[number];
export type ExchangeStance = 'accept' | 'dispute' | 'no_opinion';
export type ExchangeParty = 'plaintiff' | 'defendant';

/** An opinion another event refers to, as its exhibit page numbers it. */
export interface OpinionRef {
  /** 1, 2, … in the order lodged on its exhibit; null when it is not found in this case. */
  number: number | null;
  party: ExchangeParty | null;
  late: boolean;
}

export type ExchangeEventFacts =
  | {
      kind: 'opinion';
      party: ExchangeParty | null;
      number: number | null;
      positions: ReadonlyArray<{ aspect: ExchangeAspect; position: ExchangeStance; reasons: string | null }>;
      late: boolean;
      /** The deadline in force when it was lodged (ISO time), or null. */
      deadline: string | null;
      counterExhibit: { number: number; title: string } | null;
    }
  | { kind: 'reply'; party: ExchangeParty | null; opinion: OpinionRef | null; reasons: string | null }
  | {
      kind: 'determination';
      outcome: 'accepted' | 'rejected' | 'expert_review';
      reasoning: string | null;
      answers: OpinionRef[];
    }
  | { kind: 'deadline'; from: string | null; to: string | null };

const UUID = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const PARTY = z.enum(['plaintiff', 'defendant']).nullable().catch(null);
const TEXT = z.string().nullable().catch(null);
const TIME = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)))
  .nullable()
  .catch(null);
const POSITION = z.object({ position: z.enum(['accept', 'dispute', 'no_opinion']), reasons: TEXT.optional() });

const ZOpinionDetails = z.object({
  opinionId: UUID,
  party: PARTY.optional(),
  authenticity: POSITION,
  legality: POSITION,
  relevance: POSITION,
  counterExhibitId: UUID.nullable().catch(null).optional(),
  deadline: TIME.optional(),
  late: z.boolean(),
});
const ZReplyDetails = z.object({ opinionId: UUID, party: PARTY.optional(), reasons: TEXT.optional() });
const ZDeterminationDetails = z.object({
  outcome: z.enum(['accepted', 'rejected', 'expert_review']),
  reasoning: TEXT.optional(),
  answers: z.array(UUID).catch([]).optional(),
});
const ZDeadlineDetails = z.object({ from: TIME, to: TIME });

export const EXCHANGE_EVENT_ACTIONS: ReadonlySet<string> = new Set([
  'exhibit.opinion_lodged',
  'exhibit.opinion_replied',
  'exhibit.determined',
  'case.exchange_deadline_set',
]);

interface EventIn {
  action: string;
  details: JsonObject;
}

type Parsed =
  | { kind: 'opinion'; d: z.output<typeof ZOpinionDetails> }
  | { kind: 'reply'; d: z.output<typeof ZReplyDetails> }
  | { kind: 'determination'; d: z.output<typeof ZDeterminationDetails> }
  | { kind: 'deadline'; d: z.output<typeof ZDeadlineDetails> }
  | null;

function parse(event: EventIn): Parsed {
  const take = <T extends z.ZodType>(schema: T) => {
    const r = schema.safeParse(event.details);
    return r.success ? (r.data as z.output<T>) : null;
  };
  switch (event.action) {
    case 'exhibit.opinion_lodged': {
      const d = take(ZOpinionDetails);
      return d ? { kind: 'opinion', d } : null;
    }
    case 'exhibit.opinion_replied': {
      const d = take(ZReplyDetails);
      return d ? { kind: 'reply', d } : null;
    }
    case 'exhibit.determined': {
      const d = take(ZDeterminationDetails);
      return d ? { kind: 'determination', d } : null;
    }
    case 'case.exchange_deadline_set': {
      const d = take(ZDeadlineDetails);
      return d ? { kind: 'deadline', d } : null;
    }
    default:
      return null;
  }
}

/**
 * The facts of each exchange event among `events` (of case `caseId`), by position in `events`;
 * other events, and exchange events whose details are not as expected, have none.
 */
export async function exchangeEventFacts(
  caseId: string,
  events: readonly EventIn[],
): Promise<Array<ExchangeEventFacts | null>> {
  const parsed = events.map(parse);
  const opinionIds = new Set<string>();
  const exhibitIds = new Set<string>();
  for (const p of parsed) {
    if (!p) continue;
    if (p.kind === 'opinion') {
      opinionIds.add(p.d.opinionId);
      if (p.d.counterExhibitId) exhibitIds.add(p.d.counterExhibitId);
    } else if (p.kind === 'reply') opinionIds.add(p.d.opinionId);
    else if (p.kind === 'determination') for (const id of p.d.answers ?? []) opinionIds.add(id);
  }
  const pool = getPool();
  const [opinions, exhibits] = await Promise.all([
    opinionIds.size === 0
      ? { rows: [] }
      : // Numbered among all the opinions on the same exhibit, as the exhibit page numbers them;
        // only opinions on this case's exhibits are read.
        pool.query<{ id: string; number: string; party: ExchangeParty; late: boolean }>(
          `SELECT id, number, party, late FROM (
             SELECT o.id, o.party_role::text AS party, o.late,
                    row_number() OVER (PARTITION BY o.exhibit_id ORDER BY o.created_at, o.id) AS number
               FROM exhibit_opinions o JOIN exhibits e ON e.id = o.exhibit_id
              WHERE e.case_id = $1 AND o.exhibit_id IN (SELECT exhibit_id FROM exhibit_opinions WHERE id = ANY($2::uuid[]))
           ) numbered WHERE id = ANY($2::uuid[])`,
          [caseId, [...opinionIds]],
        ),
    exhibitIds.size === 0
      ? { rows: [] }
      : pool.query<{ id: string; number: number; title: string }>(
          'SELECT id, number, title FROM exhibits WHERE case_id = $1 AND id = ANY($2::uuid[])',
          [caseId, [...exhibitIds]],
        ),
  ]);
  const opinionById = new Map(opinions.rows.map((o) => [o.id, o]));
  const exhibitById = new Map(exhibits.rows.map((e) => [e.id, e]));
  const ref = (id: string): OpinionRef => {
    const o = opinionById.get(id);
    return o ? { number: Number(o.number), party: o.party, late: o.late } : { number: null, party: null, late: false };
  };

  return parsed.map((p): ExchangeEventFacts | null => {
    if (!p) return null;
    switch (p.kind) {
      case 'opinion': {
        const counter = p.d.counterExhibitId ? exhibitById.get(p.d.counterExhibitId) : undefined;
        return {
          kind: 'opinion',
          party: p.d.party ?? null,
          number: ref(p.d.opinionId).number,
          positions: EXCHANGE_ASPECTS.map((aspect) => ({
            aspect,
            position: p.d[aspect].position,
            reasons: p.d[aspect].reasons ?? null,
          })),
          late: p.d.late,
          deadline: p.d.deadline ?? null,
          counterExhibit: counter ? { number: counter.number, title: counter.title } : null,
        };
      }
      case 'reply':
        return {
          kind: 'reply',
          party: p.d.party ?? null,
          opinion: opinionById.has(p.d.opinionId) ? ref(p.d.opinionId) : null,
          reasons: p.d.reasons ?? null,
        };
      case 'determination':
        return {
          kind: 'determination',
          outcome: p.d.outcome,
          reasoning: p.d.reasoning ?? null,
          answers: (p.d.answers ?? []).map(ref).sort((a, b) => (a.number ?? 0) - (b.number ?? 0)),
        };
      default:
        return { kind: 'deadline', from: p.d.from, to: p.d.to };
    }
  });
}
