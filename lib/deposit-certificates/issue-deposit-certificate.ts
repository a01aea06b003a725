import 'server-only';
/**
 * A deposit certificate for some of the signed-in depositor's own deposits: the body built from
 * the ledger's records (fresh receipts: leaf, index, proof to the latest checkpoint), the titles
 * the portal kept, and the file names the caller's browser still knows — each checked against the
 * leaf, which commits to them by digest — signed with the court key, checked as any reader will
 * check it, and rendered as the PDF. Rendered on request and not stored: everything it certifies
 * is in the ledger already, and the signed data travels inside the PDF.
 *
 * Who may: an active depositor account, for its own organisation's deposits. A deposit of another
 * organisation is NOT_FOUND, exactly like one that does not exist; other roles are FORBIDDEN.
 * A deposit still being recorded is CONFLICT (retry in seconds).
 */
import { randomUUID } from 'node:crypto';
import { attachDepositAnchors } from '@/lib/anchor/attach-deposit-anchors';
import type { Actor } from '@/lib/auth/actor';
import { certificateWitnessPolicy } from '@/lib/certificates/certificate-witness-policy';
import { courtSigner } from '@/lib/certificates/court-signer';
import type { CertificateWitnessed } from '@/lib/certificates/format/certificate-witnessing';
import { getPool } from '@/lib/db/pool';
import { requireOwnOrg } from '@/lib/depositors/list-deposit-history';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { loadReceipts } from '@/lib/ledger/load-receipts';
import { logSigner } from '@/lib/ledger/log-signer';
import { beijingDate, safeFileNamePart } from '@/lib/ledger/receipt-file';
import { metadataSha256, parseLeaf } from '@/lib/ledger/statement';
import { base64ToBytes } from '@/lib/tlog';
import { ZDepositCertificateRequest } from './deposit-certificate.schema';
import type {
  CertifiedDeposit,
  DepositCertificateBody,
  DepositCertificateBodyV1,
  DepositCertificateFile,
} from './format/deposit-certificate-body';
import { signDepositCertificate } from './format/sign-deposit-certificate';
import { verifyDepositCertificate } from './format/verify-deposit-certificate';
import { renderDepositCertificatePdf } from './render-deposit-certificate-pdf';

export interface IssueDepositCertificateOptions {
  /** The portal's public origin: each deposit's check is `<origin>/verify?deposit=<id>`. */
  origin: string;
  now?: Date;
}

export interface DepositCertificatePdf {
  bytes: Uint8Array;
  fileName: string;
  file: DepositCertificateFile;
}

/** The public check of a deposit, which the certificate's QR code encodes. */
export function depositCheckUrl(origin: string, depositId: string): string {
  return `${origin.replace(/\/+$/, '')}/verify?deposit=${encodeURIComponent(depositId)}`;
}

