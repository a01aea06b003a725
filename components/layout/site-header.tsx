import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { SignOutButton } from '@/components/auth/sign-out-button';
import type { Actor } from '@/lib/auth/actor';
import { LanguageSwitch } from './language-switch';

export async function SiteHeader({ user }: { user?: Actor | null }) {
  const t = await getTranslations();
  return (
    <header className="border-t-4 border-seal-700 bg-court-900 text-white print:hidden">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3">
        <Link href={user ? '/home' : '/sign-in'} className="flex items-baseline gap-3 no-underline">
          <span className="text-xl font-bold tracking-wide">{t('common.appName')}</span>
          <span className="hidden text-sm text-white/80 sm:inline">{t('common.appSubtitle')}</span>
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <Link href="/verify" className="text-sm underline underline-offset-4 hover:no-underline">
            {t('verify.navLink')}
          </Link>
          <Link href="/ledger" className="text-sm underline underline-offset-4 hover:no-underline">
            {t('ledgerPage.navLink')}
          </Link>
          <LanguageSwitch />
          {user ? <SignOutButton /> : null}
        </div>
      </div>
      {user ? (
        <div className="bg-court-800">
          <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-1 px-4 py-2 text-sm">
            <nav aria-label={t('nav.primary')}>
              <ul className="flex gap-4">
                <li>
                  <Link href="/home" className="underline-offset-4 hover:underline">
                    {t('nav.home')}
                  </Link>
                </li>
                {user.role === 'admin' ? (
                  <li>
                    <Link href="/admin/users" className="underline-offset-4 hover:underline">
                      {t('nav.users')}
                    </Link>
                  </li>
                ) : null}
                {user.role === 'admin' ? (
                  <li>
                    <Link href="/admin/sign-in" className="underline-offset-4 hover:underline">
                      {t('oidc.nav')}
                    </Link>
                  </li>
                ) : null}
                {user.role === 'depositor' ? (
                  <li>
                    <Link href="/deposit" className="underline-offset-4 hover:underline">
                      {t('nav.deposit')}
                    </Link>
                  </li>
                ) : null}
                {/* issue #16, mail and notifications */}
                {user.role === 'admin' ? (
                  <li>
                    <Link href="/admin/mail" className="underline-offset-4 hover:underline">
                      {t('mailbox.outbox.heading')}
                    </Link>
                  </li>
                ) : (
                  <li>
                    <Link href="/notifications" className="underline-offset-4 hover:underline">
                      {t('notifications.heading')}
                    </Link>
                  </li>
                )}
              </ul>
            </nav>
            <div className="flex min-w-0 flex-wrap items-baseline gap-x-3 gap-y-1">
              <p data-testid="signed-in-as" className="min-w-0 text-white/90">
                {t('nav.signedInAs', { name: user.name, role: t(`roles.${user.role}`) })}
              </p>
              <Link href="/account" className="underline underline-offset-4 hover:no-underline">
                {t('account.navLink')}
              </Link>
            </div>
          </div>
        </div>
      ) : null}
    </header>
  );
}
