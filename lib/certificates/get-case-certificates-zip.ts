import 'server-only';
/**
 * Every standing certificate of a case as one ZIP, for the people of the case: each valid
 * certificate's PDF (`<number>.pdf`, rendered as getCertificatePdf renders it), `manifest.json`
 * (the case, when and by whom the bundle was made, and for each file its certificate number and
 * ID, exhibit, verdict, status, size and SHA-256; revoked certificates are listed apart, without
 * a file) and `manifest.sha256` in `sha256sum` format, so that after unzipping
 * `sha256sum -c manifest.sha256` checks every file, the manifest included.
 *
 * Built in memory: a PDF is ~60–80 KB, so a 200-exhibit case is ~14 MB of PDFs (stored, not
 * deflated again: their streams are compressed already), held twice at the end (the PDFs and the
 * archive). Streaming would bound memory for much larger cases, but then the custody events
 * could not carry the bundle's digest, and a failure half-way would hand out a truncated
 * archive. Rendering is sequential (~45 ms a PDF, ~10 s for 200: BENCHMARKS.md).
 *
 * Custody: one `certificate.downloaded` event per certificate in the bundle (subject: that
 * certificate; details: the PDF's and the bundle's SHA-256), in one transaction, recorded before
 * the archive is handed out — so "who has had certificate X" is answered per certificate, as for
 * single downloads, and the events of one bundle share its digest.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { type Zippable, zipSync } from 'fflate';
import { appendAuditEvent } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { requireCaseAccess } from '@/lib/cases/access';
import { withTransaction } from '@/lib/db/pool';
import { bytesToHex } from '@/lib/tlog';
import { certificateCheckUrl } from './check-url';
import type { CertificateBody } from './format/certificate-body';
import type { CertificatePdfOptions } from './get-certificate-pdf';
import { renderCertificatePdf } from './pdf/render-pdf';
import { readCertificates } from './read-certificates';

export const MANIFEST_FORMAT = 'verity-certificates-manifest/v1';

export interface CertificatesManifest {
  format: typeof MANIFEST_FORMAT;
  case: { id: string; number: string };
  generatedAt: string;
  generatedBy: string;
  files: Array<{
    name: string;
    certificateNumber: string;
    certificateId: string;
    exhibitNumber: number;
    exhibitTitle: string;
    verdict: CertificateBody['verdict'];
    status: 'valid';
    size: number;
    sha256: string;
    checkUrl: string;
  }>;
  /** Revoked certificates of the case: listed so their absence is explained, never included. */
  revoked: Array<{
    certificateNumber: string;
    certificateId: string;
    exhibitNumber: number;
    revokedAt: string;
    reason: string;
  }>;
}

export interface CaseCertificatesZip {
  bytes: Uint8Array;
  /** Hex SHA-256 of the archive. */
  sha256: string;
  /** An ASCII file name, and the same with the case number for `filename*`. */
  fileName: string;
  fileNameUtf8: string;
  manifest: CertificatesManifest;
}

export const MANIFEST_NAME = 'manifest.json';
export const CHECKSUMS_NAME = 'manifest.sha256';

export async function getCaseCertificatesZip(
  actor: Actor,
  caseId: string,
  options: CertificatePdfOptions,
): Promise<CaseCertificatesZip> {
  const access = await requireCaseAccess(actor, caseId, 'view');
  const records = await readCertificates({ caseId: access.caseId });
  const generatedAt = new Date();
  const mtime = generatedAt;

  const entries: Zippable = {};
  const files: CertificatesManifest['files'] = [];
  const standing = records.filter((r) => !r.revocation);
  for (const record of standing) {
    const checkUrl = certificateCheckUrl(options.origin, record.id);
    const pdf = await renderCertificatePdf(record.file, { checkUrl, status: 'valid' });
    const name = `${record.number.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`;
    // PDF streams are deflated already: store them (level 0), which is faster and no larger.
    entries[name] = [pdf, { level: 0, mtime }];
    files.push({
      name,
      certificateNumber: record.number,
      certificateId: record.id,
      exhibitNumber: record.body.exhibit.number,
      exhibitTitle: record.body.exhibit.title,
      verdict: record.body.verdict,
      status: 'valid',
      size: pdf.length,
      sha256: bytesToHex(sha256(pdf)),
      checkUrl,
    });
  }
  const manifest: CertificatesManifest = {
    format: MANIFEST_FORMAT,
    case: { id: access.caseId, number: access.caseNumber },
    generatedAt: generatedAt.toISOString(),
    generatedBy: actor.name,
    files,
    revoked: records.flatMap((r) =>
      r.revocation
        ? [
            {
              certificateNumber: r.number,
              certificateId: r.id,
              exhibitNumber: r.body.exhibit.number,
              revokedAt: r.revocation.at.toISOString(),
              reason: r.revocation.reason,
            },
          ]
        : [],
    ),
  };
  const manifestBytes = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
  entries[MANIFEST_NAME] = [manifestBytes, { level: 6, mtime }];
  // `sha256sum` format: "<hex>  <name>" (two spaces: binary-agnostic text mode), one per line.
  const sums = [
    ...files.map((f) => `${f.sha256}  ${f.name}`),
    `${bytesToHex(sha256(manifestBytes))}  ${MANIFEST_NAME}`,
  ];
  entries[CHECKSUMS_NAME] = [new TextEncoder().encode(`${sums.join('\n')}\n`), { level: 6, mtime }];

  const bytes = zipSync(entries);
  const bundleSha256 = bytesToHex(sha256(bytes));
  if (files.length > 0) {
    await withTransaction(async (client) => {
      for (const [i, f] of files.entries()) {
        await appendAuditEvent(client, {
          action: 'certificate.downloaded',
          actorId: actor.id,
          caseId: access.caseId,
          subjectId: f.certificateId,
          details: {
            number: f.certificateNumber,
            exhibitId: standing[i]?.exhibitId ?? null,
            format: 'zip',
            state: 'valid',
            sha256: f.sha256,
            bundleSha256,
            bundleIndex: i + 1,
            bundleCount: files.length,
          },
          at: generatedAt,
        });
      }
    });
  }
  const safeCase = access.caseNumber.replace(/[\\/:*?"<>|\s]+/g, '_');
  return {
    bytes,
    sha256: bundleSha256,
    fileName: 'certificates.zip',
    fileNameUtf8: `${safeCase}-certificates.zip`,
    manifest,
  };
}
