-- migrate:up
-- Anchors (issue #19, lib/anchor): where checkpoints of the log were fixed outside the operator's
-- reach — a transaction of the EvidenceAnchor contract on an EVM chain, or an RFC 3161 time-stamp
-- token from a time-stamping authority. Part of the ledger and append-only like it: a row is written
-- only after the chain confirmed it (K blocks, block hash re-checked) or the token checked.

CREATE TABLE log_anchors (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('evm', 'rfc3161')),
  tree_size bigint NOT NULL REFERENCES checkpoints(tree_size),
  root_hash bytea NOT NULL CHECK (length(root_hash) = 32),
  -- kind 'evm': the chain, the contract and where the transaction landed.
  chain_id bigint CHECK (chain_id > 0),
  contract text CHECK (contract ~ '^0x[0-9a-f]{40}$'),
  transaction_hash text CHECK (transaction_hash ~ '^0x[0-9a-f]{64}$'),
  block_number bigint CHECK (block_number >= 0),
  block_hash text CHECK (block_hash ~ '^0x[0-9a-f]{64}$'),
  -- kind 'rfc3161': the authority (as configured), the note text the token covers (SHA-256 of its
  -- UTF-8 bytes is the token's message imprint), the DER token and the TSA's chain, root last.
  tsa_url text CHECK (length(tsa_url) BETWEEN 1 AND 2048),
  checkpoint text,
  token bytea CHECK (length(token) BETWEEN 1 AND 65536),
  certificates text[] NOT NULL DEFAULT '{}',
  -- The third party's time: the block's timestamp, or the token's genTime.
  anchored_at timestamptz(3) NOT NULL,
  tsa_name text CHECK (length(tsa_name) BETWEEN 1 AND 512),
  -- Made on the local demo chain or by the demo authority that `npm start` runs: proves nothing.
  demo boolean NOT NULL DEFAULT false,
  recorded_at timestamptz(3) NOT NULL DEFAULT now(),
  CHECK (
    (kind = 'evm' AND chain_id IS NOT NULL AND contract IS NOT NULL AND transaction_hash IS NOT NULL
      AND block_number IS NOT NULL AND block_hash IS NOT NULL
      AND tsa_url IS NULL AND checkpoint IS NULL AND token IS NULL AND cardinality(certificates) = 0 AND tsa_name IS NULL)
    OR
    (kind = 'rfc3161' AND tsa_url IS NOT NULL AND checkpoint IS NOT NULL AND token IS NOT NULL
      AND cardinality(certificates) >= 1 AND tsa_name IS NOT NULL
      AND chain_id IS NULL AND contract IS NULL AND transaction_hash IS NULL AND block_number IS NULL AND block_hash IS NULL)
  )
);
-- One anchor per checkpoint and chain contract, and per checkpoint and TSA: a retry never duplicates.
CREATE UNIQUE INDEX log_anchors_evm_once ON log_anchors (chain_id, contract, tree_size) WHERE kind = 'evm';
CREATE UNIQUE INDEX log_anchors_rfc3161_once ON log_anchors (tsa_url, tree_size) WHERE kind = 'rfc3161';
CREATE INDEX log_anchors_tree_size ON log_anchors (tree_size, kind);

-- The chain holds another root for a size the log anchored: someone wrote a different history there.
CREATE TABLE anchor_alarms (
  id uuid PRIMARY KEY,
  chain_id bigint NOT NULL CHECK (chain_id > 0),
  contract text NOT NULL CHECK (contract ~ '^0x[0-9a-f]{40}$'),
  tree_size bigint NOT NULL CHECK (tree_size >= 0),
  log_root bytea NOT NULL CHECK (length(log_root) = 32),
  chain_root bytea NOT NULL CHECK (length(chain_root) = 32),
  detected_at timestamptz(3) NOT NULL DEFAULT now(),
  UNIQUE (chain_id, contract, tree_size, chain_root)
);

CREATE TRIGGER log_anchors_append_only BEFORE UPDATE OR DELETE ON log_anchors
  FOR EACH ROW EXECUTE FUNCTION verity_ledger_append_only();
CREATE TRIGGER log_anchors_no_truncate BEFORE TRUNCATE ON log_anchors
  FOR EACH STATEMENT EXECUTE FUNCTION verity_ledger_append_only();
CREATE TRIGGER anchor_alarms_append_only BEFORE UPDATE OR DELETE ON anchor_alarms
  FOR EACH ROW EXECUTE FUNCTION verity_ledger_append_only();
CREATE TRIGGER anchor_alarms_no_truncate BEFORE TRUNCATE ON anchor_alarms
  FOR EACH STATEMENT EXECUTE FUNCTION verity_ledger_append_only();

-- How each anchoring target is doing, for admins: not evidence, so it is updated in place. One row
-- per target ('evm:<chain id>:<contract>' or 'rfc3161'); failures are retried with back-off.
CREATE TABLE anchor_status (
  target text PRIMARY KEY CHECK (length(target) BETWEEN 1 AND 200),
  last_success_at timestamptz(3),
  last_failure_at timestamptz(3),
  last_error_code text CHECK (length(last_error_code) BETWEEN 1 AND 64),
  last_error_message text CHECK (length(last_error_message) BETWEEN 1 AND 2000),
  failures_in_row integer NOT NULL DEFAULT 0 CHECK (failures_in_row >= 0),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);

-- migrate:down
DROP TABLE anchor_status;
DROP TABLE anchor_alarms;
DROP TABLE log_anchors;
