-- migrate:up
-- Appends no longer hold a row lock (and a database connection) while a body arrives (issue #21,
-- finding 1): a request claims the upload with a lease in a short transaction, streams the body
-- with no connection held, and records what it wrote in a second short transaction. The lease
-- is what makes a second PATCH to the same upload CONFLICT at once, from any process; it is
-- renewed while the body streams and expires on its own when the process holding it dies.

ALTER TABLE uploads
  ADD COLUMN lease_token uuid,
  ADD COLUMN lease_until timestamptz(3),
  ADD CONSTRAINT uploads_lease_whole CHECK ((lease_token IS NULL) = (lease_until IS NULL));

-- The per-person limit counts one person's live leases (lib/evidence/claim-upload.ts) among
-- their uploads, which uploads_user_id_idx finds (at most a few open ones each).

-- migrate:down
ALTER TABLE uploads DROP CONSTRAINT uploads_lease_whole, DROP COLUMN lease_until, DROP COLUMN lease_token;
