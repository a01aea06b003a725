/**
 * Test support only: a certificate PDF with its attached `certificate.json` replaced by other
 * bytes (one flipped byte, a changed body…), written consistently — new stream, size and MD5 in
 * /Params — so that the PDF itself reads cleanly and only the certificate checks can catch it.
 * Relative imports only: the Playwright specs use it too.
 */
import { md5 } from '@noble/hashes/legacy.js';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import { ATTACHMENT_NAME } from './pdf-attachment';

export async function replaceAttachedCertificate(pdf: Uint8Array, json: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const names = doc.catalog.lookup(PDFName.of('Names'), PDFDict).lookup(PDFName.of('EmbeddedFiles'), PDFDict);
  const list = names.lookup(PDFName.of('Names'), PDFArray);
  for (let i = 0; i + 1 < list.size(); i += 2) {
    const key = list.lookup(i);
    if (!(key instanceof PDFString || key instanceof PDFHexString) || key.decodeText() !== ATTACHMENT_NAME) continue;
    const ef = list.lookup(i + 1, PDFDict).lookup(PDFName.of('EF'), PDFDict);
    const checksum = Array.from(md5(json), (b) => b.toString(16).padStart(2, '0')).join('');
    const stream = doc.context.flateStream(json, {
      Type: 'EmbeddedFile',
      Subtype: 'application/json',
      Params: { Size: PDFNumber.of(json.length), CheckSum: PDFHexString.of(checksum) },
    });
    const ref = doc.context.register(stream);
    ef.set(PDFName.of('F'), ref);
    if (ef.has(PDFName.of('UF'))) ef.set(PDFName.of('UF'), ref);
    return doc.save({ updateFieldAppearances: false });
  }
  throw new Error(`replaceAttachedCertificate: the PDF has no ${ATTACHMENT_NAME} in its name tree`);
}

/** The same bytes with bit 0 of the byte at `at` flipped. */
export function flipByte(bytes: Uint8Array, at: number): Uint8Array {
  if (!Number.isInteger(at) || at < 0 || at >= bytes.length)
    throw new RangeError(`flipByte: ${at} is outside the bytes`);
  const copy = Uint8Array.from(bytes);
  copy[at] = (copy[at] as number) ^ 0x01;
  return copy;
}
