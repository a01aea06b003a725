-- migrate:up
-- A depositor organisation's deposit history (issue #17): the deposit page lists an
-- organisation's deposits newest first, a page at a time; (org_id, deposited_at, id) serves
-- that order and its ties (a batch shares one time). 20261128010000 dropped the plain org_id
-- index for the sealing transaction's sake and asked that such a page bring back one that serves it.
CREATE INDEX deposits_org_time_idx ON deposits (org_id, deposited_at, id);

-- The titles depositors typed on the deposit page, kept for their organisation's history and
-- deposit certificates. The ledger records only SHA-256 of a title (the leaf's titleSha256);
-- the portal writes a title here only after checking it against that digest, so a stored title
-- is exactly the one the leaf commits to. File names are not stored (they stay in the receipt
-- file the depositor keeps). Append-only, like the deposits they describe.
CREATE TABLE deposit_titles (
  deposit_id uuid PRIMARY KEY REFERENCES deposits(id),
  org_id uuid NOT NULL REFERENCES depositor_orgs(id),
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 500),
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX deposit_titles_org_id_idx ON deposit_titles (org_id);

CREATE TRIGGER deposit_titles_append_only BEFORE UPDATE OR DELETE ON deposit_titles
  FOR EACH ROW EXECUTE FUNCTION verity_ledger_append_only();
CREATE TRIGGER deposit_titles_no_truncate BEFORE TRUNCATE ON deposit_titles
  FOR EACH STATEMENT EXECUTE FUNCTION verity_ledger_append_only();

-- migrate:down
DROP TABLE deposit_titles;
DROP INDEX deposits_org_time_idx;
