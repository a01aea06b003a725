-- migrate:up
-- No query reads deposits by organisation: lookups go by ID or digest, the audit and the
-- sequencer by leaf index, and organisations can no longer be deleted (20261127050000), so no
-- key check needs it either. Each deposit still paid for an entry in this index, in the
-- sealing transaction that every other deposit waits on. A page that lists an organisation's
-- deposits should bring back an index that serves it, e.g. (org_id, deposited_at).
DROP INDEX deposits_org_id_idx;

-- migrate:down
CREATE INDEX deposits_org_id_idx ON deposits (org_id);
