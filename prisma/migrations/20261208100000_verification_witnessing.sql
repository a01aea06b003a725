-- migrate:up
-- Who vouched for the signed state of the ledger a verification was decided on (issue #18): the
-- server counts the witnesses' cosignatures on the checkpoint of the decisive receipt against the
-- configured policy (lib/verification/witnessed-by.ts, from the signatures alone) and records the
-- answer beside the verification, in the same transaction. No row: the log had no witnesses then
-- (or the verification predates witnessing, or no sealed deposit was checked). Append-only like
-- verifications.
CREATE TABLE verification_witnessing (
  verification_id uuid PRIMARY KEY REFERENCES verifications(id),
  -- k of n as configured when the verification was made.
  quorum integer NOT NULL CHECK (quorum >= 1),
  witnesses integer NOT NULL CHECK (witnesses >= quorum AND witnesses <= 20),
  -- The checkpoint's size whose cosignatures were counted.
  checkpoint_size bigint NOT NULL CHECK (checkpoint_size >= 1),
  -- At least `quorum` valid cosignatures.
  witnessed boolean NOT NULL,
  -- The institutions whose valid cosignatures it carries, in the policy's order:
  -- [{ "name": "示范公证处", "nameEn": "Demo Notary Office" }, …] (nameEn when configured).
  witnessed_by jsonb NOT NULL CHECK (jsonb_typeof(witnessed_by) = 'array' AND jsonb_array_length(witnessed_by) <= witnesses),
  CHECK (witnessed = (jsonb_array_length(witnessed_by) >= quorum))
);
CREATE TRIGGER verification_witnessing_append_only BEFORE UPDATE OR DELETE ON verification_witnessing
  FOR EACH ROW EXECUTE FUNCTION verity_record_append_only();
CREATE TRIGGER verification_witnessing_no_truncate BEFORE TRUNCATE ON verification_witnessing
  FOR EACH STATEMENT EXECUTE FUNCTION verity_record_append_only();

-- migrate:down
DROP TABLE verification_witnessing;
