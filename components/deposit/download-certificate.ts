/**
 * Asks the portal for the deposit certificate (PDF) of deposits this browser just made, with each
 * file's name and size, which the page still knows and sent with the deposit already (the server
 * checks them against the leaf), and saves it under the name the server gives.
 *
 * @module
 */
import { saveBlob } from './receipt-file';

/** Deposits per certificate (lib/deposit-certificates: MAX_CERTIFIED_DEPOSITS). */
const PER_CERTIFICATE = 100;

export type CertificateDownload = { ok: true } | { ok: false; code: string; message: string };

export async function downloadDepositCertificate(
  deposits: readonly { id: string; file?: { name: string; size: number } }[],
): Promise<CertificateDownload> {
  for (let start = 0; start < deposits.length; start += PER_CERTIFICATE) {
    const chunk = deposits.slice(start, start + PER_CERTIFICATE).map(({ id, file }) => (file ? { id, file } : { id }));
    let response: Response;
    try {
      response = await fetch('/deposit/certificate', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ deposits: chunk }),
      });
    } catch (error) {
      return { ok: false, code: 'UNAVAILABLE', message: error instanceof Error ? error.message : String(error) };
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
      return {
        ok: false,
        code: body?.error?.code ?? 'UNKNOWN',
        message: body?.error?.message ?? `HTTP ${response.status}`,
      };
    }
    saveBlob(fileNameOf(response.headers.get('content-disposition')), await response.blob());
  }
  return { ok: true };
}

/** The `filename*` (RFC 8187) of a Content-Disposition, else its `filename`, else a plain name. */
export function fileNameOf(disposition: string | null): string {
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended);
    } catch {
      // fall through to the ASCII name
    }
  }
  return /filename="([^"]+)"/i.exec(disposition ?? '')?.[1] ?? 'deposit-certificate.pdf';
}
