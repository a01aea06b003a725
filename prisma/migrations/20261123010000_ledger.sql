-- migrate:up
-- Depositors: organisations that write to the ledger through the API.
CREATE TABLE depositor_orgs (
  id uuid PRIMARY KEY,
  name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
  created_at timestamptz(3) NOT NULL DEFAULT now()
);

-- API keys: `vrt_<lookup_id>_<secret>`; only an HMAC of the secret is stored (see lib/depositors).
CREATE TABLE api_keys (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES depositor_orgs(id),
  lookup_id text NOT NULL UNIQUE,
  secret_hash bytea NOT NULL CHECK (length(secret_hash) = 32),
  label text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  revoked_at timestamptz(3)
);
CREATE INDEX api_keys_org_id_idx ON api_keys (org_id);

-- Public keys a depositor signs statements with (Ed25519: 32 bytes; SM2: 65 bytes, uncompressed).
CREATE TABLE depositor_keys (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES depositor_orgs(id),
  algorithm text NOT NULL CHECK (algorithm IN ('ed25519', 'sm2')),
  public_key bytea NOT NULL,
  label text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  revoked_at timestamptz(3),
  UNIQUE (org_id, public_key)
);

-- The ledger. Append-only: the trigger below refuses UPDATE, DELETE and TRUNCATE.
-- deposits: every accepted statement; `leaf` is its exact leaf bytes (RFC 8785 JSON).
CREATE TABLE deposits (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES depositor_orgs(id),
  leaf bytea NOT NULL,
  leaf_hash bytea NOT NULL CHECK (length(leaf_hash) = 32),
  sha256 bytea CHECK (length(sha256) = 32),
  sm3 bytea CHECK (length(sm3) = 32),
  deposited_at timestamptz(3) NOT NULL,
  CHECK (sha256 IS NOT NULL OR sm3 IS NOT NULL)
);
CREATE INDEX deposits_sha256_idx ON deposits (sha256) WHERE sha256 IS NOT NULL;
CREATE INDEX deposits_sm3_idx ON deposits (sm3) WHERE sm3 IS NOT NULL;
CREATE INDEX deposits_org_id_idx ON deposits (org_id);

-- log_leaves: the position of each sealed deposit in the Merkle tree.
CREATE TABLE log_leaves (
  leaf_index bigint PRIMARY KEY CHECK (leaf_index >= 0),
  deposit_id uuid NOT NULL UNIQUE REFERENCES deposits(id)
);

-- log_nodes: the hash of every complete subtree, level 0 = leaf hashes; node (level, i) covers
-- leaves [i·2^level, (i+1)·2^level). Any proof needs O(log n) of these rows.
CREATE TABLE log_nodes (
  level smallint NOT NULL CHECK (level BETWEEN 0 AND 63),
  node_index bigint NOT NULL CHECK (node_index >= 0),
  hash bytea NOT NULL CHECK (length(hash) = 32),
  PRIMARY KEY (level, node_index)
);

-- checkpoints: every signed checkpoint the log has issued (C2SP signed note text).
CREATE TABLE checkpoints (
  tree_size bigint PRIMARY KEY CHECK (tree_size >= 0),
  root_hash bytea NOT NULL CHECK (length(root_hash) = 32),
  note text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);

CREATE FUNCTION verity_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'verity: % on % refused: the evidence ledger is append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER deposits_append_only BEFORE UPDATE OR DELETE ON deposits
  FOR EACH ROW EXECUTE FUNCTION verity_ledger_append_only();
CREATE TRIGGER deposits_no_truncate BEFORE TRUNCATE ON deposits
  FOR EACH STATEMENT EXECUTE FUNCTION verity_ledger_append_only();
CREATE TRIGGER log_leaves_append_only BEFORE UPDATE OR DELETE ON log_leaves
  FOR EACH ROW EXECUTE FUNCTION verity_ledger_append_only();
CREATE TRIGGER log_leaves_no_truncate BEFORE TRUNCATE ON log_leaves
  FOR EACH STATEMENT EXECUTE FUNCTION verity_ledger_append_only();
CREATE TRIGGER log_nodes_append_only BEFORE UPDATE OR DELETE ON log_nodes
  FOR EACH ROW EXECUTE FUNCTION verity_ledger_append_only();
CREATE TRIGGER log_nodes_no_truncate BEFORE TRUNCATE ON log_nodes
  FOR EACH STATEMENT EXECUTE FUNCTION verity_ledger_append_only();
CREATE TRIGGER checkpoints_append_only BEFORE UPDATE OR DELETE ON checkpoints
  FOR EACH ROW EXECUTE FUNCTION verity_ledger_append_only();
CREATE TRIGGER checkpoints_no_truncate BEFORE TRUNCATE ON checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION verity_ledger_append_only();

-- Deposits accepted with ?wait=false, waiting for the sequencer. A work queue, not part of the
-- ledger: a row leaves it in the transaction that seals its deposit.
CREATE TABLE sequence_queue (
  deposit_id uuid PRIMARY KEY REFERENCES deposits(id),
  enqueued_at timestamptz(3) NOT NULL DEFAULT now()
);

-- Idempotency-Key header: the same key and body from the same organisation returns the same deposits.
CREATE TABLE idempotency_keys (
  org_id uuid NOT NULL REFERENCES depositor_orgs(id),
  key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
  request_hash bytea NOT NULL CHECK (length(request_hash) = 32),
  deposit_ids uuid[] NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, key)
);

-- migrate:down
DROP TABLE idempotency_keys;
DROP TABLE sequence_queue;
DROP TABLE checkpoints;
DROP TABLE log_nodes;
DROP TABLE log_leaves;
DROP TABLE deposits;
DROP FUNCTION verity_ledger_append_only();
DROP TABLE depositor_keys;
DROP TABLE api_keys;
DROP TABLE depositor_orgs;
