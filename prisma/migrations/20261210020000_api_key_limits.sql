-- migrate:up
-- Per-API-key deposit limits (issue #21, finding 3). NULL means "the server's default"
-- (VERITY_DEPOSIT_RATE_PER_MINUTE, VERITY_DEPOSIT_BURST, VERITY_DEPOSIT_DAILY_QUOTA); a value is
-- the administrator's override for that key. Counted in deposits, not requests.
ALTER TABLE api_keys
  ADD COLUMN rate_per_minute integer CHECK (rate_per_minute > 0),
  ADD COLUMN rate_burst integer CHECK (rate_burst > 0),
  ADD COLUMN daily_quota integer CHECK (daily_quota > 0);

-- What each key has used: one row per key, holding the current UTC day's deposit count (reset
-- when the day changes, so the table never grows past one row per key) and the rate limiter's
-- state as a GCRA "theoretical arrival time" (the bucket is full when rate_tat <= now()).
-- UNLOGGED: the limiter's UPDATE runs on every deposit request, and one hot key's requests queue
-- on its row; without WAL its commit waits on no flush, so the row is held for microseconds,
-- not a disk write. The cost: after a PostgreSQL crash (not a clean restart) the table is empty,
-- so every key starts the day and its burst afresh. Deposits themselves are never in here.
CREATE UNLOGGED TABLE api_key_usage (
  api_key_id uuid PRIMARY KEY REFERENCES api_keys(id),
  day date NOT NULL,
  deposits integer NOT NULL CHECK (deposits >= 0),
  rate_tat timestamptz NOT NULL
);

-- migrate:down
DROP TABLE api_key_usage;
ALTER TABLE api_keys DROP COLUMN rate_per_minute, DROP COLUMN rate_burst, DROP COLUMN daily_quota;
