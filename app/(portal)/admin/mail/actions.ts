'use server';
/** The admin's outgoing-mail page: send a failed e-mail again. resendMail checks the role. */
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getCurrentUser } from '@/lib/auth/session';
import { type ActionResult, toActionResult } from '@/lib/errors/action-result';
import { AppError } from '@/lib/errors/app-error';
import { resendMail } from '@/lib/mail/resend-mail';

export interface ResendMailState {
  result?: ActionResult<{ recipient: string }>;
}

export async function resendMailAction(
  outboxId: string,
  _previous: ResendMailState,
  _form: FormData,
): Promise<ResendMailState> {
  const result = await toActionResult(async () => {
    const user = await getCurrentUser();
    if (!user) throw new AppError('UNAUTHENTICATED', 'Your session has ended: sign in again.');
    const id = z.string().max(64).parse(outboxId);
    const { recipient } = await resendMail(user, id);
    revalidatePath('/admin/mail');
    return { recipient };
  });
  return { result };
}
