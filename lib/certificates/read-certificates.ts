import 'server-only';
import { getPool } from '@/lib/db/pool';
/**
 * Stored certificates as rows and as files. The body column holds the exact bytes the court
 * signed; it is parsed (and checked to be a valid body in its canonical form) every time it is
 * read, so a row edited behind the portal's back is an error, never a silently different file.
 */
import { bytesEqual, bytesToBase64 } from '@/lib/tlog';
import { certificateSigningBytes } from './format/canonical';
import {
  CERTIFICATE_FORMAT,
  type CertificateBody,
  type CertificateFile,
  ZCertificateBody,
} from './format/certificate-body';

export interface CertificateRecord {
  id: string;
  number: string;
  courtId: string;
  caseId: string;
  exhibitId: string;
  keyId: string;
  issuedAt: Date;
  issuedBy: string;
  body: CertificateBody;
  file: CertificateFile;
  revocation: { reason: string; at: Date; by: string } | null;
}

interface Row {
  id: string;
  number: string;
  court_id: string;
  case_id: string;
  exhibit_id: string;
  key_id: string;
  issued_at: Date;
  issuer: string;
  body: Buffer;
  signature: Buffer;
  public_key: Buffer;
  revoked_reason: string | null;
  revoked_at: Date | null;
  revoker: string | null;
}

const SELECT = `
  SELECT ce.id, ce.number, ce.court_id, ce.case_id, ce.exhibit_id, ce.key_id, ce.issued_at, iu.name AS issuer,
         ce.body, ce.signature, ce.public_key,
         r.reason AS revoked_reason, r.revoked_at, ru.name AS revoker
    FROM certificates ce
    JOIN users iu ON iu.id = ce.issued_by
    LEFT JOIN certificate_revocations r ON r.certificate_id = ce.id
    LEFT JOIN users ru ON ru.id = r.revoked_by`;

export async function readCertificates(
  where:
    | { ids: readonly string[] }
    | {
        caseId: string;
        /** Only this exhibit's certificates. */
        exhibitId?: string;
        /** A window of the list (oldest first): at most `limit` from `offset`. */
        limit?: number;
        offset?: number;
      },
): Promise<CertificateRecord[]> {
  if ('ids' in where) {
    const { rows } = await getPool().query<Row>(
      `${SELECT} WHERE ce.id = ANY($1::uuid[]) ORDER BY ce.issued_at, ce.number`,
      [where.ids],
    );
    return rows.map(toRecord);
  }
  const { rows } = await getPool().query<Row>(
    `${SELECT} WHERE ce.case_id = $1 AND ($2::uuid IS NULL OR ce.exhibit_id = $2::uuid)
      ORDER BY ce.issued_at, ce.number LIMIT $3 OFFSET $4`,
    [where.caseId, where.exhibitId ?? null, where.limit ?? null, where.offset ?? 0],
  );
  return rows.map(toRecord);
}

/** How many certificates a case has, and how many of them stand (not revoked). */
export async function countCertificates(caseId: string): Promise<{ total: number; valid: number }> {
  const { rows } = await getPool().query<{ total: number; valid: number }>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE r.certificate_id IS NULL)::int AS valid
       FROM certificates ce LEFT JOIN certificate_revocations r ON r.certificate_id = ce.id
      WHERE ce.case_id = $1`,
    [caseId],
  );
  return rows[0] ?? { total: 0, valid: 0 };
}

function toRecord(row: Row): CertificateRecord {
  const bytes = new Uint8Array(row.body);
  const body = ZCertificateBody.parse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)));
  if (!bytesEqual(certificateSigningBytes(body), bytes)) {
    throw new Error(`certificate ${row.id}: the stored body is not in canonical form`);
  }
  return {
    id: row.id,
    number: row.number,
    courtId: row.court_id,
    caseId: row.case_id,
    exhibitId: row.exhibit_id,
    keyId: row.key_id,
    issuedAt: row.issued_at,
    issuedBy: row.issuer,
    body,
    file: {
      format: CERTIFICATE_FORMAT,
      body,
      signature: {
        algorithm: 'ed25519',
        keyId: row.key_id,
        publicKey: bytesToBase64(new Uint8Array(row.public_key)),
        value: bytesToBase64(new Uint8Array(row.signature)),
      },
    },
    revocation:
      row.revoked_at && row.revoked_reason !== null
        ? { reason: row.revoked_reason, at: row.revoked_at, by: row.revoker ?? '' }
        : null,
  };
}
