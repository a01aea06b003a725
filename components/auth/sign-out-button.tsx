'use client';
import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';

export function SignOutButton() {
  const t = useTranslations('nav');
  return (
    <button
      type="button"
      onClick={() => void signOut({ callbackUrl: '/sign-in' })}
      className="rounded border border-white/60 px-3 py-1 text-sm hover:bg-white hover:text-court-900"
    >
      {t('signOut')}
    </button>
  );
}
