-- migrate:up
-- Depositor accounts: people of a depositor organisation who deposit from the portal (issue #4).
ALTER TYPE role ADD VALUE 'depositor';

-- A depositor account belongs to exactly one organisation; no other account belongs to one.
-- The check compares role as text: a value added by ALTER TYPE cannot be used as an enum
-- literal in the transaction that adds it (dbmate runs each file in one transaction).
ALTER TABLE users
  ADD COLUMN depositor_org_id uuid REFERENCES depositor_orgs(id),
  ADD CONSTRAINT users_depositor_org_check CHECK ((role::text = 'depositor') = (depositor_org_id IS NOT NULL));
CREATE INDEX users_depositor_org_id_idx ON users (depositor_org_id);

-- migrate:down
-- PostgreSQL cannot drop an enum value: the type is rebuilt without it, after the depositor
-- accounts are removed.
DROP INDEX users_depositor_org_id_idx;
ALTER TABLE users DROP CONSTRAINT users_depositor_org_check;
DELETE FROM users WHERE role::text = 'depositor';
ALTER TABLE users DROP COLUMN depositor_org_id;
ALTER TYPE role RENAME TO role_old;
CREATE TYPE role AS ENUM ('litigant', 'judge', 'clerk', 'admin');
ALTER TABLE users ALTER COLUMN role TYPE role USING role::text::role;
DROP TYPE role_old;
