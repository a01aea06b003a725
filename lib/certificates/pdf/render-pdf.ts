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
import PDFDocument from 'pdfkit';
import { canonicalJsonBytes } from '@/lib/ledger/statement/canonical-json';
import { type CertificateFile, ZCertificateFile } from '../format/certificate-body';
import { certificateCheckCode } from '../format/check-code';
import { ATTACHMENT_NAME } from './pdf-attachment';
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
import { certificateFonts } from './pdf-fonts';
import { Flow, MARGIN_X, TOP } from './pdf-layout';
import { certificateSections } from './render-pdf-sections';

export interface RenderCertificatePdfOptions {
  /** The public check page, `https://…/certificates/{id}`: the QR code encodes exactly this. */
  checkUrl: string;
  /** `revoked` prints a banner and a watermark on every page. Default `valid`. */
  status?: 'valid' | 'revoked';
}

/** PDFKit's attachment options, with the PDF 2.0 / PDF/A-3 relationship its types lack. */
type AttachmentOptions = NonNullable<Parameters<PDFKit.PDFDocument['file']>[1]> & { relationship?: string };

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
  const fonts = certificateFonts();

  const doc = new PDFDocument({
    size: 'A4',
    // The layout places everything itself; the bottom margin only keeps PDFKit from breaking pages.
    margins: { top: TOP, bottom: 8, left: MARGIN_X, right: MARGIN_X },
    autoFirstPage: false,
    bufferPages: true,
    pdfVersion: '1.7',
    lang: 'zh-CN',
    displayTitle: true,
    // No default font: PDFKit would otherwise load Helvetica, which is never used.
    font: '',
    info: {
      Title: `核验证书 Verification Certificate ${body.number}`,
      Subject: `${body.case.number} 第 ${body.exhibit.number} 号证据 Exhibit ${body.exhibit.number}: ${body.verdict}`,
      Author: `${body.court.nameZh} ${body.court.nameEn}`,
      Keywords: `verity-certificate ${body.id}`,
      Creator: 'Verity',
      Producer: 'Verity (PDFKit)',
      CreationDate: issuedAt,
      ModDate: issuedAt,
    },
  });
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  // PDFKit takes an already parsed fontkit font (it checks for `layout`), so the 30 MB of font
  // files are parsed once per process; each document still embeds only its own glyph subset.
  for (const name of ['serif', 'serifBold', 'mono'] as const) {
    doc.registerFont(name, fonts[name] as unknown as Buffer);
  }

  doc.addPage();
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

  const attachment: AttachmentOptions = {
    name: ATTACHMENT_NAME,
    type: 'application/json',
    description: '经法院签名的核验证书数据（RFC 8785 JSON） / The court-signed certificate data (RFC 8785 JSON)',
    creationDate: issuedAt,
    modifiedDate: issuedAt,
    relationship: 'Source',
  };
  doc.file(Buffer.from(canonicalJsonBytes(certificate)), attachment);

  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    if (revoked) drawRevokedWatermark(doc);
    drawFooter(doc, signature.keyId, i - start + 1, count);
  }
  doc.end();
  await finished;
  const pdf = Buffer.concat(chunks);
  return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
}
