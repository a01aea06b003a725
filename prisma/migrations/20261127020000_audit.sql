-- migrate:up
-- The chain-of-custody log (lib/audit): one court-wide, append-only, hash-chained list of
-- events. `body` holds the exact bytes that were hashed: the RFC 8785 canonical JSON of
-- {v, seq, prev, at, caseId, actorId, action, subjectId, details}, where `prev` is the hex
-- SHA-256 of the previous event's body (64 zeros for seq 1), so each event commits to every
-- event before it. The other columns repeat what the body says, for queries; the audit
-- (`npm run audit:verify`) checks that they agree. See lib/audit/README.md.
CREATE TABLE audit_events (
  seq bigint PRIMARY KEY CHECK (seq >= 1),
  case_id uuid REFERENCES cases(id),
  actor_id uuid REFERENCES users(id),
  action text NOT NULL CHECK (action ~ '^[a-z]+(\.[a-z_]+)+$'),
  subject_id uuid,
  details jsonb NOT NULL CHECK (jsonb_typeof(details) = 'object'),
  created_at timestamptz(3) NOT NULL,
  body bytea NOT NULL CHECK (length(body) <= 40960),
  -- A row whose hash is not the hash of its body cannot be written at all, not even by a
  -- superuser who switches triggers off (CHECK constraints still hold then).
  hash bytea NOT NULL CHECK (length(hash) = 32),
  CONSTRAINT audit_events_hash_is_sha256_of_body CHECK (hash = sha256(body))
);
CREATE INDEX audit_events_case_id_seq_idx ON audit_events (case_id, seq);

-- Inserting: the row must extend the chain. lib/audit/append-audit-event.ts takes an advisory
-- lock, reads the head and writes seq = head + 1 with prev = the head's hash; this trigger
-- refuses any other writer's row that would leave a gap, fork the chain, or say in its columns
-- something its body does not.
CREATE FUNCTION verity_audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head_seq bigint;
  head_hash bytea;
  doc jsonb;
BEGIN
  SELECT seq, hash INTO head_seq, head_hash FROM audit_events ORDER BY seq DESC LIMIT 1;
  IF NEW.seq <> coalesce(head_seq, 0) + 1 THEN
    RAISE EXCEPTION 'verity: audit event % refused: the next event is %', NEW.seq, coalesce(head_seq, 0) + 1
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  doc := convert_from(NEW.body, 'UTF8')::jsonb;
  IF doc->>'prev' IS DISTINCT FROM coalesce(encode(head_hash, 'hex'), repeat('0', 64))
     OR (doc->>'seq')::bigint IS DISTINCT FROM NEW.seq
     OR doc->>'action' IS DISTINCT FROM NEW.action
     OR (doc->>'caseId')::uuid IS DISTINCT FROM NEW.case_id
     OR (doc->>'actorId')::uuid IS DISTINCT FROM NEW.actor_id
     OR (doc->>'subjectId')::uuid IS DISTINCT FROM NEW.subject_id
     OR (doc->>'at')::timestamptz IS DISTINCT FROM NEW.created_at
     OR doc->'details' IS DISTINCT FROM NEW.details THEN
    RAISE EXCEPTION 'verity: audit event % refused: its body does not extend the chain or does not match its columns', NEW.seq
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION verity_audit_chain();
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION verity_record_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION verity_record_append_only();

-- migrate:down
DROP TABLE audit_events;
DROP FUNCTION verity_audit_chain();
