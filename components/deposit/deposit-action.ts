/**
 * What the deposit page sends and gets back (types only, shared by the client component and the
 * server action in app/(portal)/deposit/actions.ts).
 */
import type { AppErrorCode } from '@/lib/errors/app-error';
import type { BrowserDeposit, DepositFromBrowserInput } from '@/lib/ledger/deposit-from-browser.schema';
import type { Receipt } from '@/lib/ledger/receipt.schema';

export type { BrowserDeposit, DepositFromBrowserInput, Receipt };

export type DepositActionResult =
  | { ok: true; receipts: Receipt[] }
  | { ok: false; code: AppErrorCode; message: string };

export type DepositAction = (input: DepositFromBrowserInput) => Promise<DepositActionResult>;
