'use server';
/**
 * The notifications page's forms (plain form posts: they work without JavaScript). Thin: the
 * domain functions scope everything to the signed-in person.
 */
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getCurrentUser } from '@/lib/auth/session';
import { isAppError } from '@/lib/errors/app-error';
import { markAllNotificationsRead, markNotificationRead } from '@/lib/notifications/mark-notifications-read';
import { setNotifyByEmail } from '@/lib/notifications/set-notify-by-email';

const ZMarkRead = z.object({ id: z.string().max(64) });
const ZEmailChoice = z.object({ notifyByEmail: z.enum(['on', 'off']) });

function refresh(): void {
  revalidatePath('/notifications');
  revalidatePath('/home');
}

export async function markNotificationReadAction(form: FormData): Promise<void> {
  const user = await getCurrentUser();
  const parsed = ZMarkRead.safeParse({ id: form.get('id') });
  if (!user || !parsed.success) return;
  try {
    await markNotificationRead(user, parsed.data.id);
  } catch (error) {
    // Someone else's, or gone: nothing to show; the page shows the person's own list as it is.
    if (!isAppError(error)) throw error;
  }
  refresh();
}

export async function markAllNotificationsReadAction(_form: FormData): Promise<void> {
  const user = await getCurrentUser();
  if (!user) return;
  await markAllNotificationsRead(user);
  refresh();
}

export async function setNotifyByEmailAction(form: FormData): Promise<void> {
  const user = await getCurrentUser();
  const parsed = ZEmailChoice.safeParse({ notifyByEmail: form.get('notifyByEmail') });
  if (!user || !parsed.success) return;
  await setNotifyByEmail(user, parsed.data.notifyByEmail === 'on');
  refresh();
}
