-- migrate:up
-- Sessions the server can end (issue #16). The session cookie (a next-auth JWT) carries the
-- session's id; every request checks that its row exists, belongs to the cookie's person, has not
-- ended and has not expired. Signing out ends one row; disabling a person, changing their role or
-- their password ends all of theirs (lib/auth/end-sessions.ts), so a copied cookie stops working.
CREATE TABLE user_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  expires_at timestamptz(3) NOT NULL,
  ended_at timestamptz(3),
  end_reason text CHECK (end_reason IN ('signed_out', 'disabled', 'role_changed', 'password_changed')),
  CONSTRAINT user_sessions_ended_with_reason CHECK ((ended_at IS NULL) = (end_reason IS NULL))
);
CREATE INDEX user_sessions_open_idx ON user_sessions (user_id) WHERE ended_at IS NULL;

-- The language a person reads the portal's e-mail in (the pages follow the reader's choice).
ALTER TABLE users ADD COLUMN locale text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en'));

-- Mail to send, written in the same transaction as what it announces (an invitation, a reset,
-- a notification), so nothing is announced that was not done and nothing done goes unannounced
-- for good: a sender delivers queued rows, retries failures with back-off, and an admin can see
-- and resend them (lib/mail).
CREATE TABLE mail_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  recipient text NOT NULL CHECK (length(recipient) BETWEEN 3 AND 254),
  locale text NOT NULL CHECK (locale IN ('zh-CN', 'en')),
  template text NOT NULL CHECK (template ~ '^[a-z]+(-[a-z]+)*$'),
  params jsonb NOT NULL CHECK (jsonb_typeof(params) = 'object'),
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz(3) NOT NULL DEFAULT now(),
  last_error text,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  sent_at timestamptz(3)
);
CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at) WHERE status = 'queued';

-- migrate:down
DROP TABLE mail_outbox;
ALTER TABLE users DROP COLUMN locale;
DROP TABLE user_sessions;
