-- migrate:up
-- The court's own sign-in (issue #16): OpenID Connect through the court's identity system,
-- configured by an administrator (lib/auth/oidc). One row for the whole portal: a Verity
-- installation serves one court, and the sign-in page must know the provider before it knows who
-- is signing in. Accounts are still invited and given roles in Verity; a sign-in through the
-- provider only finds the active account whose e-mail address the configured claim names.
-- The client secret is stored encrypted (AES-256-GCM under a key derived from NEXTAUTH_SECRET,
-- which lives outside the database): 12-byte nonce || ciphertext || 16-byte tag.
CREATE TABLE oidc_config (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  enabled boolean NOT NULL,
  issuer text NOT NULL CHECK (length(issuer) BETWEEN 8 AND 500),
  client_id text NOT NULL CHECK (length(client_id) BETWEEN 1 AND 500),
  client_secret_enc bytea NOT NULL CHECK (length(client_secret_enc) > 28),
  email_claim text NOT NULL CHECK (email_claim ~ '^[A-Za-z0-9_.:-]{1,100}$'),
  display_name_zh text NOT NULL CHECK (length(display_name_zh) BETWEEN 1 AND 100),
  display_name_en text NOT NULL CHECK (length(display_name_en) BETWEEN 1 AND 100),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_by uuid NOT NULL REFERENCES users(id)
);

-- migrate:down
DROP TABLE oidc_config;
