/**
 * GET /deposit/receipt/{id} — one of the signed-in depositor's deposits as a receipt file
 * (with its title when kept), for the deposit history. Another organisation's deposit: 404.
 */
import { getCurrentUser } from '@/lib/auth/session';
import { getDepositReceiptFile } from '@/lib/depositors/get-deposit-receipt-file';
import { AppError } from '@/lib/errors/app-error';
import { errorResponse } from '@/lib/errors/http';
import { attachmentDisposition } from '@/lib/front/content-disposition';

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const actor = await getCurrentUser();
    if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to download receipts.');
    const file = await getDepositReceiptFile(actor, (await context.params).id);
    return new Response(file.text, {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': attachmentDisposition(file.name),
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
