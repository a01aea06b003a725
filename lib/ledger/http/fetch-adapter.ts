import 'server-only';
/** Between the Fetch API's Request/Response (Next.js route handlers) and lib/ledger/http's endpoints. */
import { readBodyBytes } from '@/lib/errors/http';
import type { ApiRequest, ApiResult } from './ledger-api';

export function fromFetchRequest(request: Request): ApiRequest {
  return {
    url: new URL(request.url),
    header: (name) => request.headers.get(name),
    body: (maxBytes) => readBodyBytes(request, maxBytes),
  };
}

export function toFetchResponse(result: ApiResult): Response {
  return new Response(result.body, { status: result.status, headers: result.headers });
}
