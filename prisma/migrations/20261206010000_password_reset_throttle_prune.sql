-- migrate:up
-- Single-use links to choose a new password (issue #16): 30 minutes, stored as SHA-256 of a
-- 32-byte random token (the link carries the token, the database only its hash), used at most
-- once — enforced by `UPDATE … WHERE used_at IS NULL` (lib/auth/reset-password.ts). A person may
-- hold several unused links (each request sends one); using one ends them all.
CREATE TABLE password_reset_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id),
  token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  -- The administrator who sent the link; null when the person asked for it on the sign-in page.
  requested_by uuid REFERENCES users(id),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  expires_at timestamptz(3) NOT NULL,
  used_at timestamptz(3),
  CONSTRAINT password_reset_tokens_expiry CHECK (expires_at > created_at)
);
CREATE INDEX password_reset_tokens_open_idx ON password_reset_tokens (user_id) WHERE used_at IS NULL;

-- Old throttle rows are pruned (lib/auth/login-throttle.ts): found by the start of their window.
CREATE INDEX login_throttle_window_start_idx ON login_throttle (window_start);

-- migrate:down
DROP INDEX login_throttle_window_start_idx;
DROP TABLE password_reset_tokens;
