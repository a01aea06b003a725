-- migrate:up
-- Which verification is an exhibit's standing verdict, defined once: the latest by the server
-- (which hashed the stored bytes itself); for a hash-only exhibit, whose bytes the server never
-- saw, the latest by the server or by the party's browser. Verifications recorded in the same
-- millisecond (created_at has millisecond precision) are ordered by id, so every reader picks
-- the same one. The exhibit list, the exhibit page and certificates all read this view
-- (schema.prisma: StandingVerification); a judge's browser re-verification of a file exhibit
-- stays in the history and never becomes the verdict.
--
-- Written as a lateral join from exhibits, exhibit_id taken from exhibits, rather than DISTINCT ON
-- over verifications: PostgreSQL flattens it into the reader's query, so a condition on
-- exhibit_id (one exhibit, a list, a case's exhibits joined) finds the exhibits by index and
-- reads only their verifications (verifications_exhibit_id_idx), never every verification.
CREATE VIEW standing_verifications AS
SELECT v.id, e.id AS exhibit_id, v.verified_by, v.site, v.sha256, v.sm3, v.verdict, v.deposit_id,
       v.checkpoint_size, v.created_at
  FROM exhibits e
 CROSS JOIN LATERAL (
   SELECT s.* FROM verifications s
    WHERE s.exhibit_id = e.id
      AND (s.site = 'server' OR (e.kind = 'hash_only' AND s.site = 'browser'))
    ORDER BY s.created_at DESC, s.id DESC
    LIMIT 1
 ) v;

-- migrate:down
DROP VIEW standing_verifications;
