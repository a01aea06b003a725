-- migrate:up
-- Issue #16, running a real court: its first start (setup links), its settings, invitations,
-- and what the admin pages show about depositors.

-- The court's public URL (https://verity.court.example, no trailing slash): links in e-mails
-- and certificates. NULL: the portal's configured URL (NEXTAUTH_URL) stands in.
ALTER TABLE courts ADD COLUMN public_url text
  CHECK (public_url IS NULL OR (public_url ~ '^https?://[^\s/?#]+(/[^\s?#]*[^\s?#/])?$' AND length(public_url) <= 500));

-- One-time links that set up the court and its first administrator (printed by `npm start` on
-- an empty database, or used inside `npx verity admin setup`). Only SHA-256 of the 32-byte
-- token is stored. A link is valid until used_at is set: when it is used (court_id then names
-- the court it set up), or when any setup completes (every other link ends with it).
CREATE TABLE setup_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  used_at timestamptz(3),
  court_id uuid REFERENCES courts(id),
  CHECK (court_id IS NULL OR used_at IS NOT NULL)
);

-- Invitations to create an account: staff of a court (judge, clerk, admin, depositor) invited
-- by an admin, or a party to one case (litigant, as plaintiff or defendant) invited by a clerk.
-- Single use (accepted_at), 7 days (expires_at), revocable; only SHA-256 of the token is stored.
CREATE TABLE invitations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  role role NOT NULL,
  court_id uuid NOT NULL REFERENCES courts(id),
  depositor_org_id uuid REFERENCES depositor_orgs(id),
  case_id uuid REFERENCES cases(id) ON DELETE CASCADE,
  case_role case_role,
  locale text NOT NULL CHECK (locale IN ('zh-CN', 'en')),
  invited_by uuid NOT NULL REFERENCES users(id),
  token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  sent_at timestamptz(3) NOT NULL DEFAULT now(),
  expires_at timestamptz(3) NOT NULL,
  accepted_at timestamptz(3),
  accepted_user_id uuid REFERENCES users(id),
  revoked_at timestamptz(3),
  CONSTRAINT invitations_depositor_org CHECK ((role = 'depositor') = (depositor_org_id IS NOT NULL)),
  CONSTRAINT invitations_case_role CHECK ((case_id IS NULL) = (case_role IS NULL)),
  CONSTRAINT invitations_party CHECK (
    (role = 'litigant') = (case_id IS NOT NULL) AND (case_role IS NULL OR case_role IN ('plaintiff', 'defendant'))),
  CONSTRAINT invitations_accepted CHECK ((accepted_at IS NULL) = (accepted_user_id IS NULL)),
  CONSTRAINT invitations_one_end CHECK (accepted_at IS NULL OR revoked_at IS NULL)
);
CREATE INDEX invitations_email_idx ON invitations (email);
CREATE INDEX invitations_court_id_created_at_idx ON invitations (court_id, created_at);
CREATE INDEX invitations_case_id_idx ON invitations (case_id);

-- When an API key last authenticated a request (written at most once a minute per key).
ALTER TABLE api_keys ADD COLUMN last_used_at timestamptz(3);

-- Deposits made per organisation, for the admin pages. Counted by a statement trigger (one
-- UPDATE per organisation per INSERT statement) rather than by count(*) on read: deposits has
-- no index by organisation (20261128010000) and may hold millions of rows. The deposits table
-- cannot tell which API key made a deposit, so there is no count per key.
ALTER TABLE depositor_orgs ADD COLUMN deposit_count bigint NOT NULL DEFAULT 0;
UPDATE depositor_orgs o SET deposit_count = c.n
  FROM (SELECT org_id, count(*) AS n FROM deposits GROUP BY org_id) c WHERE c.org_id = o.id;

CREATE FUNCTION verity_deposits_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  -- In organisation order, so that two statements counting the same organisations cannot deadlock.
  FOR r IN SELECT org_id, count(*) AS n FROM new_rows GROUP BY org_id ORDER BY org_id LOOP
    UPDATE depositor_orgs SET deposit_count = deposit_count + r.n WHERE id = r.org_id;
  END LOOP;
  RETURN NULL;
END
$$;
CREATE TRIGGER deposits_count AFTER INSERT ON deposits
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION verity_deposits_count();

-- migrate:down
DROP TRIGGER deposits_count ON deposits;
DROP FUNCTION verity_deposits_count();
ALTER TABLE depositor_orgs DROP COLUMN deposit_count;
ALTER TABLE api_keys DROP COLUMN last_used_at;
DROP TABLE invitations;
DROP TABLE setup_tokens;
ALTER TABLE courts DROP COLUMN public_url;
