import 'server-only';
/**
 * Issues certificates for exhibits of one court, in one transaction: numbers are assigned under
 * a lock on the court's row (FOR NO KEY UPDATE: it serialises issuing in that court and nothing
 * else — rows referencing the court still insert), so they run without gaps and in issue order;
 * an exhibit that gained an unrevoked certificate meanwhile is skipped; each body is signed with
 * the court key and checked with verifyCertificate against the court and log keys before it is
 * stored (the server never files a certificate that would not verify offline); the rows are
 * written in one statement, and a 'certificate.issued' custody event per certificate last.
 */
import { randomUUID } from 'node:crypto';
import { sha256 } from '@noble/hashes/sha2.js';
import { appendAuditEvent } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { withTransaction } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { logSigner } from '@/lib/ledger/log-signer';
import { notifyCaseEvent } from '@/lib/notifications/notify-case-event';
import { base64ToBytes, bytesToHex } from '@/lib/tlog';
import { buildCertificateBody, certificateRefusal, type Refusal } from './build-certificate-body';
import { certificateWitnessPolicy } from './certificate-witness-policy';
import { courtSigner } from './court-signer';
import { certificateSigningBytes } from './format/canonical';
import { certificateYear, formatCertificateNumber, MAX_CERTIFICATE_SERIAL } from './format/certificate-number';
import { signCertificate } from './format/sign-certificate';
import { verifyCertificate } from './format/verify-certificate';
import type { CertificateSource } from './load-certificate-sources';

export interface IssuedCertificate {
  id: string;
  number: string;
  exhibitId: string;
}

export interface SkippedExhibit {
  exhibitId: string;
  reason: Refusal['reason'] | 'self_check_failed';
  message: string;
}

const INSERT_SQL = `
  INSERT INTO certificates (id, court_id, year, serial, number, exhibit_id, case_id, body, signature, public_key,
                            key_id, issued_by, issued_at)
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::smallint[], $4::int[], $5::text[], $6::uuid[], $7::uuid[],
                       $8::bytea[], $9::bytea[], $10::bytea[], $11::text[], $12::uuid[], $13::timestamptz[])`;

interface NewRow {
  id: string;
  serial: number;
  number: string;
  source: CertificateSource;
  body: Uint8Array;
  signature: Uint8Array;
  depositId: string | null;
}

/** Issues a certificate for each of `sources` (all of court `courtId`) that can have one. */
export async function writeCertificates(
  actor: Actor,
  courtId: string,
  sources: readonly CertificateSource[],
): Promise<{ issued: IssuedCertificate[]; skipped: SkippedExhibit[] }> {
  if (sources.some((s) => s.court.id !== courtId)) throw new Error('writeCertificates: exhibits of another court');
  if (sources.length === 0) return { issued: [], skipped: [] };
  const signer = courtSigner();
  const log = logSigner();
  const logKey = { origin: log.origin, verifierKey: log.verifierKey };
  const witnessPolicy = certificateWitnessPolicy();

  return withTransaction(async (client) => {
    await client.query('SELECT 1 FROM courts WHERE id = $1 FOR NO KEY UPDATE', [courtId]);
    // Under the lock: certificates another clerk issued since the sources were read.
    const taken = await client.query<{ exhibit_id: string; number: string }>(
      `SELECT ce.exhibit_id, ce.number FROM certificates ce
        WHERE ce.exhibit_id = ANY($1::uuid[])
          AND NOT EXISTS (SELECT 1 FROM certificate_revocations r WHERE r.certificate_id = ce.id)`,
      [sources.map((s) => s.exhibit.id)],
    );
    const issuedAt = new Date();
    const year = certificateYear(issuedAt);
    const last = await client.query<{ last: number }>(
      'SELECT coalesce(max(serial), 0)::int AS last FROM certificates WHERE court_id = $1 AND year = $2',
      [courtId, year],
    );
    let serial = last.rows[0]?.last ?? 0;

    const rows: NewRow[] = [];
    const skipped: SkippedExhibit[] = [];
    for (const source of sources) {
      const unrevoked = taken.rows.filter((t) => t.exhibit_id === source.exhibit.id).map((t) => t.number);
      const refusal = certificateRefusal({ ...source, unrevoked: [...new Set([...source.unrevoked, ...unrevoked])] });
      if (refusal) {
        skipped.push({ exhibitId: source.exhibit.id, ...refusal });
        continue;
      }
      if (serial >= MAX_CERTIFICATE_SERIAL) {
        throw new AppError('CONFLICT', `This court has issued ${MAX_CERTIFICATE_SERIAL} certificates in ${year}.`);
      }
      const id = randomUUID();
      const number = formatCertificateNumber(year, serial + 1);
      const body = buildCertificateBody(source, {
        id,
        number,
        issuedAt,
        issuer: actor.name,
        log: logKey,
        witnessPolicy,
      });
      const file = signCertificate(body, signer.seed);
      const check = verifyCertificate(file, { courtPublicKey: signer.publicKey, logVerifierKey: log.verifierKey });
      if (!check.ok) {
        const failed = check.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.message}`);
        skipped.push({
          exhibitId: source.exhibit.id,
          reason: 'self_check_failed',
          message: `The certificate for exhibit ${source.exhibit.number} did not verify (${failed.join('; ')}); it was not issued.`,
        });
        continue;
      }
      serial += 1;
      rows.push({
        id,
        serial,
        number,
        source,
        body: certificateSigningBytes(file.body),
        signature: base64ToBytes(file.signature.value),
        depositId: file.body.deposit?.id ?? null,
      });
    }
    if (rows.length === 0) return { issued: [], skipped };

    await client.query(INSERT_SQL, [
      rows.map((r) => r.id),
      rows.map(() => courtId),
      rows.map(() => year),
      rows.map((r) => r.serial),
      rows.map((r) => r.number),
      rows.map((r) => r.source.exhibit.id),
      rows.map((r) => r.source.case.id),
      rows.map((r) => Buffer.from(r.body)),
      rows.map((r) => Buffer.from(r.signature)),
      rows.map(() => Buffer.from(signer.publicKey)),
      rows.map(() => signer.keyId),
      rows.map(() => actor.id),
      rows.map(() => issuedAt.toISOString()),
    ]);
    for (const r of rows) {
      await notifyCaseEvent(client, {
        kind: 'certificate_issued',
        caseId: r.source.case.id,
        actorId: actor.id,
        exhibitId: r.source.exhibit.id,
        certificateNumber: r.number,
      });
    }
    for (const r of rows) {
      await appendAuditEvent(client, {
        action: 'certificate.issued',
        actorId: actor.id,
        caseId: r.source.case.id,
        subjectId: r.id,
        details: {
          number: r.number,
          exhibitId: r.source.exhibit.id,
          exhibitNumber: r.source.exhibit.number,
          verdict: r.source.standing?.verdict ?? null,
          depositId: r.depositId,
          keyId: signer.keyId,
          bodySha256: bytesToHex(sha256(r.body)),
        },
        at: issuedAt,
      });
    }
    return { issued: rows.map((r) => ({ id: r.id, number: r.number, exhibitId: r.source.exhibit.id })), skipped };
  });
}
