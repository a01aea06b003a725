import { z } from 'zod';
import { AppError } from '@/lib/errors/app-error';
import { errorResponse } from '@/lib/errors/http';
import { loadReceipts } from '@/lib/ledger/load-receipts';

export const dynamic = 'force-dynamic';

/** The deposit and a fresh receipt: its proof to the latest checkpoint. */
export async function GET(_request: Request, { params }: RouteContext<'/api/v1/deposits/[id]'>): Promise<Response> {
  try {
    const id = z
      .uuid({ message: 'A deposit ID is a UUID, like 0b0e7f52-3c1a-4c5e-9a51-6a3b2f1d9e77' })
      .parse((await params).id);
    const receipt = (await loadReceipts([id])).get(id);
    if (!receipt) throw new AppError('NOT_FOUND', `No deposit has the ID ${id}.`);
    return Response.json(receipt);
  } catch (error) {
    return errorResponse(error);
  }
}
