/**
 * The page a custody-recording page shows instead of itself when the request did not come from
 * the portal's own pages (lib/auth/check-custody-request.ts): why, and a button to the same
 * address, which the person's click makes a same-origin request. Nothing of the case is shown
 * and nothing is recorded. Route handlers answer the same words as plain HTML
 * (lib/auth/custody-confirmation-response.ts).
 */
import { getTranslations } from 'next-intl/server';

export async function CustodyConfirmation({
  href,
  site,
  action,
}: {
  href: string;
  site: string;
  action: 'exhibitPage';
}) {
  const t = await getTranslations('custody.confirm');
  return (
    <section className="max-w-prose space-y-4" data-testid="custody-confirm" data-site={site}>
      <h1 className="text-3xl font-bold">{t('heading')}</h1>
      <p>{t('lead')}</p>
      <p>
        {/* A plain link, not next/link: a full navigation, exactly what a bookmark would make. */}
        <a
          href={href}
          className="inline-block bg-court-700 px-5 py-2.5 text-base font-semibold text-white shadow-[0_2px_0_#0b2545] hover:bg-court-800"
          data-testid="custody-confirm-button"
        >
          {t(action)}
        </a>
      </p>
      <p>{t('notMeant')}</p>
    </section>
  );
}
