import 'server-only';
/**
 * The evidence exchange on one exhibit as the exhibit page shows it, to everyone who may view the
 * case: the deadline, every opinion (numbered in the order lodged, late ones marked) with its
 * counter-evidence and replies, which determinations answered it, and what the viewer may do.
 */
import type { Actor } from '@/lib/auth/actor';
import { allows, requireExhibitAccess } from '@/lib/cases/access';
import type { CaseRole, ExchangePosition } from '@/lib/db/generated/enums';
import { getPool } from '@/lib/db/pool';
import { ASPECTS, type Aspect } from './exchange.schema';

export interface ExhibitRef {
  id: string;
  number: number;
  title: string;
}

export interface ReplyRecord {
  id: string;
  at: Date;
  author: string;
  party: CaseRole;
  reasons: string;
}

export interface OpinionRecord {
  id: string;
  /** 1, 2, … in the order the opinions on this exhibit were lodged. */
  number: number;
  at: Date;
  author: string;
  party: CaseRole;
  positions: Record<Aspect, { position: ExchangePosition; reasons: string | null }>;
  counterExhibit: ExhibitRef | null;
  late: boolean;
  /** The deadline in force when it was lodged. */
  deadline: Date | null;
  replies: ReplyRecord[];
  /** The determinations that answered it (ids). */
  answeredBy: string[];
}

export interface ExhibitExchange {
  exhibitId: string;
  deadline: Date | null;
  opinions: OpinionRecord[];
  /** For each determination of the exhibit that answered opinions: their numbers. */
  answers: Record<string, number[]>;
  can: { lodge: boolean; reply: boolean };
  /** The viewer's own side's other exhibits in the case (counter-evidence), when they may lodge. */
  counterExhibitOptions: ExhibitRef[];
}

export async function getExhibitExchange(actor: Actor, exhibitId: string): Promise<ExhibitExchange> {
  const access = await requireExhibitAccess(actor, exhibitId, 'view');
  const pool = getPool();
  const canLodge = allows(access, 'lodge_opinion');
  const [deadline, opinions, replies, answers, options] = await Promise.all([
    pool.query<{ deadline: Date | null }>(
      'SELECT deadline FROM exchange_deadlines WHERE case_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1',
      [access.caseId],
    ),
    pool.query<OpinionRow>(
      `SELECT o.id, o.created_at, u.name AS author, o.party_role::text AS party,
              o.authenticity::text AS authenticity, o.authenticity_reasons,
              o.legality::text AS legality, o.legality_reasons,
              o.relevance::text AS relevance, o.relevance_reasons,
              o.late, o.deadline, c.id AS counter_id, c.number AS counter_number, c.title AS counter_title
         FROM exhibit_opinions o JOIN users u ON u.id = o.author_id
         LEFT JOIN exhibits c ON c.id = o.counter_exhibit_id
        WHERE o.exhibit_id = $1 ORDER BY o.created_at, o.id`,
      [exhibitId],
    ),
    pool.query<{ id: string; opinion_id: string; created_at: Date; author: string; party: CaseRole; reasons: string }>(
      `SELECT r.id, r.opinion_id, r.created_at, u.name AS author, r.party_role::text AS party, r.reasons
         FROM opinion_replies r JOIN exhibit_opinions o ON o.id = r.opinion_id JOIN users u ON u.id = r.author_id
        WHERE o.exhibit_id = $1 ORDER BY r.created_at, r.id`,
      [exhibitId],
    ),
    pool.query<{ determination_id: string; opinion_id: string }>(
      `SELECT a.determination_id, a.opinion_id FROM determination_answers a
         JOIN exhibit_opinions o ON o.id = a.opinion_id WHERE o.exhibit_id = $1`,
      [exhibitId],
    ),
    canLodge
      ? pool.query<{ id: string; number: number; title: string }>(
          `SELECT id, number, title FROM exhibits WHERE case_id = $1 AND party_role <> $2::case_role ORDER BY number`,
          [access.caseId, access.exhibitSide],
        )
      : Promise.resolve({ rows: [] as ExhibitRef[] }),
  ]);
  const numberOf = new Map(opinions.rows.map((o, i) => [o.id, i + 1]));
  const answersOut: Record<string, number[]> = {};
  for (const a of answers.rows) {
    const n = numberOf.get(a.opinion_id);
    if (n !== undefined)
      answersOut[a.determination_id] = [...(answersOut[a.determination_id] ?? []), n].sort((x, y) => x - y);
  }
  return {
    exhibitId: access.exhibitId,
    deadline: deadline.rows[0]?.deadline ?? null,
    opinions: opinions.rows.map((o, i) => ({
      id: o.id,
      number: i + 1,
      at: o.created_at,
      author: o.author,
      party: o.party,
      positions: Object.fromEntries(
        ASPECTS.map((a) => [a, { position: o[a], reasons: o[`${a}_reasons`] }]),
      ) as OpinionRecord['positions'],
      counterExhibit: o.counter_id
        ? { id: o.counter_id, number: o.counter_number ?? 0, title: o.counter_title ?? '' }
        : null,
      late: o.late,
      deadline: o.deadline,
      replies: replies.rows
        .filter((r) => r.opinion_id === o.id)
        .map((r) => ({ id: r.id, at: r.created_at, author: r.author, party: r.party, reasons: r.reasons })),
      answeredBy: answers.rows.filter((a) => a.opinion_id === o.id).map((a) => a.determination_id),
    })),
    answers: answersOut,
    can: { lodge: canLodge, reply: allows(access, 'reply_opinion') },
    counterExhibitOptions: options.rows.map((r) => ({ id: r.id, number: r.number, title: r.title })),
  };
}

interface OpinionRow {
  id: string;
  created_at: Date;
  author: string;
  party: CaseRole;
  authenticity: ExchangePosition;
  authenticity_reasons: string | null;
  legality: ExchangePosition;
  legality_reasons: string | null;
  relevance: ExchangePosition;
  relevance_reasons: string | null;
  late: boolean;
  deadline: Date | null;
  counter_id: string | null;
  counter_number: number | null;
  counter_title: string | null;
}
