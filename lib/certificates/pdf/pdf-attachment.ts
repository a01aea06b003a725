/**
 * Reads the signed certificate back out of a certificate PDF: the embedded file `certificate.json`
 * that render-pdf.ts attaches, found through the document catalog's /Names /EmbeddedFiles name
 * tree. The bytes are returned as stored, not parsed or trusted: checking them (canonical form,
 * schema, signature) is the caller's job.
 *
 * No Node APIs: the offline checker (CLI) and the /verify page (a PDF dropped in the browser) both
 * use it. The PDF is attacker-supplied, so the walk is bounded and refuses cycles.
 *
 * @see ISO 32000-1 §7.9.6 (name trees), §7.11.3 (file specifications), §7.11.4 (embedded files)
 * @module
 */
import { md5 } from '@noble/hashes/legacy.js';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFRawStream,
  PDFString,
} from 'pdf-lib';

/** The name the certificate's signed JSON has inside the PDF. */
export const ATTACHMENT_NAME = 'certificate.json';

export type CertificatePdfErrorCode = 'NOT_PDF' | 'NO_CERTIFICATE' | 'AMBIGUOUS' | 'DAMAGED';

export class CertificatePdfError extends Error {
  readonly code: CertificatePdfErrorCode;

  constructor(code: CertificatePdfErrorCode, message: string) {
    super(message);
    this.name = 'CertificatePdfError';
    this.code = code;
  }
}

/** Deeper name trees or more nodes than this are refused: a real one has one level and one entry. */
const MAX_DEPTH = 32;
const MAX_NODES = 10_000;

function text(object: PDFObject | undefined): string | undefined {
  return object instanceof PDFString || object instanceof PDFHexString ? object.decodeText() : undefined;
}

/** Every [key, file specification] leaf entry of the EmbeddedFiles name tree. */
function nameTreeEntries(root: PDFDict): [string | undefined, PDFObject | undefined][] {
  const entries: [string | undefined, PDFObject | undefined][] = [];
  const seen = new Set<PDFDict>();
  const visit = (node: PDFDict, depth: number): void => {
    if (seen.has(node)) throw new CertificatePdfError('DAMAGED', 'the PDF attachment list refers to itself (a cycle)');
    if (depth > MAX_DEPTH || seen.size >= MAX_NODES) {
      throw new CertificatePdfError('DAMAGED', 'the PDF attachment list is nested too deeply or is too large');
    }
    seen.add(node);
    const names = node.lookup(PDFName.of('Names'));
    if (names instanceof PDFArray) {
      for (let i = 0; i + 1 < names.size(); i += 2) entries.push([text(names.lookup(i)), names.lookup(i + 1)]);
    }
    const kids = node.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray) {
      for (let i = 0; i < kids.size(); i++) {
        const kid = kids.lookup(i);
        if (kid instanceof PDFDict) visit(kid, depth + 1);
      }
    }
  };
  visit(root, 0);
  return entries;
}

function isCertificateEntry([key, spec]: [string | undefined, PDFObject | undefined]): boolean {
  if (key === ATTACHMENT_NAME) return true;
  // Some tools rename tree keys when they re-save; the file specification keeps the file name.
  return (
    spec instanceof PDFDict &&
    [spec.lookup(PDFName.of('UF')), spec.lookup(PDFName.of('F'))].some((f) => text(f) === ATTACHMENT_NAME)
  );
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Checks /Params /Size and /CheckSum (MD5) when present: they catch a damaged stream, not a forgery. */
function checkParams(stream: PDFRawStream, bytes: Uint8Array): void {
  const params = stream.dict.lookup(PDFName.of('Params'));
  if (!(params instanceof PDFDict)) return;
  const size = params.lookup(PDFName.of('Size'));
  if (size instanceof PDFNumber && size.asNumber() !== bytes.length) {
    throw new CertificatePdfError(
      'DAMAGED',
      `${ATTACHMENT_NAME} is ${bytes.length} bytes but the PDF records ${size.asNumber()}`,
    );
  }
  const sum = params.lookup(PDFName.of('CheckSum'));
  if (!(sum instanceof PDFString || sum instanceof PDFHexString)) return;
  const recorded = sum.asBytes();
  const digest = md5(bytes);
  // ISO 32000 says 16 bytes; PDFKit writes the 32 hexadecimal characters as text. Accept both.
  const asText = new TextDecoder().decode(recorded).toLowerCase();
  const matches = recorded.length === 16 ? hex(recorded) === hex(digest) : asText === hex(digest);
  if (!matches)
    throw new CertificatePdfError('DAMAGED', `${ATTACHMENT_NAME} does not match the checksum the PDF records`);
}

/**
 * The bytes of the embedded file `certificate.json`. Throws `CertificatePdfError`: `NOT_PDF` if the
 * bytes do not parse as a PDF, `NO_CERTIFICATE` if it has no such attachment, `AMBIGUOUS` if it
 * has more than one, `DAMAGED` if the attachment cannot be decoded or fails its recorded checksum.
 */
export async function extractAttachedCertificate(pdfBytes: Uint8Array): Promise<Uint8Array> {
  if (!(pdfBytes instanceof Uint8Array))
    throw new TypeError('extractAttachedCertificate: pdfBytes must be a Uint8Array');
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdfBytes, { updateMetadata: false, ignoreEncryption: true });
  } catch (error) {
    throw new CertificatePdfError('NOT_PDF', `not a readable PDF: ${(error as Error).message}`);
  }
  const names = doc.catalog.lookup(PDFName.of('Names'));
  const tree = names instanceof PDFDict ? names.lookup(PDFName.of('EmbeddedFiles')) : undefined;
  const matches = tree instanceof PDFDict ? nameTreeEntries(tree).filter(isCertificateEntry) : [];
  if (matches.length === 0) {
    throw new CertificatePdfError(
      'NO_CERTIFICATE',
      `this PDF has no attached ${ATTACHMENT_NAME}: it is not a Verity certificate`,
    );
  }
  if (matches.length > 1) {
    throw new CertificatePdfError(
      'AMBIGUOUS',
      `this PDF has ${matches.length} attachments named ${ATTACHMENT_NAME}; expected one`,
    );
  }
  const [, spec] = matches[0] as [string | undefined, PDFObject | undefined];
  const ef = spec instanceof PDFDict ? spec.lookup(PDFName.of('EF')) : undefined;
  const stream = ef instanceof PDFDict ? (ef.lookup(PDFName.of('UF')) ?? ef.lookup(PDFName.of('F'))) : undefined;
  if (!(stream instanceof PDFRawStream)) {
    throw new CertificatePdfError('DAMAGED', `the attachment ${ATTACHMENT_NAME} has no embedded file stream`);
  }
  let bytes: Uint8Array;
  try {
    bytes = decodePDFRawStream(stream).decode();
  } catch (error) {
    throw new CertificatePdfError(
      'DAMAGED',
      `the attachment ${ATTACHMENT_NAME} cannot be decoded: ${(error as Error).message}`,
    );
  }
  checkParams(stream, bytes);
  return bytes;
}
