import { headers } from 'next/headers';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PageShell } from '@/components/layout/page-shell';
import { getCurrentUser } from '@/lib/auth/session';

/** The ID asked for, from the path proxy.ts records (not-found pages are not given params). */
async function askedId(): Promise<string | null> {
  const path = (await headers()).get('x-verity-path') ?? '';
  const match = /^\/certificates\/([^/?#]{1,100})/.exec(path);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

/** No certificate with this ID: a 404 that still says plainly what it means. */
export default async function CertificateNotFound() {
  const [t, user, id] = await Promise.all([getTranslations('certificate.unknown'), getCurrentUser(), askedId()]);
  return (
    <PageShell user={user} mainData={{ 'data-certificate-state': 'unknown' }}>
      <h1 className="mb-4 text-3xl font-bold">{t('heading')}</h1>
      <div className="mb-6 max-w-prose border-l-8 border-seal-700 bg-[#fcefef] px-4 py-3">
        <p className="text-xl font-bold" data-testid="certificate-unknown">
          {t('body')}
        </p>
        {id ? <p className="mt-2 break-all">{t('id', { id })}</p> : null}
      </div>
      <p className="mb-6 max-w-prose text-lg">{t('advice')}</p>
      <Link href="/verify" className="text-lg text-court-700 underline underline-offset-4">
        {t('verifyLink')}
      </Link>
    </PageShell>
  );
}
