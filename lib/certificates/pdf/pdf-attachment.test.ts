import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { ATTACHMENT_NAME, CertificatePdfError, extractAttachedCertificate } from './pdf-attachment';

const JSON_BYTES = new TextEncoder().encode('{"format":"verity-certificate/v1"}');

async function pdfWith(attachments: { name: string; bytes: Uint8Array }[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage();
  for (const { name, bytes } of attachments) await doc.attach(bytes, name, { mimeType: 'application/json' });
  return doc.save();
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    return error instanceof CertificatePdfError ? error.code : String(error);
  }
}

describe('extractAttachedCertificate', () => {
  it('returns the bytes of certificate.json from a PDF written by another library (pdf-lib)', async () => {
    const pdf = await pdfWith([
      { name: 'photo.txt', bytes: new TextEncoder().encode('not this one') },
      { name: ATTACHMENT_NAME, bytes: JSON_BYTES },
    ]);
    expect(await extractAttachedCertificate(pdf)).toEqual(JSON_BYTES);
  });

  it('finds the file by its file specification name when the name tree key differs', async () => {
    const doc = await PDFDocument.load(await pdfWith([{ name: ATTACHMENT_NAME, bytes: JSON_BYTES }]));
    const tree = doc.catalog.lookup(PDFName.of('Names'));
    const files = (
      tree as unknown as { lookup(n: PDFName): { lookup(n: PDFName): { set(i: number, v: PDFString): void } } }
    )
      .lookup(PDFName.of('EmbeddedFiles'))
      .lookup(PDFName.of('Names'));
    files.set(0, PDFString.of('<<renamed>>'));
    expect(await extractAttachedCertificate(await doc.save())).toEqual(JSON_BYTES);
  });

  it('says what is wrong: not a PDF, no certificate, two certificates', async () => {
    expect(await codeOf(extractAttachedCertificate(new TextEncoder().encode('hello')))).toBe('NOT_PDF');
    expect(await codeOf(extractAttachedCertificate(await pdfWith([])))).toBe('NO_CERTIFICATE');
    const other = await pdfWith([{ name: 'other.json', bytes: JSON_BYTES }]);
    expect(await codeOf(extractAttachedCertificate(other))).toBe('NO_CERTIFICATE');
    const two = await pdfWith([
      { name: ATTACHMENT_NAME, bytes: JSON_BYTES },
      { name: ATTACHMENT_NAME, bytes: JSON_BYTES },
    ]);
    expect(await codeOf(extractAttachedCertificate(two))).toBe('AMBIGUOUS');
    await expect(extractAttachedCertificate(await pdfWith([]))).rejects.toThrow(/no attached certificate\.json/);
  });
});
