import Link from 'next/link';

/**
 * The two ways to a certificate: its PDF (people of the case; an attachment) and its public check
 * page. The certificate number follows each link text for screen readers, so a list of links
 * still says which certificate each one is.
 */
export function CertificateLinks({
  id,
  number,
  pdfLabel,
  publicLabel,
}: {
  id: string;
  number: string;
  pdfLabel: string;
  publicLabel: string;
}) {
  return (
    <span className="flex flex-wrap gap-x-4 gap-y-1">
      <a href={`/api/v1/certificates/${id}/pdf`} className="underline" data-testid="certificate-pdf" download>
        {pdfLabel}
        <span className="sr-only"> {number}</span>
      </a>
      <Link href={`/certificates/${id}`} className="underline" data-testid="certificate-public-page" prefetch={false}>
        {publicLabel}
        <span className="sr-only"> {number}</span>
      </Link>
    </span>
  );
}