export async function issueDepositCertificate(
  actor: Actor,
  input: unknown,
  options: IssueDepositCertificateOptions,
): Promise<DepositCertificatePdf> {
  const org = await requireOwnOrg(actor);
  const request = parseInput(ZDepositCertificateRequest, input);
  const ids = request.deposits.map((d) => d.id.toLowerCase());

  const { rows } = await getPool().query<{ id: string; title: string | null }>(
    `SELECT d.id, t.title FROM deposits d LEFT JOIN deposit_titles t ON t.deposit_id = d.id
      WHERE d.id = ANY($1::uuid[]) AND d.org_id = $2`,
    [ids, org.id],
  );
  const titles = new Map(rows.map((r) => [r.id, r.title]));
  const missing = ids.filter((id) => !titles.has(id));
  if (missing.length > 0) {
    throw new AppError('NOT_FOUND', `No deposit ${missing.join(', ')} of your organisation.`);
  }
  const receipts = await attachDepositAnchors(await loadReceipts(ids));
  const witnessedOf = new Map<string, CertificateWitnessed>();

  const deposits = request.deposits.map((asked, i): CertifiedDeposit => {
    const id = ids[i] as string;
    const receipt = receipts.get(id);
    if (receipt?.status !== 'sealed') {
      throw new AppError(
        'CONFLICT',
        `Deposit ${id} is still being recorded on the ledger; try again in a few seconds.`,
      );
    }
    const statement = parseLeaf(base64ToBytes(receipt.leaf));
    witnessedOf.set(id, receipt.witnessed ?? null);
    if (asked.file && statement.metadataSha256 !== metadataSha256({ file: asked.file })) {
      throw new AppError('VALIDATION_FAILED', `deposits[${i}].file: not the file name and size deposit ${id} records`, {
        issues: [{ path: `deposits[${i}].file`, message: 'not the file name and size this deposit records' }],
      });
    }
    return {
      id,
      title: titles.get(id) ?? null,
      file: asked.file ?? null,
      digests: statement.digests,
      depositedAt: statement.depositedAt,
      leaf: receipt.leaf,
      leafIndex: receipt.leafIndex,
      tlogProof: receipt.tlogProof,
      checkUrl: depositCheckUrl(options.origin, id),
      ...(receipt.anchor !== undefined ? { anchor: receipt.anchor } : {}),
    };
  });

  // A renamed organisation's older deposits name it by its old name: one certificate, one name.
  const depositor = parseLeaf(base64ToBytes(receipts.get(ids[0] as string)?.leaf ?? '')).depositor;
  for (const id of ids) {
    const named = parseLeaf(base64ToBytes(receipts.get(id)?.leaf ?? '')).depositor;
    if (named.id !== depositor.id || named.name !== depositor.name) {
      throw new AppError(
        'CONFLICT',
        'These deposits were made under different names of the organisation; certify them separately.',
      );
    }
  }

  const log = logSigner();
  const v1: DepositCertificateBodyV1 = {
    type: 'deposit-certificate',
    version: 1,
    id: randomUUID(),
    issuer: await issuerCourt(),
    depositor,
    deposits,
    log: { origin: log.origin, verifierKey: log.verifierKey },
    issuedAt: (options.now ?? new Date()).toISOString(),
  };
  // A log with witnesses: version 2, with the policy and whether each deposit's checkpoint met it.
  const witnessPolicy = certificateWitnessPolicy();
  const body: DepositCertificateBody = witnessPolicy
    ? {
        ...v1,
        version: 2,
        deposits: deposits.map((d) => ({ ...d, witnessed: witnessedOf.get(d.id) ?? null })),
        witnessPolicy,
      }
    : v1;
  const signer = courtSigner();
  const file = signDepositCertificate(body, signer.seed);
  const check = verifyDepositCertificate(file, { courtPublicKey: signer.publicKey, logVerifierKey: log.verifierKey });
  if (!check.ok) {
    const failed = check.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.message}`);
    throw new Error(`issueDepositCertificate: the certificate does not check: ${failed.join('; ')}`);
  }
  const bytes = await renderDepositCertificatePdf(file);
  return { bytes, fileName: certificateFileName(deposits, body.issuedAt), file };
}

/** `<file name or title or ID>.<Beijing date>.deposit-certificate.pdf`; a batch: `deposit-certificate.<date>.<n>-deposits.pdf`. */
export function certificateFileName(deposits: readonly CertifiedDeposit[], issuedAt: string): string {
  const date = beijingDate(issuedAt);
  const [only] = deposits;
  if (deposits.length === 1 && only) {
    const base = safeFileNamePart(only.file?.name ?? '') || safeFileNamePart(only.title ?? '') || only.id;
    return `${base}.${date}.deposit-certificate.pdf`;
  }
  return `deposit-certificate.${date}.${deposits.length}-deposits.pdf`;
}

/** The court whose key signs: the installation's (as getPublicUrl chooses it), else a plain name. */
async function issuerCourt(): Promise<DepositCertificateBody['issuer']> {
  const { rows } = await getPool().query<{ code: string; name_zh: string; name_en: string }>(
    `SELECT c.code, c.name_zh, c.name_en FROM courts c
      ORDER BY EXISTS (SELECT 1 FROM setup_tokens s WHERE s.court_id = c.id) DESC, c.public_url IS NOT NULL DESC, c.created_at, c.id
      LIMIT 1`,
  );
  const court = rows[0];
  return court
    ? { code: court.code, nameZh: court.name_zh, nameEn: court.name_en }
    : { code: 'VERITY', nameZh: 'Verity 存证链', nameEn: 'Verity evidence ledger' };
}
