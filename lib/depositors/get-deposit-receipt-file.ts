import 'server-only';
/**
 * One of the organisation's deposits as the receipt file the deposit page saves
 * (lib/ledger/receipt-file.ts): the receipt with a fresh proof, and the title when the portal kept
 * it (checked against the leaf when it was kept). The file name is not known here: the file is
 * named after the title, else the deposit ID.
 *
 * Who may: an active depositor account, for its own organisation's deposits; another
 * organisation's deposit is NOT_FOUND, like one that does not exist.
 */
import type { Actor } from '@/lib/auth/actor';
import { getPool } from '@/lib/db/pool';
import { AppError } from '@/lib/errors/app-error';
import { parseInput } from '@/lib/errors/zod-issues';
import { loadReceipts } from '@/lib/ledger/load-receipts';
import { ZDepositId } from '@/lib/ledger/receipt.schema';
import { receiptFile } from '@/lib/ledger/receipt-file';
import { requireOwnOrg } from './list-deposit-history';

export async function getDepositReceiptFile(actor: Actor, depositId: unknown): Promise<{ name: string; text: string }> {
  const org = await requireOwnOrg(actor);
  const id = parseInput(ZDepositId, depositId).toLowerCase();
  const { rows } = await getPool().query<{ title: string | null }>(
    `SELECT t.title FROM deposits d LEFT JOIN deposit_titles t ON t.deposit_id = d.id
      WHERE d.id = $1 AND d.org_id = $2`,
    [id, org.id],
  );
  const receipt = (await loadReceipts([id])).get(id);
  if (!rows[0] || !receipt) throw new AppError('NOT_FOUND', `No deposit ${id} of your organisation.`);
  const title = rows[0].title;
  return receiptFile(receipt, title ? { title } : {});
}
