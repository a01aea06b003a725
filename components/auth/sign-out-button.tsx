'use client';
import { useTranslations } from 'next-intl';

/**
 * next-auth's client (`next-auth/react`, ~11 KiB gzip with its runtime helpers) is imported only
 * when the button is pressed: the header is on every page, /verify included, and most visitors
 * there never sign in.
 */
async function signOutNow(): Promise<void> {
  const { signOut } = await import('next-auth/react');
  await signOut({ callbackUrl: '/sign-in' });
}

export function SignOutButton() {
  const t = useTranslations('nav');
  return (
    <button
      type="button"
      onClick={() => void signOutNow()}
      className="rounded border border-white/60 px-3 py-1 text-sm hover:bg-white hover:text-court-900"
    >
      {t('signOut')}
    </button>
  );
}
