-- migrate:up
-- The court's side: exhibits submitted to cases, their verifications and the judge's
-- determinations. Nothing here is ever updated or deleted (the chain-of-custody log has
-- recorded it): the triggers below refuse UPDATE, DELETE and TRUNCATE.
CREATE TYPE exhibit_kind AS ENUM ('file', 'hash_only');
CREATE TYPE verdict AS ENUM ('consistent', 'tampered', 'not_found', 'pending', 'invalid_proof');
CREATE TYPE verification_site AS ENUM ('server', 'browser');
CREATE TYPE determination_outcome AS ENUM ('accepted', 'rejected', 'expert_review');

-- The evidence store's index: one row per distinct content, addressed by its SHA-256; the
-- bytes live on disk (lib/evidence). Written only once the server's own hash of the
-- uploaded bytes is known.
CREATE TABLE evidence_blobs (
  sha256 bytea PRIMARY KEY CHECK (length(sha256) = 32),
  sm3 bytea NOT NULL CHECK (length(sm3) = 32),
  size bigint NOT NULL CHECK (size >= 0),
  stored_at timestamptz(3) NOT NULL DEFAULT now()
);

-- An exhibit: a file (kind 'file', bytes in the evidence store, digests computed by the
-- server) or a hash-only exhibit (kind 'hash_only', digests given by the party's browser).
CREATE TABLE exhibits (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  number integer NOT NULL CHECK (number >= 1),
  submitted_by uuid NOT NULL REFERENCES users(id),
  party_role case_role NOT NULL CHECK (party_role IN ('plaintiff', 'defendant')),
  kind exhibit_kind NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  file_name text CHECK (length(file_name) BETWEEN 1 AND 255),
  media_type text CHECK (length(media_type) <= 255),
  size bigint CHECK (size >= 0),
  sha256 bytea NOT NULL CHECK (length(sha256) = 32),
  sm3 bytea NOT NULL CHECK (length(sm3) = 32),
  blob_sha256 bytea REFERENCES evidence_blobs(sha256),
  claimed_deposit_id uuid REFERENCES deposits(id),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE (case_id, number),
  CHECK ((kind = 'file') = (blob_sha256 IS NOT NULL)),
  CHECK (kind = 'hash_only' OR (blob_sha256 = sha256 AND size IS NOT NULL AND file_name IS NOT NULL))
);
CREATE INDEX exhibits_case_id_idx ON exhibits (case_id);
CREATE INDEX exhibits_blob_sha256_idx ON exhibits (blob_sha256) WHERE blob_sha256 IS NOT NULL;

-- Every verification of an exhibit against the ledger: who asked, where the digests were
-- computed (the server's hash of the stored bytes, or someone's browser), what was found.
CREATE TABLE verifications (
  id uuid PRIMARY KEY,
  exhibit_id uuid NOT NULL REFERENCES exhibits(id),
  verified_by uuid NOT NULL REFERENCES users(id),
  site verification_site NOT NULL,
  sha256 bytea NOT NULL CHECK (length(sha256) = 32),
  sm3 bytea NOT NULL CHECK (length(sm3) = 32),
  verdict verdict NOT NULL,
  deposit_id uuid REFERENCES deposits(id),
  checkpoint_size bigint CHECK (checkpoint_size >= 0),
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX verifications_exhibit_id_idx ON verifications (exhibit_id, created_at);

-- The judge's determination on an exhibit; the latest one stands, earlier ones stay on record.
CREATE TABLE determinations (
  id uuid PRIMARY KEY,
  exhibit_id uuid NOT NULL REFERENCES exhibits(id),
  judge_id uuid NOT NULL REFERENCES users(id),
  outcome determination_outcome NOT NULL,
  reasoning text NOT NULL CHECK (length(reasoning) BETWEEN 1 AND 5000),
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX determinations_exhibit_id_idx ON determinations (exhibit_id, created_at);

CREATE FUNCTION verity_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'verity: % on % refused: court records are append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER evidence_blobs_append_only BEFORE UPDATE OR DELETE ON evidence_blobs
  FOR EACH ROW EXECUTE FUNCTION verity_record_append_only();
CREATE TRIGGER evidence_blobs_no_truncate BEFORE TRUNCATE ON evidence_blobs
  FOR EACH STATEMENT EXECUTE FUNCTION verity_record_append_only();
CREATE TRIGGER exhibits_append_only BEFORE UPDATE OR DELETE ON exhibits
  FOR EACH ROW EXECUTE FUNCTION verity_record_append_only();
CREATE TRIGGER exhibits_no_truncate BEFORE TRUNCATE ON exhibits
  FOR EACH STATEMENT EXECUTE FUNCTION verity_record_append_only();
CREATE TRIGGER verifications_append_only BEFORE UPDATE OR DELETE ON verifications
  FOR EACH ROW EXECUTE FUNCTION verity_record_append_only();
CREATE TRIGGER verifications_no_truncate BEFORE TRUNCATE ON verifications
  FOR EACH STATEMENT EXECUTE FUNCTION verity_record_append_only();
CREATE TRIGGER determinations_append_only BEFORE UPDATE OR DELETE ON determinations
  FOR EACH ROW EXECUTE FUNCTION verity_record_append_only();
CREATE TRIGGER determinations_no_truncate BEFORE TRUNCATE ON determinations
  FOR EACH STATEMENT EXECUTE FUNCTION verity_record_append_only();

-- A case that has exhibits cannot be deleted (exhibits reference it without cascade), and
-- its members cannot be removed silently either: membership changes go through the audit log.

-- migrate:down
DROP TABLE determinations;
DROP TABLE verifications;
DROP TABLE exhibits;
DROP TABLE evidence_blobs;
DROP FUNCTION verity_record_append_only();
DROP TYPE determination_outcome;
DROP TYPE verification_site;
DROP TYPE verdict;
DROP TYPE exhibit_kind;
