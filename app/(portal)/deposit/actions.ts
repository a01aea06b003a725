'use server';
/**
 * The deposit page's one action. A public endpoint like any server action: it checks the session
 * here, and depositFromBrowser checks the role and validates the input (zod) itself.
 */
import type { DepositActionResult } from '@/components/deposit/deposit-action';
import { getCurrentUser } from '@/lib/auth/session';
import { isAppError } from '@/lib/errors/app-error';
import { depositFromBrowser } from '@/lib/ledger/deposit-from-browser';

/** Deposits digests (never files) for the signed-in depositor; answers receipts or an error code. */
export async function depositDigests(input: unknown): Promise<DepositActionResult> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, code: 'UNAUTHENTICATED', message: 'Sign in to deposit.' };
  try {
    const { receipts } = await depositFromBrowser(user, input);
    return { ok: true, receipts };
  } catch (error) {
    if (isAppError(error)) return { ok: false, code: error.code, message: error.message };
    console.error(error);
    return { ok: false, code: 'INTERNAL', message: 'An unexpected error occurred.' };
  }
}
