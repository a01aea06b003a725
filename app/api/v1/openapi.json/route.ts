import { openApiDocument } from '@/lib/ledger/openapi';

export const dynamic = 'force-static';

export function GET(): Response {
  return Response.json(openApiDocument);
}
