'use server';
import { cookies } from 'next/headers';
import { z } from 'zod';
import { LOCALE_COOKIE, LOCALES } from '@/lib/i18n/config';

const ZSetLocale = z.object({ locale: z.enum(LOCALES) });

/** Remembers the reader's language for a year. Open to everyone: it only sets a preference. */
export async function setLocale(formData: FormData): Promise<void> {
  const parsed = ZSetLocale.safeParse({ locale: formData.get('locale') });
  if (!parsed.success) return;
  (await cookies()).set(LOCALE_COOKIE, parsed.data.locale, {
    path: '/',
    maxAge: 365 * 24 * 3600,
    sameSite: 'lax',
    httpOnly: false,
  });
}
