-- migrate:up
-- Issue #21, finding 2: the evidence store removes files no exhibit references (a completed
-- upload cancelled, or left unused past its grace period; lib/evidence/remove-unreferenced-blob.ts).
-- evidence_blobs is the store's index, not a court record by itself: a row an exhibit references
-- stays for ever (this trigger, and the exhibits foreign key behind it); a row nothing references
-- may now be deleted, together with its file. UPDATE and TRUNCATE stay refused.
DROP TRIGGER evidence_blobs_append_only ON evidence_blobs;

CREATE FUNCTION verity_evidence_blob_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM exhibits WHERE blob_sha256 = OLD.sha256) THEN
    RAISE EXCEPTION 'verity: DELETE on evidence_blobs refused: an exhibit references this file and court records are append-only'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN OLD;
END
$$;

CREATE TRIGGER evidence_blobs_append_only BEFORE UPDATE ON evidence_blobs
  FOR EACH ROW EXECUTE FUNCTION verity_record_append_only();
CREATE TRIGGER evidence_blobs_delete_unreferenced BEFORE DELETE ON evidence_blobs
  FOR EACH ROW EXECUTE FUNCTION verity_evidence_blob_delete();

-- Which uploads hold a stored file (the removal's check, under the blob's lock).
CREATE INDEX uploads_expected_sha256_idx ON uploads (expected_sha256);

-- migrate:down
DROP INDEX uploads_expected_sha256_idx;
DROP TRIGGER evidence_blobs_delete_unreferenced ON evidence_blobs;
DROP TRIGGER evidence_blobs_append_only ON evidence_blobs;
DROP FUNCTION verity_evidence_blob_delete();
CREATE TRIGGER evidence_blobs_append_only BEFORE UPDATE OR DELETE ON evidence_blobs
  FOR EACH ROW EXECUTE FUNCTION verity_record_append_only();
