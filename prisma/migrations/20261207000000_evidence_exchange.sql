-- migrate:up
-- Evidence exchange (质证, issue #17): the opposing side's opinion on an exhibit's authenticity,
-- legality and relevance (真实性、合法性、关联性), the submitting side's replies, the deadline a
-- clerk sets per case (质证期限) and the opinions a determination answers. All court records:
-- never updated or deleted (verity_record_append_only(), from 20261127010000_exhibits); a new
-- deadline supersedes the last, the history stays. Who may write what is checked by the domain
-- functions (lib/exchange) and again here, by the insert triggers below, so that no writer can
-- record an opinion by the submitting side, a reply by the other side, counter-evidence from
-- another case or side, or an answer to another exhibit's opinion.
CREATE TYPE exchange_position AS ENUM ('accept', 'dispute', 'no_opinion');

-- The deadline for opinions in a case; the latest row stands (deadline NULL: the clerk removed it).
CREATE TABLE exchange_deadlines (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  deadline timestamptz(3),
  set_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX exchange_deadlines_case_idx ON exchange_deadlines (case_id, created_at);

-- One party's opinion on an exhibit of the other side. Reasons are required for a disputed
-- aspect; `late` says it was lodged after the deadline then in force (`deadline`).
CREATE TABLE exhibit_opinions (
  id uuid PRIMARY KEY,
  exhibit_id uuid NOT NULL REFERENCES exhibits(id),
  author_id uuid NOT NULL REFERENCES users(id),
  party_role case_role NOT NULL CHECK (party_role IN ('plaintiff', 'defendant')),
  authenticity exchange_position NOT NULL,
  authenticity_reasons text CHECK (length(authenticity_reasons) BETWEEN 1 AND 2000),
  legality exchange_position NOT NULL,
  legality_reasons text CHECK (length(legality_reasons) BETWEEN 1 AND 2000),
  relevance exchange_position NOT NULL,
  relevance_reasons text CHECK (length(relevance_reasons) BETWEEN 1 AND 2000),
  counter_exhibit_id uuid REFERENCES exhibits(id),
  deadline timestamptz(3),
  late boolean NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  CHECK (authenticity <> 'dispute' OR authenticity_reasons IS NOT NULL),
  CHECK (legality <> 'dispute' OR legality_reasons IS NOT NULL),
  CHECK (relevance <> 'dispute' OR relevance_reasons IS NOT NULL),
  CHECK (late = (deadline IS NOT NULL AND created_at > deadline))
);
CREATE INDEX exhibit_opinions_exhibit_idx ON exhibit_opinions (exhibit_id, created_at);

-- The submitting side's reply to an opinion.
CREATE TABLE opinion_replies (
  id uuid PRIMARY KEY,
  opinion_id uuid NOT NULL REFERENCES exhibit_opinions(id),
  author_id uuid NOT NULL REFERENCES users(id),
  party_role case_role NOT NULL CHECK (party_role IN ('plaintiff', 'defendant')),
  reasons text NOT NULL CHECK (length(reasons) BETWEEN 1 AND 5000),
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX opinion_replies_opinion_idx ON opinion_replies (opinion_id, created_at);

-- The opinions a determination answers (the judge ticks them).
CREATE TABLE determination_answers (
  determination_id uuid NOT NULL REFERENCES determinations(id),
  opinion_id uuid NOT NULL REFERENCES exhibit_opinions(id),
  PRIMARY KEY (determination_id, opinion_id)
);
CREATE INDEX determination_answers_opinion_idx ON determination_answers (opinion_id);

CREATE FUNCTION verity_exchange_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ok boolean;
BEGIN
  IF TG_TABLE_NAME = 'exhibit_opinions' THEN
    SELECT e.party_role <> NEW.party_role
       AND (NEW.counter_exhibit_id IS NULL OR EXISTS (
         SELECT 1 FROM exhibits c WHERE c.id = NEW.counter_exhibit_id AND c.case_id = e.case_id
           AND c.party_role = NEW.party_role AND c.id <> e.id))
      INTO ok FROM exhibits e WHERE e.id = NEW.exhibit_id;
  ELSIF TG_TABLE_NAME = 'opinion_replies' THEN
    SELECT e.party_role = NEW.party_role INTO ok
      FROM exhibit_opinions o JOIN exhibits e ON e.id = o.exhibit_id WHERE o.id = NEW.opinion_id;
  ELSE
    SELECT d.exhibit_id = o.exhibit_id AND o.created_at <= d.created_at INTO ok
      FROM determinations d, exhibit_opinions o WHERE d.id = NEW.determination_id AND o.id = NEW.opinion_id;
  END IF;
  IF ok IS NOT TRUE THEN
    RAISE EXCEPTION 'verity: % row refused: it does not belong to the exchange on its exhibit', TG_TABLE_NAME
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER exhibit_opinions_check BEFORE INSERT ON exhibit_opinions
  FOR EACH ROW EXECUTE FUNCTION verity_exchange_check();
CREATE TRIGGER opinion_replies_check BEFORE INSERT ON opinion_replies
  FOR EACH ROW EXECUTE FUNCTION verity_exchange_check();
CREATE TRIGGER determination_answers_check BEFORE INSERT ON determination_answers
  FOR EACH ROW EXECUTE FUNCTION verity_exchange_check();

CREATE TRIGGER exchange_deadlines_append_only BEFORE UPDATE OR DELETE ON exchange_deadlines
  FOR EACH ROW EXECUTE FUNCTION verity_record_append_only();
CREATE TRIGGER exchange_deadlines_no_truncate BEFORE TRUNCATE ON exchange_deadlines
  FOR EACH STATEMENT EXECUTE FUNCTION verity_record_append_only();
CREATE TRIGGER exhibit_opinions_append_only BEFORE UPDATE OR DELETE ON exhibit_opinions
  FOR EACH ROW EXECUTE FUNCTION verity_record_append_only();
CREATE TRIGGER exhibit_opinions_no_truncate BEFORE TRUNCATE ON exhibit_opinions
  FOR EACH STATEMENT EXECUTE FUNCTION verity_record_append_only();
CREATE TRIGGER opinion_replies_append_only BEFORE UPDATE OR DELETE ON opinion_replies
  FOR EACH ROW EXECUTE FUNCTION verity_record_append_only();
CREATE TRIGGER opinion_replies_no_truncate BEFORE TRUNCATE ON opinion_replies
  FOR EACH STATEMENT EXECUTE FUNCTION verity_record_append_only();
CREATE TRIGGER determination_answers_append_only BEFORE UPDATE OR DELETE ON determination_answers
  FOR EACH ROW EXECUTE FUNCTION verity_record_append_only();
CREATE TRIGGER determination_answers_no_truncate BEFORE TRUNCATE ON determination_answers
  FOR EACH STATEMENT EXECUTE FUNCTION verity_record_append_only();

-- The exchange's notifications (lib/notifications): an opinion, a reply, a new deadline.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (
  'exhibit_submitted', 'determination_recorded', 'certificate_issued', 'certificate_revoked',
  'case_created', 'case_updated', 'case_member_added', 'case_member_removed',
  'opinion_lodged', 'opinion_replied', 'exchange_deadline_set'));

-- migrate:down
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (
  'exhibit_submitted', 'determination_recorded', 'certificate_issued', 'certificate_revoked',
  'case_created', 'case_updated', 'case_member_added', 'case_member_removed'));
DROP TABLE determination_answers;
DROP TABLE opinion_replies;
DROP TABLE exhibit_opinions;
DROP TABLE exchange_deadlines;
DROP FUNCTION verity_exchange_check();
DROP TYPE exchange_position;
