import { errorResponse } from '@/lib/errors/http';
import { logSigner } from '@/lib/ledger/log-signer';

export const dynamic = 'force-dynamic';

/** The log's verifier key, `<origin>+<key id>+<base64(0x01 || Ed25519 public key)>`. */
export function GET(): Response {
  try {
    return new Response(`${logSigner().verifierKey}\n`, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
  } catch (error) {
    return errorResponse(error);
  }
}
