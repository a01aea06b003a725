import 'server-only';
/**
 * The court's certificate PDFs begin and end the same way, whichever certificate they carry: an
 * A4 PDF 1.7 document tagged zh-CN whose layout places everything itself, with the court's fonts
 * registered and its pages buffered (the footer names the page count); at the end, the signed
 * file attached as RFC 8785 JSON (the attachment the offline checkers read) and the bytes
 * collected. Used by the verification certificate (render-pdf.ts) and the deposit certificate
 * (lib/deposit-certificates/render-deposit-certificate-pdf.ts).
 *
 * @module
 */
import PDFDocument from 'pdfkit';
import { canonicalJsonBytes } from '@/lib/ledger/statement/canonical-json';
import { ATTACHMENT_NAME } from './pdf-attachment';
import { certificateFonts } from './pdf-fonts';
import { type Doc, MARGIN_X, TOP } from './pdf-layout';

type AttachmentOptions = NonNullable<Parameters<Doc['file']>[1]> & { relationship?: string };

export interface CertificateDocumentInfo {
  /** The document's title, shown by readers instead of the file name. */
  title: string;
  subject: string;
  author: string;
  keywords: string;
  /** The certificate's issue time: the PDF's creation and modification dates and the attachment's. */
  issuedAt: Date;
}

export interface CertificateDocument {
  doc: Doc;
  /**
   * Attaches `signedFile` (canonical JSON, described in both languages by `description`), lets
   * `eachPage` draw on every page once all are laid out (footers, watermarks), ends the document
   * and resolves to its bytes.
   */
  finish(
    signedFile: unknown,
    description: string,
    eachPage: (pageNumber: number, pageCount: number) => void,
  ): Promise<Uint8Array>;
}

/** A new certificate document with its first page added. */
export function newCertificateDocument(info: CertificateDocumentInfo): CertificateDocument {
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
      Title: info.title,
      Subject: info.subject,
      Author: info.author,
      Keywords: info.keywords,
      Creator: 'Verity',
      Producer: 'Verity (PDFKit)',
      CreationDate: info.issuedAt,
      ModDate: info.issuedAt,
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
  const fonts = certificateFonts();
  for (const name of ['serif', 'serifBold', 'mono'] as const) {
    doc.registerFont(name, fonts[name] as unknown as Buffer);
  }
  doc.addPage();

  return {
    doc,
    async finish(signedFile, description, eachPage) {
      const attachment: AttachmentOptions = {
        name: ATTACHMENT_NAME,
        type: 'application/json',
        description,
        creationDate: info.issuedAt,
        modifiedDate: info.issuedAt,
        relationship: 'Source',
      };
      doc.file(Buffer.from(canonicalJsonBytes(signedFile)), attachment);
      const { start, count } = doc.bufferedPageRange();
      for (let i = start; i < start + count; i++) {
        doc.switchToPage(i);
        eachPage(i - start + 1, count);
      }
      doc.end();
      await finished;
      const pdf = Buffer.concat(chunks);
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    },
  };
}
