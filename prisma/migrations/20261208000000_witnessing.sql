-- migrate:up
-- Witnessing (issue #18, lib/witnessing): what the log's witnesses answered. Both tables are part of
-- the ledger and append-only like it (the ledger's trigger function refuses UPDATE, DELETE, TRUNCATE).

-- A witness's cosignature of one checkpoint (C2SP tlog-cosignature): the signature line it returned,
-- verified against the witness's configured key before it was stored. One row per checkpoint and
-- witness key; a witness's last cosigned size is the largest tree_size of its key here.
CREATE TABLE checkpoint_cosignatures (
  tree_size bigint NOT NULL REFERENCES checkpoints(tree_size),
  -- The witness's cosigner verifier key as configured, <key name>+<8 hex>+<base64>.
  witness_key text NOT NULL CHECK (length(witness_key) BETWEEN 1 AND 4096),
  -- The institution's name (VERITY_WITNESSES "name") when it cosigned.
  witness_name text NOT NULL CHECK (length(witness_name) BETWEEN 1 AND 100),
  -- The note signature line, "— <key name> <base64>\n", as the witness sent it.
  signature_line text NOT NULL CHECK (length(signature_line) BETWEEN 1 AND 8192),
  -- The time inside the cosignature (its own clock), and when the log received it.
  cosigned_at timestamptz(3) NOT NULL,
  received_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tree_size, witness_key)
);
CREATE INDEX checkpoint_cosignatures_witness ON checkpoint_cosignatures (witness_key, tree_size);

-- A witness refused a checkpoint in a way that means someone saw another history of the log: a bad
-- consistency proof (422), the same size with another root, or a size larger than the log ever
-- signed (409). The evidence is kept whole: what was sent, what came back, and what the witness
-- says it holds.
CREATE TABLE witness_alarms (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('proof_refused', 'other_root', 'ahead_of_log')),
  witness_key text NOT NULL CHECK (length(witness_key) BETWEEN 1 AND 4096),
  witness_name text NOT NULL CHECK (length(witness_name) BETWEEN 1 AND 100),
  witness_url text NOT NULL CHECK (length(witness_url) BETWEEN 1 AND 2048),
  -- The log's signed checkpoint that was sent, the old size and the proof lines sent with it.
  checkpoint_size bigint NOT NULL CHECK (checkpoint_size >= 0),
  checkpoint text NOT NULL,
  old_size bigint NOT NULL CHECK (old_size >= 0),
  proof text[] NOT NULL,
  -- The witness's answer: status, body (at most 64 KiB kept), and the size it said it holds (409).
  status integer NOT NULL,
  response_body text NOT NULL,
  witness_size bigint CHECK (witness_size >= 0),
  -- The checkpoint the witness holds (its monitoring endpoint), when it could be read.
  witness_checkpoint text,
  detected_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX witness_alarms_detected ON witness_alarms (detected_at, id);

CREATE TRIGGER checkpoint_cosignatures_append_only BEFORE UPDATE OR DELETE ON checkpoint_cosignatures
  FOR EACH ROW EXECUTE FUNCTION verity_ledger_append_only();
CREATE TRIGGER checkpoint_cosignatures_no_truncate BEFORE TRUNCATE ON checkpoint_cosignatures
  FOR EACH STATEMENT EXECUTE FUNCTION verity_ledger_append_only();
CREATE TRIGGER witness_alarms_append_only BEFORE UPDATE OR DELETE ON witness_alarms
  FOR EACH ROW EXECUTE FUNCTION verity_ledger_append_only();
CREATE TRIGGER witness_alarms_no_truncate BEFORE TRUNCATE ON witness_alarms
  FOR EACH STATEMENT EXECUTE FUNCTION verity_ledger_append_only();

-- migrate:down
DROP TABLE witness_alarms;
DROP TABLE checkpoint_cosignatures;
