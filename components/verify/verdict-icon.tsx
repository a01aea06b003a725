import type { Verdict } from '@/lib/verification/decide-verdict';

/** A shape per verdict, so the verdict never rests on colour alone (the word is beside it too). */
export function VerdictIcon({ verdict, className = 'h-7 w-7' }: { verdict: Verdict; className?: string }) {
  return (
    // Decorative: the verdict's word stands beside it, so screen readers skip the shape.
    <svg
      aria-hidden="true"
      focusable="false"
      className={`${className} shrink-0`}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2.5}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {SHAPES[verdict]}
    </svg>
  );
}

const SHAPES: Record<Verdict, React.ReactNode> = {
  consistent: (
    <>
      <circle cx="12" cy="12" r="10" />
      <path d="m7 12.5 3.2 3.2L17 9" />
    </>
  ),
  tampered: (
    <>
      <circle cx="12" cy="12" r="10" />
      <path d="m8 8 8 8M16 8l-8 8" />
    </>
  ),
  not_found: (
    <>
      <circle cx="10.5" cy="10.5" r="6.5" />
      <path d="m15.5 15.5 5 5" />
    </>
  ),
  pending: (
    <>
      <circle cx="12" cy="12" r="10" />
      <path d="M12 6.5V12l3.5 2.5" />
    </>
  ),
  invalid_proof: (
    <>
      <path d="M12 2.8 1.8 20.5h20.4L12 2.8Z" />
      <path d="M12 9v5.5M12 17.6v.1" />
    </>
  ),
};
