-- migrate:up
-- Uploads in progress (lib/evidence): working state, not court records. A row may be updated
-- as bytes arrive and deleted when cancelled or stale; the exhibit made from a completed upload
-- is the record. The bytes received so far live in <evidence dir>/uploads/<id>.part.
CREATE TYPE upload_status AS ENUM ('open', 'complete', 'failed', 'consumed');

CREATE TABLE uploads (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  media_type text NOT NULL CHECK (length(media_type) BETWEEN 1 AND 255),
  size bigint NOT NULL CHECK (size >= 0),
  -- The digests the uploader's browser computed: a claim, checked against the server's own
  -- hash of the received bytes when the last byte arrives.
  expected_sha256 bytea NOT NULL CHECK (length(expected_sha256) = 32),
  expected_sm3 bytea NOT NULL CHECK (length(expected_sm3) = 32),
  -- Bytes written, fsync'd and hashed; the part file is truncated back to this on resume.
  received bigint NOT NULL DEFAULT 0 CHECK (received BETWEEN 0 AND size),
  status upload_status NOT NULL DEFAULT 'open',
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  completed_at timestamptz(3),
  CHECK ((status IN ('complete', 'consumed')) = (completed_at IS NOT NULL)),
  CHECK (status IN ('open', 'failed') OR received = size)
);
CREATE INDEX uploads_user_id_idx ON uploads (user_id);
CREATE INDEX uploads_case_id_idx ON uploads (case_id);
-- cleanupUploads: stale uploads by status and age.
CREATE INDEX uploads_status_updated_at_idx ON uploads (status, updated_at);

-- migrate:down
DROP TABLE uploads;
DROP TYPE upload_status;
