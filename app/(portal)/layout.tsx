import type { ReactNode } from 'react';
import { PageShell } from '@/components/layout/page-shell';
import { requireUser } from '@/lib/auth/session';

/** Everything inside (portal) needs a signed-in user; each page checks its own role too. */
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return <PageShell user={user}>{children}</PageShell>;
}
