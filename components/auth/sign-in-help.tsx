import { getTranslations } from 'next-intl/server';
import { isDemoMode } from '@/lib/env/demo-mode';
import { DEMO_PASSWORD, DEMO_USERS } from '@/prisma/seed/demo-data';

/** Beside the sign-in form: the demo accounts on a demo portal, otherwise where accounts come from. */
export async function SignInHelp() {
  const t = await getTranslations();
  if (!isDemoMode()) {
    return (
      <aside className="self-start border-l-4 border-court-700 bg-court-50 p-4">
        <h2 className="mb-2 font-bold">{t('signIn.helpHeading')}</h2>
        <p className="text-slate-700">{t('signIn.helpBody')}</p>
      </aside>
    );
  }
  return (
    <aside className="self-start border-l-4 border-court-700 bg-court-50 p-4" data-testid="demo-accounts">
      <h2 className="mb-2 font-bold">{t('signIn.demoHeading')}</h2>
      <p className="text-slate-700">{t('signIn.demoBody')}</p>
      <p className="mb-3">
        <code className="bg-white px-1 font-mono" data-testid="demo-password">
          {DEMO_PASSWORD}
        </code>
      </p>
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
        {DEMO_USERS.map((u) => (
          <div key={u.email} className="contents">
            <dt className="text-slate-600">{t(`roles.${u.role}`)}</dt>
            <dd className="break-all font-mono">{u.email}</dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}
