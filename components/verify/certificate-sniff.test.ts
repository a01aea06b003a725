import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { MAX_CERTIFICATE_PDF_BYTES, sniffCertificate } from './certificate-sniff';

async function pdf(attach: boolean): Promise<Blob> {
  const doc = await PDFDocument.create();
  doc.addPage();
  if (attach) await doc.attach(new TextEncoder().encode('{}'), 'certificate.json', { mimeType: 'application/json' });
  // Object streams compress the name tree; the embedded file stream itself stays readable.
  const bytes = await doc.save({ useObjectStreams: true });
  return new Blob([Uint8Array.from(bytes)]);
}

describe('sniffCertificate', () => {
  it('takes a PDF with an embedded file, and not one without', async () => {
    expect(await sniffCertificate(await pdf(true))).toBe('pdf');
    expect(await sniffCertificate(await pdf(false))).toBeNull();
  });

  it('takes JSON that names either certificate format, with or without a byte order mark', async () => {
    const json = '{"body":{},"format":"verity-certificate/v1","signature":{}}';
    expect(await sniffCertificate(new Blob([json]))).toBe('json');
    expect(await sniffCertificate(new Blob([`\uFEFF\n  ${json}`]))).toBe('json');
    const deposit = '{"body":{"type":"deposit-certificate"},"format":"verity-deposit-certificate/v1","signature":{}}';
    expect(await sniffCertificate(new Blob([deposit]))).toBe('json');
    expect(await sniffCertificate(new Blob(['{"id":"a receipt, not a certificate"}']))).toBeNull();
    expect(await sniffCertificate(new Blob(['verity-certificate/v1 in a text file']))).toBeNull();
  });

  it('leaves empty and large files to the hasher', async () => {
    expect(await sniffCertificate(new Blob([]))).toBeNull();
    const large = new Blob([new Uint8Array(MAX_CERTIFICATE_PDF_BYTES + 1)]);
    expect(await sniffCertificate(large)).toBeNull();
  });
});
