/**
 * The verification certificate as a PDF a court files: A4, Chinese with English beneath each
 * item (one bilingual document, as Chinese courts serve foreign parties, so the two languages can
 * never drift apart), the verdict first, digests in full, a QR code of the public check page, and
 * the signed certificate attached as `certificate.json` so the PDF alone suffices for an offline
 * check (`extractAttachedCertificate` in ./pdf-attachment.ts reads it back).
 *
 * The attachment is the RFC 8785 canonical JSON of the whole certificate file, so a checker can
 * insist on canonical bytes and reject any changed byte, whitespace included. What the pages
 * print is a rendering of the same body: the signature covers the attachment, not the drawing.
 *
 * Output is byte-for-byte deterministic for the same input: every date is `issuedAt`, the file
 * ID is a hash of the document information, font subset tags are fixed, streams are deflated by
 * fflate with fixed settings.
 *
 * @see https://www.rfc-editor.org/rfc/rfc8785
 * @see ISO 32000-1 §7.11.4 (embedded file streams), §7.7.3.4 (EmbeddedFiles name tree)
 * @module
 */
import 'server-only';
import { type CertificateFile, ZCertificateFile } from '../format/certificate-body';
import { certificateCheckCode } from '../format/check-code';
import {
  checkBlockHeight,
  drawCheckBlock,
  drawContinuationHead,
  drawFooter,
  drawHeader,
  drawRevokedBanner,
  drawRevokedWatermark,
  drawVerdict,
} from './pdf-blocks';
import { newCertificateDocument } from './pdf-document';
import { Flow } from './pdf-layout';
import { certificateSections } from './render-pdf-sections';

export interface RenderCertificatePdfOptions {
  /** The public check page, `https://…/certificates/{id}`: the QR code encodes exactly this. */
  checkUrl: string;
  /** `revoked` prints a banner and a watermark on every page. Default `valid`. */
  status?: 'valid' | 'revoked';
}

/** PDFKit's attachment options, with the PDF 2.0 / PDF/A-3 relationship its types lack. */

function checkOptions(options: RenderCertificatePdfOptions): void {
  let url: URL;
  try {
    url = new URL(options.checkUrl);
  } catch {
    throw new Error(`renderCertificatePdf: checkUrl must be an absolute URL, got ${JSON.stringify(options.checkUrl)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`renderCertificatePdf: checkUrl must be http(s), got ${url.protocol}`);
  }
  if (options.status !== undefined && options.status !== 'valid' && options.status !== 'revoked') {
    throw new Error(`renderCertificatePdf: status must be "valid" or "revoked", got ${String(options.status)}`);
  }
}

/** Renders the certificate; throws a ZodError if `file` is not a valid certificate file. */
export async function renderCertificatePdf(
  file: CertificateFile,
  options: RenderCertificatePdfOptions,
): Promise<Uint8Array> {
  const certificate = ZCertificateFile.parse(file);
  checkOptions(options);
  const { body, signature } = certificate;
  const revoked = options.status === 'revoked';
  const issuedAt = new Date(body.issuedAt);
  const { doc, finish } = newCertificateDocument({
    title: `核验证书 Verification Certificate ${body.number}`,
    subject: `${body.case.number} 第 ${body.exhibit.number} 号证据 Exhibit ${body.exhibit.number}: ${body.verdict}`,
    author: `${body.court.nameZh} ${body.court.nameEn}`,
    keywords: `verity-certificate ${body.id}`,
    issuedAt,
  });
  const checkCode = certificateCheckCode(body);
  let y = drawHeader(doc, body, checkCode);
  if (revoked) y = drawRevokedBanner(doc, y);
  y = drawVerdict(doc, body, y);

  const flow = new Flow(doc, y + 8, () => {
    doc.addPage();
    return drawContinuationHead(doc, body);
  });
  for (const section of certificateSections(body)) flow.section(section.name, section.rows);
  const signed = { body, keyId: signature.keyId };
  y = flow.end(8, checkBlockHeight(doc, signed, options.checkUrl));
  drawCheckBlock(doc, signed, options.checkUrl, y);

  return finish(
    certificate,
    '经法院签名的核验证书数据（RFC 8785 JSON） / The court-signed certificate data (RFC 8785 JSON)',
    (page, pages) => {
      if (revoked) drawRevokedWatermark(doc);
      drawFooter(doc, signature.keyId, page, pages);
    },
  );
}
