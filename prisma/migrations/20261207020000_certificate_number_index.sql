-- migrate:up
-- Finding a certificate by the number printed on it (with its check code: /certificates,
-- lib/certificates/find-certificate-by-code.ts) without knowing the court: UNIQUE (court_id,
-- number) leads with the court, so the number alone needs its own index.
CREATE INDEX certificates_number_idx ON certificates (number);

-- migrate:down
DROP INDEX certificates_number_idx;
