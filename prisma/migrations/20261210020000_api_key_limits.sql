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

-- Charges the requests of one key in order, each wholly or not at all, in one statement: a
-- server process sends the requests that arrived while its previous charge for the key was in
-- flight together (lib/depositors/charge-deposit-limits.ts), so a busy key costs one statement per
-- round trip rather than one per request queueing on the row. p_interval: seconds per deposit
-- (0: no rate limit); p_quota NULL: no daily quota. Days are UTC.
CREATE FUNCTION verity_charge_deposits(p_key uuid, p_counts integer[], p_interval float8, p_burst integer, p_quota integer)
RETURNS TABLE (accepted boolean[], used integer, tat_ms float8, now_ms float8)
LANGUAGE plpgsql AS $$
DECLARE
  today date := (now() AT TIME ZONE 'UTC')::date;
  u api_key_usage%ROWTYPE;
  n integer;
  t timestamptz;
  result boolean[] := '{}';
BEGIN
  INSERT INTO api_key_usage (api_key_id, day, deposits, rate_tat) VALUES (p_key, today, 0, now())
    ON CONFLICT (api_key_id) DO NOTHING;
  SELECT * INTO u FROM api_key_usage WHERE api_key_id = p_key FOR UPDATE;
  IF u.day <> today THEN
    u.day := today;
    u.deposits := 0;
  END IF;
  FOREACH n IN ARRAY p_counts LOOP
    -- GCRA: n deposits fit while the bucket's debt after them stays within the burst.
    t := greatest(u.rate_tat, now());
    IF (p_quota IS NULL OR u.deposits + n <= p_quota)
       AND (p_interval = 0 OR t <= now() + make_interval(secs => (p_burst - n) * p_interval)) THEN
      u.deposits := u.deposits + n;
      u.rate_tat := t + make_interval(secs => n * p_interval);
      result := result || true;
    ELSE
      result := result || false;
    END IF;
  END LOOP;
  UPDATE api_key_usage SET day = u.day, deposits = u.deposits, rate_tat = u.rate_tat WHERE api_key_id = p_key;
  RETURN QUERY SELECT result, u.deposits, extract(epoch FROM u.rate_tat)::float8 * 1000,
    extract(epoch FROM now())::float8 * 1000;
END
$$;

-- migrate:down
DROP FUNCTION verity_charge_deposits(uuid, integer[], float8, integer, integer);
DROP TABLE api_key_usage;
ALTER TABLE api_keys DROP COLUMN rate_per_minute, DROP COLUMN rate_burst, DROP COLUMN daily_quota;
