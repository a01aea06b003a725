import type { ReactNode } from 'react';
import type { Actor } from '@/lib/auth/actor';
import { SiteFooter } from './site-footer';
import { SiteHeader } from './site-header';

/** Header, main landmark and footer around every page. */
export function PageShell({ user, children }: { user?: Actor | null; children: ReactNode }) {
  return (
    <>
      <SiteHeader user={user} />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 focus:outline-none">
        {children}
      </main>
      <SiteFooter />
    </>
  );
}
