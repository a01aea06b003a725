import { courtSigner } from '@/lib/certificates/court-signer';
import { errorResponse } from '@/lib/errors/http';
import { bytesToBase64 } from '@/lib/tlog';

export const dynamic = 'force-dynamic';

/**
 * The court's certificate public key: text/plain, the base64 of the 32-byte Ed25519 key; with
 * `Accept: application/json`, { algorithm: "ed25519", keyId, publicKey }.
 */
export function GET(request: Request): Response {
  try {
    const { publicKey, keyId } = courtSigner();
    const key = bytesToBase64(publicKey);
    const headers = { 'cache-control': 'public, max-age=300', vary: 'Accept' };
    if (/\bapplication\/json\b/i.test(request.headers.get('accept') ?? '')) {
      return Response.json({ algorithm: 'ed25519', keyId, publicKey: key }, { headers });
    }
    return new Response(`${key}\n`, { headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' } });
  } catch (error) {
    return errorResponse(error);
  }
}
