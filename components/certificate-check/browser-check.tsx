'use client';
/**
 * The court's page checks its own certificate again in the reader's browser, trusting the server
 * for nothing but bytes: the signed file is fetched from /api/v1/certificates/{id} and checked
 * with verifyCertificate against the court key and the log key pinned in this page, and it must
 * be the certificate the page describes (`served`).
 */
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { checkDetails } from '@/lib/certificates/format/check-details';
import { CertificateCheckList } from './check-list';
import type { CertificateLine } from './engine';

const loadEngine = () => import('./engine');

type State = { state: 'checking' } | { state: 'done'; lines: CertificateLine[] } | { state: 'unavailable' };

export interface BrowserCheckProps {
  /** The heading's level: 3 inside the page's "is this certificate valid" section. */
  headingLevel?: 2 | 3;
  id: string;
  /** Base64 of the court's Ed25519 public key, pinned by the server into the page. */
  courtPublicKey: string;
  /** The log's verifier key, pinned likewise. */
  logVerifierKey: string;
  /** What the page shows, which the fetched certificate must say too. */
  expected: { number: string; sha256: string; sm3: string };
}

export function CertificateBrowserCheck({
  id,
  courtPublicKey,
  logVerifierKey,
  expected,
  headingLevel = 2,
}: BrowserCheckProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const t = useTranslations('certificate.check');
  const [result, setResult] = useState<State>({ state: 'checking' });

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const response = await fetch(`/api/v1/certificates/${encodeURIComponent(id)}`, { cache: 'no-store' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      const { verifyCertificate, checkpointSizeOf } = await loadEngine();
      const check = verifyCertificate(bytes, { courtPublicKey, logVerifierKey });
      const body = check.file?.body;
      const details = checkDetails(check, checkpointSizeOf(body?.deposit?.tlogProof ?? null));
      const same =
        body !== undefined &&
        body.id === id &&
        body.number === expected.number &&
        body.digests.sha256 === expected.sha256 &&
        body.digests.sm3 === expected.sm3;
      const served: CertificateLine = {
        name: 'served',
        ok: same,
        message: same
          ? `certificate ${expected.number} (ID ${id}), with the digests shown on this page`
          : 'the certificate fetched from the server is not the one this page shows',
      };
      return [...check.checks, served].map((line) => (line.ok ? { ...line, detail: details[line.name] } : line));
    })().then(
      (lines) => {
        if (!cancelled) setResult({ state: 'done', lines });
      },
      () => {
        if (!cancelled) setResult({ state: 'unavailable' });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [id, courtPublicKey, logVerifierKey, expected.number, expected.sha256, expected.sm3]);

  const failed = result.state === 'done' ? result.lines.filter((l) => !l.ok).length : 0;
  const state = result.state === 'done' ? (failed === 0 ? 'ok' : 'failed') : result.state;
  return (
    <section
      aria-labelledby="browser-check-heading"
      className={`border-l-8 px-4 py-3 ${state === 'ok' ? 'border-[#00703c] bg-[#eef7f1]' : state === 'checking' ? 'border-slate-500 bg-slate-50' : 'border-seal-700 bg-[#fcefef]'}`}
      data-testid="browser-check"
      data-browser-check={state}
    >
      <Heading id="browser-check-heading" className="text-xl font-bold">
        {t('heading')}
      </Heading>
      <p className="mt-1 max-w-prose font-semibold" role="status">
        {state === 'checking' ? t('checking') : null}
        {state === 'ok' ? t('ok') : null}
        {state === 'failed' ? t('failed', { count: failed }) : null}
        {state === 'unavailable' ? t('unavailable') : null}
      </p>
      {result.state === 'done' ? <CertificateCheckList lines={result.lines} /> : null}
    </section>
  );
}
