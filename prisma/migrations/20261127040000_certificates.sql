-- migrate:up
-- Verification certificates (issue #6): what the court signed, byte for byte, and revocations.
-- Both are court records: never updated or deleted (verity_record_append_only(), from the
-- exhibits migration). A certificate is corrected by revoking it and issuing a new one.

-- `body` is the RFC 8785 canonical JSON that was signed (lib/certificates/canonical.ts), kept
-- as bytes so the served file is exactly what the signature covers. Numbers are
-- VC-<year>-<serial, 6 digits> per court and year (Beijing time), gap-free: serials are assigned
-- under a lock on the court's row (lib/certificates/write-certificates.ts). Courts number
-- independently, so the number is unique per court.
CREATE TABLE certificates (
  id uuid PRIMARY KEY,
  court_id uuid NOT NULL REFERENCES courts(id),
  year smallint NOT NULL CHECK (year BETWEEN 2000 AND 9999),
  serial integer NOT NULL CHECK (serial BETWEEN 1 AND 999999),
  number text NOT NULL CHECK (number = 'VC-' || year || '-' || lpad(serial::text, 6, '0')),
  exhibit_id uuid NOT NULL REFERENCES exhibits(id),
  case_id uuid NOT NULL REFERENCES cases(id),
  body bytea NOT NULL CHECK (length(body) BETWEEN 2 AND 262144),
  signature bytea NOT NULL CHECK (length(signature) = 64),
  public_key bytea NOT NULL CHECK (length(public_key) = 32),
  key_id text NOT NULL CHECK (key_id ~ '^[0-9a-f]{8}$'),
  issued_by uuid NOT NULL REFERENCES users(id),
  issued_at timestamptz(3) NOT NULL,
  UNIQUE (court_id, number),
  UNIQUE (court_id, year, serial),
  -- The columns repeat the signed body for queries; they must say what the body says.
  CHECK ((convert_from(body, 'UTF8')::jsonb ->> 'id') = id::text),
  CHECK ((convert_from(body, 'UTF8')::jsonb ->> 'number') = number)
);
CREATE INDEX certificates_exhibit_id_idx ON certificates (exhibit_id, issued_at);
CREATE INDEX certificates_case_id_idx ON certificates (case_id, issued_at);

-- A revocation: at most one per certificate, with the clerk's reason (shown publicly on the
-- check page and at GET /api/v1/certificates/{id}/status).
CREATE TABLE certificate_revocations (
  certificate_id uuid PRIMARY KEY REFERENCES certificates(id),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
  revoked_by uuid NOT NULL REFERENCES users(id),
  revoked_at timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TRIGGER certificates_append_only BEFORE UPDATE OR DELETE ON certificates
  FOR EACH ROW EXECUTE FUNCTION verity_record_append_only();
CREATE TRIGGER certificates_no_truncate BEFORE TRUNCATE ON certificates
  FOR EACH STATEMENT EXECUTE FUNCTION verity_record_append_only();
CREATE TRIGGER certificate_revocations_append_only BEFORE UPDATE OR DELETE ON certificate_revocations
  FOR EACH ROW EXECUTE FUNCTION verity_record_append_only();
CREATE TRIGGER certificate_revocations_no_truncate BEFORE TRUNCATE ON certificate_revocations
  FOR EACH STATEMENT EXECUTE FUNCTION verity_record_append_only();

-- migrate:down
DROP TABLE certificate_revocations;
DROP TABLE certificates;
