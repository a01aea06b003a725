/**
 * A certificate's standing as a word with a shape beside it (never colour alone), with
 * `data-certificate-state` for automated checks. Presentational: the caller passes the word.
 */
export function CertificateStatus({ state, label }: { state: 'valid' | 'revoked'; label: string }) {
  const tone =
    state === 'valid' ? 'border-green-800 bg-green-50 text-green-900' : 'border-red-800 bg-red-50 text-red-900';
  return (
    <span
      data-testid="certificate-status"
      data-certificate-state={state}
      className={`inline-flex items-center gap-1 border px-2 py-0.5 font-semibold whitespace-nowrap ${tone}`}
    >
      <svg
        className="h-4 w-4 shrink-0"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={2.5}
        strokeLinecap="round"
        aria-hidden="true"
        focusable="false"
      >
        <circle cx="12" cy="12" r="10" />
        {state === 'valid' ? <path d="m7 12.5 3.2 3.2L17 9" /> : <path d="M5 19 19 5" />}
      </svg>
      {label}
    </span>
  );
}
