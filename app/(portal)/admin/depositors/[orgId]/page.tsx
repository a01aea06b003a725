import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { NextIntlClientProvider } from 'next-intl';
import { getFormatter, getMessages, getTranslations } from 'next-intl/server';
import { AdminForm } from '@/components/admin/admin-form';
import { Pagination, pageHref } from '@/components/ui/pagination';
import { StackedTable } from '@/components/ui/stacked-table';
import { requireRole } from '@/lib/auth/session';
import { defaultDepositLimits } from '@/lib/depositors/deposit-limits';
import { listApiKeysPage } from '@/lib/depositors/list-api-keys';
import { listDepositorKeysPage } from '@/lib/depositors/list-depositor-keys';
import { getDepositorOrg } from '@/lib/depositors/search-depositor-orgs';
import { COURT_TIME_ZONE } from '@/lib/i18n/config';
import {
  createApiKeyAction,
  registerDepositorKeyAction,
  renameDepositorOrgAction,
  revokeApiKeyAction,
  revokeDepositorKeyAction,
  setApiKeyLimitsAction,
} from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.org');
  return { title: t('pageTitle') };
}

/** One depositor organisation: its name, API keys (issue, revoke, last use, deposit limits) and signing keys. */
export default async function OrgPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const admin = await requireRole('admin');
  const { orgId } = await params;
  const org = await getDepositorOrg(admin, orgId);
  if (!org) notFound();
  // Both key lists keep revoked keys, so each comes 25 a page (?keys=N, ?signing=N).
  const query = await searchParams;
  const pageOf = (value: string | string[] | undefined) => {
    const n = Number.parseInt(Array.isArray(value) ? (value[0] ?? '') : (value ?? ''), 10);
    return Number.isInteger(n) && n > 0 && n <= 100_000 ? n : 1;
  };
  const [keysPage, signingPage] = [pageOf(query.keys), pageOf(query.signing)];
  const [apiKeysPage, signingKeysPage] = await Promise.all([
    listApiKeysPage(admin, { orgId, page: keysPage }),
    listDepositorKeysPage(admin, orgId, { page: signingPage }),
  ]);
  const apiKeys = apiKeysPage.items;
  const signingKeys = signingKeysPage.items;
  const here = `/admin/depositors/${org.id}`;
  const hrefOf = (keys: number, signing: number, anchor: string) =>
    `${pageHref(here, { keys: keys > 1 ? String(keys) : undefined, signing: signing > 1 ? String(signing) : undefined }, 1)}#${anchor}`;
  const t = await getTranslations('admin');
  const format = await getFormatter();
  const messages = await getMessages();
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short', timeZone: COURT_TIME_ZONE });
  const status = (revokedAt: Date | null) =>
    revokedAt ? t('org.revokedAt', { date: when(revokedAt) }) : t('org.active');
  const hidden = (name: string, value: string) => ({ name, label: '', type: 'hidden' as const, defaultValue: value });
  const activeKeys = apiKeys.filter((k) => !k.revokedAt);
  const defaults = defaultDepositLimits();
  // Empty: the server's default, which the hint names.
  const limitField = (
    name: 'ratePerMinute' | 'burst' | 'dailyQuota',
    value: number | null,
    fallback: number | null,
  ) => ({
    name,
    label: t(`org.${name}`),
    hint: fallback === null ? t('org.limitNone') : t('org.limitDefault', { value: format.number(fallback) }),
    defaultValue: value === null ? '' : String(value),
  });
  return (
    <div className="max-w-4xl space-y-10">
      <header>
        <p className="mb-4">
          <Link href="/admin/depositors" className="text-court-700 underline underline-offset-4">
            {t('org.back')}
          </Link>
        </p>
        <h1 className="mb-2 text-3xl font-bold break-words" data-testid="org-name">
          {org.name}
        </h1>
        <p data-testid="org-deposits">{t('org.depositsNote', { count: org.depositCount })}</p>
      </header>
      <NextIntlClientProvider messages={{ admin: messages.admin }}>
        <section aria-labelledby="rename-heading">
          <h2 id="rename-heading" className="mb-4 text-2xl font-bold">
            {t('org.renameHeading')}
          </h2>
          <AdminForm
            id="rename"
            testId="rename-form"
            action={renameDepositorOrgAction}
            submitLabel={t('org.rename')}
            fields={[
              hidden('orgId', org.id),
              { name: 'name', label: t('depositors.name'), hint: t('org.renameHint'), defaultValue: org.name },
            ]}
          />
        </section>
        <section aria-labelledby="keys-heading">
          <h2 id="keys-heading" className="mb-2 text-2xl font-bold">
            {t('org.keysHeading')}
          </h2>
          <p className="mb-4 max-w-prose text-slate-700">{t('org.keysIntro')}</p>
          {apiKeys.length === 0 ? (
            <p>{t('org.noKeys')}</p>
          ) : (
            <StackedTable
              head={[
                t('org.keyColumns.label'),
                t('org.keyColumns.lookupId'),
                t('org.keyColumns.created'),
                t('org.keyColumns.lastUsed'),
                t('org.keyColumns.status'),
              ]}
              testId="api-key-table"
              wrap={[0]}
              keep={[2, 3, 4]}
              rows={apiKeys.map((k) => ({
                key: k.id,
                cells: [
                  k.label,
                  <span key="l" className="font-mono">
                    {k.lookupId}
                  </span>,
                  when(k.createdAt),
                  k.lastUsedAt ? when(k.lastUsedAt) : t('org.never'),
                  k.revokedAt ? (
                    status(k.revokedAt)
                  ) : (
                    <div key="s" className="space-y-2">
                      <span>{status(null)}</span>
                      <AdminForm
                        id={`revoke-key-${k.id}`}
                        action={revokeApiKeyAction}
                        secondary
                        submitLabel={t('org.revokeKey')}
                        fields={[hidden('orgId', org.id), hidden('apiKeyId', k.id)]}
                      />
                    </div>
                  ),
                ],
              }))}
            />
          )}
          <Pagination
            page={apiKeysPage.page}
            pages={apiKeysPage.pages}
            href={(n) => hrefOf(n, signingKeysPage.page, 'keys-heading')}
            labels={{
              nav: t('org.keyPages.nav'),
              previous: t('org.keyPages.previous'),
              next: t('org.keyPages.next'),
              status: t('org.keyPages.status', {
                page: apiKeysPage.page,
                pages: apiKeysPage.pages,
                total: apiKeysPage.total,
              }),
            }}
          />
          <h3 className="mt-6 mb-3 text-xl font-bold">{t('org.createKeyHeading')}</h3>
          <AdminForm
            id="create-key"
            testId="create-key-form"
            action={createApiKeyAction}
            submitLabel={t('org.createKey')}
            fields={[hidden('orgId', org.id), { name: 'label', label: t('org.keyLabel'), hint: t('org.keyLabelHint') }]}
          />
        </section>
        <section aria-labelledby="limits-heading">
          <h2 id="limits-heading" className="mb-2 text-2xl font-bold">
            {t('org.limitsHeading')}
          </h2>
          <p className="mb-4 max-w-prose text-slate-700">{t('org.limitsIntro')}</p>
          {activeKeys.length === 0 ? (
            <p>{t('org.noActiveKeys')}</p>
          ) : (
            activeKeys.map((k) => (
              <div key={k.id} className="mb-6" data-testid="api-key-limits">
                <h3 className="mb-3 text-xl font-bold break-words">
                  {t('org.limitsFor', { label: k.label, lookupId: k.lookupId })}
                </h3>
                <AdminForm
                  id={`limits-${k.id}`}
                  action={setApiKeyLimitsAction}
                  secondary
                  submitLabel={t('org.saveLimits')}
                  fields={[
                    hidden('orgId', org.id),
                    hidden('apiKeyId', k.id),
                    limitField('ratePerMinute', k.ratePerMinute, defaults.ratePerMinute),
                    limitField('burst', k.rateBurst, defaults.burst),
                    limitField('dailyQuota', k.dailyQuota, defaults.dailyQuota),
                  ]}
                />
              </div>
            ))
          )}
        </section>
        <section aria-labelledby="signing-heading">
          <h2 id="signing-heading" className="mb-2 text-2xl font-bold">
            {t('org.signingHeading')}
          </h2>
          <p className="mb-4 max-w-prose text-slate-700">{t('org.signingIntro')}</p>
          {signingKeys.length === 0 ? (
            <p>{t('org.noSigningKeys')}</p>
          ) : (
            <StackedTable
              head={[
                t('org.signingColumns.label'),
                t('org.signingColumns.algorithm'),
                t('org.signingColumns.publicKey'),
                t('org.signingColumns.status'),
              ]}
              testId="signing-key-table"
              wrap={[0, 2]}
              keep={[1, 3]}
              rows={signingKeys.map((k) => ({
                key: k.id,
                cells: [
                  k.label,
                  k.algorithm === 'sm2' ? 'SM2' : 'Ed25519',
                  <span key="p" className="font-mono text-sm break-all">
                    {k.publicKeyBase64}
                  </span>,
                  k.revokedAt ? (
                    status(k.revokedAt)
                  ) : (
                    <div key="s" className="space-y-2">
                      <span>{status(null)}</span>
                      <AdminForm
                        id={`revoke-signing-${k.id}`}
                        action={revokeDepositorKeyAction}
                        secondary
                        submitLabel={t('org.revokeSigning')}
                        fields={[hidden('orgId', org.id), hidden('depositorKeyId', k.id)]}
                      />
                    </div>
                  ),
                ],
              }))}
            />
          )}
          <Pagination
            page={signingKeysPage.page}
            pages={signingKeysPage.pages}
            href={(n) => hrefOf(apiKeysPage.page, n, 'signing-heading')}
            labels={{
              nav: t('org.signingPages.nav'),
              previous: t('org.keyPages.previous'),
              next: t('org.keyPages.next'),
              status: t('org.signingPages.status', {
                page: signingKeysPage.page,
                pages: signingKeysPage.pages,
                total: signingKeysPage.total,
              }),
            }}
          />
          <h3 className="mt-6 mb-3 text-xl font-bold">{t('org.registerHeading')}</h3>
          <AdminForm
            id="register-key"
            testId="register-key-form"
            action={registerDepositorKeyAction}
            submitLabel={t('org.register')}
            fields={[
              hidden('orgId', org.id),
              {
                name: 'algorithm',
                label: t('org.algorithm'),
                type: 'radio',
                defaultValue: 'ed25519',
                options: [
                  { value: 'ed25519', label: 'Ed25519' },
                  { value: 'sm2', label: 'SM2' },
                ],
              },
              { name: 'publicKey', label: t('org.publicKey'), hint: t('org.publicKeyHint'), type: 'textarea' },
              { name: 'label', label: t('org.signingLabel'), hint: t('org.keyLabelHint') },
            ]}
          />
        </section>
      </NextIntlClientProvider>
    </div>
  );
}
