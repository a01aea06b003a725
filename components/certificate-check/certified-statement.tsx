import { useLocale, useTranslations } from 'next-intl';
import { VerdictIcon } from '@/components/verify/verdict-icon';
import type { CertificateBody } from '@/lib/certificates/format/certificate-body';
import { COURT_TIME_ZONE } from '@/lib/i18n/config';

/** A date in Beijing time, without the time of day: 2026年12月6日 / December 6, 2026. */
function courtDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: COURT_TIME_ZONE,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(new Date(iso));
}

const BORDER: Record<CertificateBody['verdict'], string> = {
  consistent: 'border-[#00703c]',
  tampered: 'border-seal-700',
  not_found: 'border-[#7f5200]',
  pending: 'border-[#7f5200]',
  invalid_proof: 'border-seal-700',
};

/**
 * What the court certified, in one plain sentence, first on the certificate's public page:
 * "示范互联网法院于 2026年12月6日 核验：（2026）京0491民初1234号案第 3 号证据《采购合同》与存证链上
 * 2026年11月30日 的存证一致。" — then the verdict word with its icon. Whether the certificate
 * itself is valid is a separate section below, so "valid" never reads as part of the verdict.
 */
export function CertifiedStatement({ body, revoked }: { body: CertificateBody; revoked: boolean }) {
  const t = useTranslations('certificate.statement');
  const tv = useTranslations('verify.verdict.word');
  const locale = useLocale();
  const values = {
    court: locale === 'en' ? body.court.nameEn : body.court.nameZh,
    date: courtDate(body.verification.at, locale),
    case: body.case.number,
    exhibit: body.exhibit.number,
    title: body.exhibit.title,
    depositDate: body.deposit ? courtDate(body.deposit.depositedAt, locale) : '',
    verdict: tv(body.verdict),
  };
  const sentence =
    body.verdict === 'not_found' || ((body.verdict === 'consistent' || body.verdict === 'tampered') && body.deposit)
      ? t(body.verdict as 'consistent' | 'tampered' | 'not_found', values)
      : t('other', values);
  return (
    <section
      aria-labelledby="statement-heading"
      className={`mb-6 max-w-prose border-l-8 ${BORDER[body.verdict]} bg-white py-1 pl-4`}
      data-testid="certified-statement"
      data-verdict={body.verdict}
    >
      <h2 id="statement-heading" className="text-2xl font-bold">
        {t('heading')}
      </h2>
      {revoked ? <p className="mt-2 font-semibold text-seal-700">{t('revokedLead')}</p> : null}
      <p className="mt-2 text-xl leading-relaxed break-words" data-testid="certified-sentence">
        {sentence}
      </p>
      <p className="mt-3 flex flex-wrap items-center gap-2 text-lg" data-testid="certified-verdict">
        <span>{t('verdictLabel')}</span>
        <span className="inline-flex items-center gap-2 font-bold">
          <VerdictIcon verdict={body.verdict} className="h-6 w-6" />
          {tv(body.verdict)}
        </span>
      </p>
      <p className="mt-2 text-slate-700">{t('more')}</p>
    </section>
  );
}
