import type { ReactNode } from 'react';
import type { Actor } from '@/lib/auth/actor';
import { SiteFooter } from './site-footer';
import { SiteHeader } from './site-header';

/** Header, main landmark and footer around every page. */
export function PageShell({
  user,
  mainData,
  children,
}: {
  user?: Actor | null;
  /** `data-*` attributes for the main element (what a page's tests look for, e.g. a state). */
  mainData?: Record<`data-${string}`, string>;
  children: ReactNode;
}) {
  return (
    <>
      <SiteHeader user={user} />
      <main
        id="main"
        tabIndex={-1}
        className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 focus:outline-none"
        {...mainData}
      >
        {children}
      </main>
      <SiteFooter />
    </>
  );
}
