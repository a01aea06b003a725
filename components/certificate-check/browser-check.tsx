'use client';
/**
 * The court's page checks its own certificate again in the reader's browser, trusting the server
 * for nothing but bytes: the signed file is fetched from /api/v1/certificates/{id} and checked
 * with verifyCertificate against the court key and the log key pinned in this page, and it must
 * be the certificate the page describes (`served`).
 *
 * The signed file names people in full, so the server hands it only to the people of the case
 * (`access: 'session'`: fetched as the page opens) or with the certificate's check code
 * (lib/certificates/get-signed-certificate-file.ts). A visitor (`access: 'code'`) who came through
 * the lookup by number and code brings the code in the address's fragment (`#code=…`, which the
 * browser never sends to a server); anyone else is asked for the code printed on the certificate.
 * The code goes in the `Verity-Check-Code` header, never in an address.
 */
import { useTranslations } from 'next-intl';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { CodeField } from '@/components/ui/code-field';
import { ErrorSummary } from '@/components/ui/error-summary';
import { normaliseCheckCode } from '@/lib/certificates/format/check-code';
import { checkDetails } from '@/lib/certificates/format/check-details';
import { CertificateCheckList } from './check-list';
import type { CertificateLine } from './engine';

const loadEngine = () => import('./engine');

type CodeError = 'codeMissing' | 'codeFormat' | 'codeWrong' | 'rateLimited';

type State =
  | { state: 'checking' }
  | { state: 'code'; error?: CodeError; minutes?: number }
  | { state: 'done'; lines: CertificateLine[] }
  | { state: 'unavailable' };

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
  /** `session`: the reader may see the case, the file comes without a code; `code`: it needs the check code. */
  access: 'session' | 'code';
}

/** The check code the lookup put in the address's fragment (`#code=7K3M-Q9TX`), if any. */
function codeInFragment(): string | null {
  const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  return fragment.get('code');
}

class Refused extends Error {
  constructor(
    readonly code: string,
    readonly retryAfter: number | null,
  ) {
    super(code);
  }
}

export function CertificateBrowserCheck({
  id,
  courtPublicKey,
  logVerifierKey,
  expected,
  access,
  headingLevel = 2,
}: BrowserCheckProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const t = useTranslations('certificate.check');
  const [result, setResult] = useState<State>({ state: 'checking' });
  const [typed, setTyped] = useState('');

  const check = useCallback(
    async (code: string | null): Promise<CertificateLine[]> => {
      const response = await fetch(`/api/v1/certificates/${encodeURIComponent(id)}`, {
        cache: 'no-store',
        headers: code ? { 'verity-check-code': code } : {},
      });
      if (response.status === 403 || response.status === 429) {
        const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
        throw new Refused(body?.error?.code ?? 'FORBIDDEN', Number(response.headers.get('retry-after')) || null);
      }
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      const { verifyCertificate, checkpointSizeOf } = await loadEngine();
      const checked = verifyCertificate(bytes, { courtPublicKey, logVerifierKey });
      const body = checked.file?.body;
      const details = checkDetails(checked, checkpointSizeOf(body?.deposit?.tlogProof ?? null));
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
      return [...checked.checks, served].map((line) => (line.ok ? { ...line, detail: details[line.name] } : line));
    },
    [id, courtPublicKey, logVerifierKey, expected.number, expected.sha256, expected.sm3],
  );

  /** Checks with `code`; a refused code brings the form back with the reason. */
  const run = useCallback(
    async (code: string | null, isCancelled: () => boolean = () => false) => {
      setResult({ state: 'checking' });
      try {
        const lines = await check(code);
        if (!isCancelled()) setResult({ state: 'done', lines });
      } catch (error) {
        if (isCancelled()) return;
        if (error instanceof Refused && error.code === 'CHECK_CODE_WRONG')
          setResult({ state: 'code', error: 'codeWrong' });
        else if (error instanceof Refused && error.code === 'RATE_LIMITED') {
          setResult({
            state: 'code',
            error: 'rateLimited',
            minutes: Math.max(1, Math.ceil((error.retryAfter ?? 900) / 60)),
          });
        } else if (error instanceof Refused && error.code === 'CHECK_CODE_REQUIRED') setResult({ state: 'code' });
        else setResult({ state: 'unavailable' });
      }
    },
    [check],
  );

  useEffect(() => {
    let cancelled = false;
    const fromLookup = access === 'code' ? codeInFragment() : null;
    if (access === 'code' && !fromLookup) setResult({ state: 'code' });
    else void run(fromLookup, () => cancelled);
    // A link to this page with the code (#code=…) followed from the page itself: check with it.
    const onHashChange = () => {
      const code = access === 'code' ? codeInFragment() : null;
      if (code) void run(code, () => cancelled);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => {
      cancelled = true;
      window.removeEventListener('hashchange', onHashChange);
    };
  }, [access, run]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (typed.trim() === '') return setResult({ state: 'code', error: 'codeMissing' });
    const code = normaliseCheckCode(typed);
    if (!code) return setResult({ state: 'code', error: 'codeFormat' });
    void run(code);
  }

  const failed = result.state === 'done' ? result.lines.filter((l) => !l.ok).length : 0;
  const state = result.state === 'done' ? (failed === 0 ? 'ok' : 'failed') : result.state;
  const codeError =
    result.state === 'code' && result.error
      ? t(`codeForm.errors.${result.error}`, { minutes: result.minutes ?? 15 })
      : undefined;
  return (
    <section
      aria-labelledby="browser-check-heading"
      className={`border-l-8 px-4 py-3 ${state === 'ok' ? 'border-[#00703c] bg-[#eef7f1]' : state === 'checking' || state === 'code' ? 'border-slate-500 bg-slate-50' : 'border-seal-700 bg-[#fcefef]'}`}
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
      {result.state === 'code' ? (
        <form onSubmit={onSubmit} noValidate className="mt-1 space-y-4" data-testid="check-code-form">
          <p className="max-w-prose">{t('codeForm.intro')}</p>
          <ErrorSummary
            id="check-code-errors"
            testId="check-code-errors"
            title={t('codeForm.errorSummary')}
            items={codeError ? [{ message: codeError, href: '#check-code' }] : []}
          />
          <CodeField
            id="check-code"
            name="code"
            size="short"
            label={t('codeForm.label')}
            hint={t('codeForm.hint')}
            error={codeError}
            value={typed}
            onChange={setTyped}
          />
          <button
            type="submit"
            className="bg-court-700 px-5 py-2.5 text-base font-semibold text-white shadow-[0_2px_0_#0b2545] hover:bg-court-800"
          >
            {t('codeForm.submit')}
          </button>
        </form>
      ) : null}
      {result.state === 'done' ? <CertificateCheckList lines={result.lines} /> : null}
    </section>
  );
}
